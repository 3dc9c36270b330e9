import { dynamicsDescriptor, keyFromSeed, objectiveDescriptor, type EnsembleSpec } from '../../src/internal';

export interface OuCase {
  A: number[][];
  b?: number[];
  sigma: number | number[] | number[][];
  dt: number;
  integrator?: 'euler-maruyama' | 'exact';
  x0: number[];
  x0std?: number[];
  trajectories: number;
  steps: number;
  checkpoints?: number[];
  seed?: string | number;
}

/** An ensemble spec for a gradient SDE on a quadratic (an OU process), straight from the registry. */
export function ouSpec(c: OuCase): EnsembleSpec {
  const dim = c.A.length;
  return {
    dim,
    objective: { descriptor: objectiveDescriptor('quadratic'), value: { kind: 'quadratic', A: c.A, b: c.b ?? new Array(dim).fill(0) } },
    dynamics: {
      descriptor: dynamicsDescriptor('gradient-sde'),
      value: { kind: 'gradient-sde', dt: c.dt, sigma: c.sigma, integrator: c.integrator ?? 'euler-maruyama' },
    },
    initial: { mean: c.x0, std: c.x0std ?? c.x0.map(() => 0) },
    trajectories: c.trajectories,
    steps: c.steps,
    checkpoints: c.checkpoints ?? [0, c.steps],
    key: keyFromSeed(c.seed ?? 'test'),
  };
}

/** The 2-D correlated OU of the showcase: A SPD with coupling, b ≠ 0, a full σ. */
export const CORRELATED_2D = {
  A: [[2, 0.6], [0.6, 1]],
  b: [1, -0.5],
  sigma: [[0.8, 0], [0.3, 0.5]],
  x0: [2, -1],
};
