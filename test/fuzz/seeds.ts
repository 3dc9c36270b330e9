/**
 * Valid experiment files the fuzzer mutates: every example in experiments/, plus
 * small files that reach the kinds and fields the examples leave out (finite-sum
 * objectives with given or generated data, mini-batches with replacement,
 * schedules of every kind, the exact OU integrator, level regions and escapes,
 * hb-ode's integrators, a Gaussian x0 with per-coordinate std, stationarity).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Json } from './json-tree';

export interface Seed {
  name: string;
  doc: Json;
}

const EXAMPLES = new URL('../../experiments/', import.meta.url);

/**
 * Examples larger than this are left out: they are large because of data arrays,
 * which would draw most mutations and slow each one (a copy per mutant); data
 * fields are fuzzed through the smaller files.
 */
const MAX_SEED_BYTES = 64 * 1024;

const exampleSeeds = (): Seed[] =>
  readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, EXAMPLES), 'utf8') }))
    .filter(({ text }) => text.length <= MAX_SEED_BYTES)
    .map(({ name, text }) => ({ name, doc: JSON.parse(text) as Json }));

const SMALL: Seed[] = [
  {
    name: 'least-squares lasso, given data, step schedule, sweep over lr',
    doc: {
      objective: { kind: 'least-squares', data: { A: [[1, 0], [0, 2], [1, 1]], y: [1, 2, 0.5] }, l1: 0.1 },
      noise: { kind: 'minibatch', batchSize: 2, replacement: true },
      dynamics: [{ kind: 'sgd', lr: { kind: 'step', initial: 0.1, every: 5, factor: 0.5 } }, { kind: 'heavy-ball', lr: 0.05, beta: 0.5 }],
      x0: [0.5, -0.5],
      trajectories: 64,
      steps: 20,
      record: { every: 5, observables: ['mean', 'loss', 'gradient'], regions: { near: { kind: 'level', value: 1 } } },
      sweep: { lr: [0.1, { kind: 'polynomial', initial: 0.1, power: 2, total: 10 }] },
    },
  },
  {
    name: 'logistic, generated data, two-timescale with random scales',
    doc: {
      seed: 7,
      objective: { kind: 'logistic', generate: { samples: 16, features: 3, noise: 0.1, seed: 'g' }, l2: 0.01 },
      noise: { kind: 'minibatch', batchSize: 4 },
      dynamics: [
        { kind: 'lion', lr: { kind: 'inverse-power', scale: 0.1, power: 0.6, randomScale: [0.5, 1.5] }, theta: 0.1, beta1: 0.9, weightDecay: 0.01 },
        { kind: 'clipped-sgd', lr: 0.1, theta: { kind: 'constant', value: 0.2 }, clip: 1, coordinatewise: true },
      ],
      x0: { kind: 'gaussian', mean: [0, 0, 0], std: [1, 0.5, 0] },
      trajectories: 32,
      steps: 10,
      record: { observables: ['loss', 'smoothness'], stationarity: { epsilon: 0.1, samples: 4, trajectories: 8 } },
    },
  },
  {
    name: 'exact OU with a level escape, halfspace region, histogram and reference',
    doc: {
      name: 'ou-exact',
      objective: { kind: 'quadratic', A: [[1, 0.2], [0.2, 2]], b: [0.5, 0] },
      dynamics: [
        { kind: 'gradient-sde', dt: 0.05, sigma: [0.5, 0.3], integrator: 'exact' },
        { kind: 'gradient-sde', dt: 0.05, sigma: [[0.5, 0], [0.1, 0.3]] },
      ],
      x0: [1, 1],
      trajectories: 128,
      horizon: 1,
      record: {
        every: 4,
        observables: ['mean', 'variance', 'covariance', 'distance', 'histogram'],
        histogram: { bins: 16, range: [-3, 3], lossRange: [0, 5] },
        regions: { right: { kind: 'halfspace', normal: [1, 0], offset: 0 } },
      },
      escape: { kind: 'level', value: 3, stop: false },
      reference: { trajectories: 16 },
      sweep: { dt: [0.1, 0.05] },
    },
  },
  {
    name: 'absolute deviation with gaussian noise (vector of variances), signsgd and normalized sgd',
    doc: {
      objective: { kind: 'absolute-deviation', points: [[0, 1], [1, 0], [2, 2]], weights: [1, 2] },
      noise: { kind: 'gaussian', cov: [0.1, 0.2] },
      dynamics: [
        { kind: 'signsgd', lr: 0.01, theta: 0.5 },
        { kind: 'normalized-sgd', lr: 0.01, theta: 0.5 },
        { kind: 'heavy-ball-sgd', lr: 0.01, theta: 0.5 },
      ],
      x0: [0, 0],
      trajectories: 16,
      steps: 8,
    },
  },
  {
    name: 'hb-ode by rk4 and exact, on a quadratic, with a ball escape and bridge',
    doc: {
      objective: { kind: 'quadratic', A: [[1, 0], [0, 0.5]] },
      dynamics: [
        { kind: 'heavy-ball', lr: 0.01, beta: 0.5 },
        { kind: 'hb-ode', lr: 0.01, beta: 0.5, order: 1, substeps: 2, integrator: 'rk4' },
        { kind: 'hb-ode', lr: 0.01, beta: 0.5, order: 3, integrator: 'exact' },
      ],
      x0: { kind: 'gaussian', mean: [1, 1], std: 0.1 },
      trajectories: 16,
      steps: 12,
      record: { every: 3 },
      escape: { kind: 'ball', center: [0, 0], radius: 5 },
    },
  },
  {
    name: 'diagonal net and weighted l1 pieces: diagonal-net from generated data with sgd',
    doc: {
      objective: { kind: 'diagonal-net', generate: { samples: 8, features: 3, sparsity: 1, noise: 0, seed: 3 } },
      dynamics: [{ kind: 'sgd', lr: 0.01 }],
      x0: { kind: 'gaussian', mean: 0.1, std: 0 },
      trajectories: 8,
      steps: 6,
      record: { observables: ['mean', 'loss'] },
    },
  },
  {
    name: 'double well with unequal wells, SME models and HA-SME off quadratics',
    doc: {
      objective: { kind: 'double-well', dim: 2, left: { depth: 0.3, width: 1 }, right: { depth: 0.1, width: 2 }, saddle: 0.1 },
      noise: { kind: 'gaussian', cov: [[0.2, 0.05], [0.05, 0.1]] },
      dynamics: [
        { kind: 'sgd', lr: 0.05 },
        { kind: 'sme2', lr: 0.05, substeps: 2 },
        { kind: 'ha-sme', lr: 0.05, substeps: 2 },
      ],
      x0: [-1, 0.5],
      trajectories: 16,
      horizon: 0.5,
      record: { every: 5, observables: ['mean', 'variance', 'loss'], regions: { left: { kind: 'ball', center: [-1, 0], radius: 0.5 } } },
      escape: { kind: 'halfspace', normal: [1, 0], offset: 0.1 },
    },
  },
];

/** The seeds: the examples first, then the small files above. */
export function seeds(): Seed[] {
  return [...exampleSeeds(), ...SMALL];
}
