/**
 * SGD and its SDE models escaping a strict saddle (experiments/sgd-models-escape.json):
 * f = ½ xᵀAx with A = diag(1, −κ), Gaussian gradient noise, from the saddle
 * until the first step outside a ball. SME-1 escapes too fast along the
 * negative curvature; HA-SME has SGD's law at every step (docs/math.md §4c–d).
 */
import source from '../../../experiments/sgd-models-escape.json';
import type { PageConfig, PageDefinition } from '../../app/page-definition';
import { escapeNumbers } from './escape-numbers';

// SGD and the exact-transition models (the file's Euler–Maruyama HA-SME repeats HA-SME).
const MODELS = source.dynamics.filter((d) => d.integrator !== 'euler-maruyama');

export const saddlePage: PageDefinition = {
  id: 'saddle-escape',
  title: 'Escaping a saddle: SGD vs SME vs HA-SME',
  summary:
    'SGD with Gaussian gradient noise starts at the strict saddle of f(x) = ½(x₁² − κx₂²) and runs until its first step outside a ball. ' +
    'Its SDE models run on the same noise: SME-1 underestimates the escape time along the negative curvature, SME-2 less so, and HA-SME — ' +
    'exact on quadratics — escapes exactly as SGD does. Particles are drawn straight from the GPU state buffers; grey ones have left the ball.',
  source: 'experiments/sgd-models-escape.json (lr = 0.5, without the lr sweep)',
  defaultSeed: source.seed,
  params: [
    { key: 'lr', label: 'learning rate η', min: 0.05, max: 0.9, default: 0.5, step: 0.05 },
    { key: 'noise', label: 'gradient-noise variance σ²', min: 0.1, max: 4, default: 1, step: 0.1 },
    { key: 'kappa', label: 'negative curvature κ', min: 0.1, max: 1, default: 0.5, step: 0.05 },
    { key: 'radius', label: 'escape radius R', min: 0.5, max: 4, default: 2, step: 0.1 },
    { key: 'horizon', label: 'horizon T (model time)', min: 5, max: 80, default: 40, step: 1 },
    { key: 'N', label: 'trajectories N', min: 256, max: 262144, default: 16384, scale: 'log', integer: true },
  ],
  experiment(c: PageConfig) {
    const steps = Math.max(1, Math.round(c.horizon / c.lr));
    return {
      name: 'saddle-escape (demo)',
      description: source.description,
      seed: c.seed,
      objective: { kind: 'quadratic', A: [[1, 0], [0, -c.kappa]] },
      noise: { kind: 'gaussian', cov: c.noise },
      dynamics: MODELS.map((d) => ({ ...d, lr: c.lr })),
      x0: [0, 0],
      trajectories: c.N,
      steps,
      record: { every: Math.max(1, Math.round(steps / 40)), observables: ['mean', 'variance'] },
      escape: { kind: 'ball', center: [0, 0], radius: c.radius, stop: true, bridge: false },
    };
  },
  numbers: (result) => escapeNumbers(result),
  view: () => import('./saddle-view'),
};
