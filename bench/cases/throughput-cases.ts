/**
 * The throughput cases of `sdeflow bench`, one row each: an experiment (so the
 * model goes through the same validation and normalization as a user's file)
 * with its sizes for a full and a quick run. Pure data: the browser benchmark
 * imports the same table.
 */
export interface ThroughputCase {
  /** Short name for `sdeflow bench --only` (lower case, no spaces). */
  id: string;
  name: string;
  /** An experiment file (format v1) without `trajectories` and `steps`. */
  experiment: Record<string, unknown>;
  full: CaseSize;
  quick: CaseSize;
  note?: string;
}

export interface CaseSize {
  trajectories: number;
  steps: number;
  /** Trajectories of the float64 reference (scaled per trajectory-step). */
  cpuTrajectories: number;
}

/** A well-conditioned SPD matrix (eigenvalues in [0.5, 2]) with correlations. */
export function benchMatrix(d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1.5 : 0.25 / (1 + Math.abs(i - j)))));
}

const ou = (d: number) => ({
  name: `bench OU d=${d}`,
  seed: 'bench',
  objective: { kind: 'quadratic', A: benchMatrix(d) },
  dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 0.5, integrator: 'euler-maruyama' }],
  x0: new Array(d).fill(1),
});

export const THROUGHPUT_CASES: ThroughputCase[] = [
  { id: 'ou-d1', name: 'OU EM d=1', experiment: ou(1), full: { trajectories: 2 ** 20, steps: 1000, cpuTrajectories: 4096 }, quick: { trajectories: 2 ** 16, steps: 200, cpuTrajectories: 512 } },
  { id: 'ou-d3', name: 'OU EM d=3', experiment: ou(3), full: { trajectories: 2 ** 20, steps: 1000, cpuTrajectories: 4096 }, quick: { trajectories: 2 ** 16, steps: 200, cpuTrajectories: 512 } },
  {
    id: 'sgd-d10',
    name: 'SGD d=10 quadratic, Gaussian noise',
    experiment: {
      name: 'bench SGD d=10',
      seed: 'bench',
      objective: { kind: 'quadratic', A: benchMatrix(10) },
      noise: { kind: 'gaussian', cov: 1 },
      dynamics: [{ kind: 'sgd', lr: 0.05 }],
      x0: new Array(10).fill(1),
    },
    full: { trajectories: 2 ** 18, steps: 500, cpuTrajectories: 1024 },
    quick: { trajectories: 2 ** 14, steps: 100, cpuTrajectories: 256 },
  },
  {
    id: 'minibatch-sgd',
    name: 'mini-batch SGD, least squares (n=256, d=8, b=16)',
    experiment: {
      name: 'bench mini-batch least squares',
      seed: 'bench',
      objective: { kind: 'least-squares', generate: { samples: 256, features: 8, noise: 0.1, seed: 1 } },
      noise: { kind: 'minibatch', batchSize: 16 },
      dynamics: [{ kind: 'sgd', lr: 0.05 }],
      x0: new Array(8).fill(0),
    },
    full: { trajectories: 2 ** 18, steps: 500, cpuTrajectories: 1024 },
    quick: { trajectories: 2 ** 14, steps: 100, cpuTrajectories: 256 },
  },
  {
    id: 'ha-sme',
    name: 'HA-SME d=2 (EM, 4 substeps)',
    experiment: {
      name: 'bench HA-SME d=2',
      seed: 'bench',
      objective: { kind: 'quadratic', A: [[1, 0.3], [0.3, 0.5]] },
      noise: { kind: 'gaussian', cov: 1 },
      dynamics: [{ kind: 'ha-sme', lr: 0.1, integrator: 'euler-maruyama', substeps: 4 }],
      x0: [1, 1],
    },
    full: { trajectories: 2 ** 18, steps: 500, cpuTrajectories: 1024 },
    quick: { trajectories: 2 ** 14, steps: 100, cpuTrajectories: 256 },
    note: 'one step = 4 substeps',
  },
  {
    id: 'double-well-escape',
    name: 'double-well escape, first passage + bridge',
    experiment: {
      name: 'bench double-well escape',
      seed: 'bench',
      objective: { kind: 'double-well' },
      dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 0.4472135955 }],
      x0: [-1],
      escape: { kind: 'halfspace', normal: [1], offset: 0 },
    },
    full: { trajectories: 2 ** 20, steps: 1000, cpuTrajectories: 4096 },
    quick: { trajectories: 2 ** 16, steps: 200, cpuTrajectories: 512 },
  },
  {
    id: 'ou-d256',
    name: 'd=256 state, OU on a dense quadratic',
    experiment: {
      name: 'bench d=256',
      seed: 'bench',
      objective: { kind: 'quadratic', A: benchMatrix(256) },
      dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 0.5, integrator: 'euler-maruyama' }],
      x0: new Array(256).fill(1),
    },
    full: { trajectories: 2 ** 14, steps: 100, cpuTrajectories: 32 },
    quick: { trajectories: 2 ** 12, steps: 20, cpuTrajectories: 8 },
    note: 'state and model in storage buffers (65,536-word A)',
  },
];
