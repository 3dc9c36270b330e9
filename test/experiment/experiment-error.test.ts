import { describe, expect, it } from 'vitest';
import { assertExperiment, ExperimentError } from '../../src/experiment/index';
import { validInput } from './fixtures';

describe('assertExperiment', () => {
  it('returns the normalized experiment for valid input', () => {
    expect(assertExperiment(validInput()).dim).toBe(2);
  });

  it('throws an ExperimentError carrying every issue, one "path: message" line each', () => {
    let caught: unknown;
    try {
      assertExperiment(validInput({ trajectories: -1, x0: [0] }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExperimentError);
    const error = caught as ExperimentError;
    expect(error.issues.map((i) => i.path)).toEqual(['$.trajectories', '$.x0']);
    expect(error.message.split('\n')).toEqual(error.issues.map((i) => `${i.path}: ${i.message}`));
  });
});
