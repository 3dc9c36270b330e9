/**
 * SGD against its SDE models in a double well with a sharp and a flat minimum
 * (the double-well objective with per-side widths): in d = 2 the coordinates
 * are independent copies, x₁ starting in the sharp minimum and x₂ in the flat
 * one. SGD's stationary spread in a well of curvature λ is ησ²/(λ(2 − ηλ)),
 * larger than the SDE's ησ²/(2λ) where ηλ is not small, so SGD leaves the
 * sharp minimum faster than SME-1 predicts, while the flat one keeps x₂.
 * HA-SME is not shown: it is undefined where ηλ_max(H) ≥ 1, which the quartic
 * walls of the sharp well reach.
 */
import type { PageConfig, PageDefinition } from '../../app/page-definition';
import { escapeNumbers } from './escape-numbers';

export const SHARP_FLAT_REGIONS = [{ name: 'x2 in flat well', label: 'x₂ still in the flat well' }];

export const sharpFlatPage: PageDefinition = {
  id: 'sharp-flat',
  title: 'A sharp minimum escapes, a flat one holds',
  summary:
    'Each coordinate lives in the same double well: a sharp minimum (narrow, curvature 8h/w²) left of the saddle at 0 and a flat one (wide) on the right, with equal barriers. ' +
    'x₁ starts in the sharp minimum, x₂ in the flat one. SGD’s noise heats a sharp minimum more than its SDE model says (spread ησ²/(λ(2 − ηλ)) against ησ²/(2λ)), so SGD escapes it faster than SME-1; ' +
    'the flat minimum holds for all of them. Coloured particles are still left of the saddle in x₁; grey ones have crossed it.',
  defaultSeed: 'sharp-flat',
  params: [
    { key: 'lr', label: 'learning rate η', min: 0.01, max: 0.12, default: 0.1, step: 0.005 },
    { key: 'noise', label: 'gradient-noise variance σ²', min: 0.2, max: 3, default: 1.2, step: 0.1 },
    { key: 'sharp', label: 'sharp well width w', min: 0.3, max: 1, default: 0.5, step: 0.05 },
    { key: 'flat', label: 'flat well width w', min: 1, max: 2.5, default: 1.5, step: 0.05 },
    { key: 'height', label: 'barrier h (both wells)', min: 0.1, max: 0.5, default: 0.25, step: 0.01 },
    { key: 'horizon', label: 'horizon T (model time)', min: 5, max: 80, default: 40, step: 1 },
    { key: 'N', label: 'trajectories N', min: 256, max: 262144, default: 8192, scale: 'log', integer: true },
  ],
  experiment(c: PageConfig) {
    const steps = Math.max(1, Math.round(c.horizon / c.lr));
    return {
      name: 'sharp-flat (demo)',
      seed: c.seed,
      objective: { kind: 'double-well', dim: 2, saddle: 0, left: { depth: c.height, width: c.sharp }, right: { depth: c.height, width: c.flat } },
      noise: { kind: 'gaussian', cov: c.noise },
      dynamics: [
        { kind: 'sgd', label: 'SGD', lr: c.lr },
        { kind: 'sme', label: 'SME-1', lr: c.lr, integrator: 'euler-maruyama', substeps: 4 },
        { kind: 'sme2', label: 'SME-2', lr: c.lr, integrator: 'euler-maruyama', substeps: 4 },
      ],
      x0: [-c.sharp, c.flat],
      trajectories: c.N,
      steps,
      record: {
        every: Math.max(1, Math.round(steps / 40)),
        observables: ['mean'],
        regions: { [SHARP_FLAT_REGIONS[0].name]: { kind: 'halfspace', normal: [0, -1], offset: 0 } },
      },
      escape: { kind: 'halfspace', normal: [1, 0], offset: 0, stop: false },
    };
  },
  numbers: (result) => escapeNumbers(result, SHARP_FLAT_REGIONS),
  view: () => import('./sharp-flat-view'),
};
