import { describe, expect, it } from 'vitest';
import type { GradientSdeDynamics } from '../../src/dynamics/gradient-sde';
import { checkpoints, expandRuns } from '../../src/experiment/index';
import { parseValid, validInput } from './fixtures';

describe('checkpoints', () => {
  it('are step 0, every multiple of every, and the final step: steps 10 every 4 → [0, 4, 8, 10]', () => {
    expect(checkpoints(10, 4)).toEqual([0, 4, 8, 10]);
  });

  it('do not repeat the final step when every divides steps', () => {
    expect(checkpoints(12, 4)).toEqual([0, 4, 8, 12]);
  });

  it('are only start and end when every is at least steps', () => {
    expect(checkpoints(10, 10)).toEqual([0, 10]);
    expect(checkpoints(10, 50)).toEqual([0, 10]);
    expect(checkpoints(1, 1)).toEqual([0, 1]);
  });
});

describe('expandRuns', () => {
  it('plans one run per dynamics item, with record.every resolved per run', () => {
    const runs = expandRuns(parseValid(validInput({ record: { every: 4 } })));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ index: 0, dynamicsIndex: 0, steps: 10, recordEvery: 4, checkpoints: [0, 4, 8, 10] });
    expect(runs[0]).not.toHaveProperty('sweep');
  });

  it('records only start and end by default', () => {
    expect(expandRuns(parseValid(validInput()))[0]).toMatchObject({ recordEvery: 10, checkpoints: [0, 10] });
  });

  it('resolves steps per dynamics item from horizon / dt', () => {
    const dynamics = [
      { kind: 'gradient-sde', dt: 0.125, sigma: 1 },
      { kind: 'gradient-sde', dt: 0.5, sigma: 1 },
    ];
    const runs = expandRuns(parseValid(validInput({ steps: undefined, horizon: 1, dynamics })));
    expect(runs.map((run) => run.steps)).toEqual([8, 2]);
    expect(runs.map((run) => run.checkpoints)).toEqual([[0, 8], [0, 2]]);
    // One Brownian path: the coarser item's step sums 4 fine increments.
    expect(runs.map((run) => run.noiseGrid)).toEqual([{ refineLog2: 0, replica: 0 }, { refineLog2: 2, replica: 0 }]);
  });

  it('expands a sweep in value order, then dynamics order, applying each value to every item', () => {
    const dynamics = [
      { kind: 'gradient-sde', dt: 0.1, sigma: 1, label: 'em' },
      { kind: 'gradient-sde', dt: 0.1, sigma: 1, integrator: 'exact', label: 'exact' },
    ];
    const runs = expandRuns(parseValid(validInput({ dynamics, sweep: { sigma: [0.5, [1, 2]] } })));
    expect(runs.map((run) => [run.index, run.sweep?.value, run.dynamics.label])).toEqual([
      [0, 0.5, 'em'],
      [1, 0.5, 'exact'],
      [2, [1, 2], 'em'],
      [3, [1, 2], 'exact'],
    ]);
    expect((runs[1].dynamics as GradientSdeDynamics).sigmaMatrix).toEqual([[0.5, 0], [0, 0.5]]);
    expect((runs[2].dynamics as GradientSdeDynamics).sigmaMatrix).toEqual([[1, 0], [0, 2]]);
    expect(runs.every((run) => run.sweep?.param === 'sigma')).toBe(true);
  });

  it('recomputes steps for a dt sweep under a horizon', () => {
    const experiment = parseValid(validInput({ steps: undefined, horizon: 2, sweep: { dt: [0.1, 0.5, 0.02] }, record: { every: 3 }, coupling: 'independent' }));
    const runs = expandRuns(experiment);
    expect(runs.map((run) => [run.dynamics.dt, run.steps])).toEqual([[0.1, 20], [0.5, 4], [0.02, 100]]);
    // Independent noise: each sweep value draws from its own replica, every run counting its own steps.
    expect(runs.map((run) => run.noiseGrid)).toEqual([0, 1, 2].map((replica) => ({ refineLog2: 0, replica })));
    expect(runs[1].checkpoints).toEqual([0, 3, 4]);
    expect(experiment.dynamics[0].dt).toBe(0.1);
  });
});
