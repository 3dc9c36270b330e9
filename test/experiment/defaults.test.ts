import { describe, expect, it } from 'vitest';
import type { GradientSdeDynamics } from '../../src/dynamics/gradient-sde';
import { DEFAULT_NAME, DEFAULT_SEED, DEFAULT_OBSERVABLES } from '../../src/experiment/index';
import { parseValid, validInput } from './fixtures';
import type { QuadraticObjective } from '../../src/objectives/quadratic';

describe('defaults and normalization', () => {
  it('fills name, seed, b, integrator, record and leaves optional fields absent', () => {
    const experiment = parseValid(validInput());
    expect(experiment.name).toBe(DEFAULT_NAME);
    expect(experiment.seed).toBe(DEFAULT_SEED);
    expect((experiment.objective as QuadraticObjective).b).toEqual([0, 0]);
    expect((experiment.dynamics[0] as GradientSdeDynamics).integrator).toBe('euler-maruyama');
    expect(experiment.record).toEqual({ every: 'end', observables: [...DEFAULT_OBSERVABLES] });
    expect(experiment.duration).toEqual({ kind: 'steps', steps: 10 });
    expect(experiment).not.toHaveProperty('description');
    expect(experiment).not.toHaveProperty('reference');
    expect(experiment).not.toHaveProperty('sweep');
    expect(experiment.dynamics[0]).not.toHaveProperty('label');
  });

  it('keeps a given numeric seed as the seed in use', () => {
    expect(parseValid(validInput({ seed: 42 })).seed).toBe(42);
  });

  it('fills observables when record gives only every', () => {
    expect(parseValid(validInput({ record: { every: 5 } })).record).toEqual({ every: 5, observables: ['mean', 'variance'] });
  });

  it('normalizes scalar, diagonal and matrix sigma to a d×d sigmaMatrix, keeping sigma as given', () => {
    const dynamics = [
      { kind: 'gradient-sde', dt: 0.1, sigma: 0.5 },
      { kind: 'gradient-sde', dt: 0.1, sigma: [1, 2] },
      { kind: 'gradient-sde', dt: 0.1, sigma: [[1, 0], [-0.3, 2]] },
    ];
    const experiment = parseValid(validInput({ dynamics }));
    expect((experiment.dynamics as GradientSdeDynamics[]).map((d) => d.sigma)).toEqual([0.5, [1, 2], [[1, 0], [-0.3, 2]]]);
    expect((experiment.dynamics as GradientSdeDynamics[]).map((d) => d.sigmaMatrix)).toEqual([
      [[0.5, 0], [0, 0.5]],
      [[1, 0], [0, 2]],
      [[1, 0], [-0.3, 2]],
    ]);
  });

  it('normalizes a gaussian x0, broadcasting scalar mean and std to d entries', () => {
    const experiment = parseValid(validInput({ x0: { kind: 'gaussian', mean: 1, std: [0.1, 0.2] } }));
    expect(experiment.x0).toEqual({ kind: 'gaussian', mean: [1, 1], std: [0.1, 0.2] });
    const scalarStd = parseValid(validInput({ x0: { kind: 'gaussian', mean: [1, 2], std: 0 } }));
    expect(scalarStd.x0).toEqual({ kind: 'gaussian', mean: [1, 2], std: [0, 0] });
  });

  it('accepts an indefinite A and an A symmetric to within 1e-9 of its largest entry', () => {
    expect(parseValid(validInput({ objective: { kind: 'quadratic', A: [[1, 0], [0, -1]] } })).dim).toBe(2);
    const nearlySymmetric = [[1000, 1 + 5e-7], [1, 1]];
    expect((parseValid(validInput({ objective: { kind: 'quadratic', A: nearlySymmetric } })).objective as QuadraticObjective).A).toEqual(nearlySymmetric);
  });

  it('accepts horizon instead of steps when horizon / dt is a whole number up to rounding', () => {
    const experiment = parseValid(validInput({ steps: undefined, horizon: 0.3 }));
    expect(experiment.duration).toEqual({ kind: 'horizon', horizon: 0.3 });
  });
});
