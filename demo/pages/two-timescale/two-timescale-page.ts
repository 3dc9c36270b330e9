/**
 * The five methods of the two-timescale framework (Xiao, Hu & Toh; docs/math.md §5)
 * on the nonsmooth f(x) = |x₁| + 2|x₂| (experiments/two-timescale-l1.json):
 * E‖x − x*‖² and the fraction within 0.05 of x* = 0 as the ensemble runs.
 */
import source from '../../../experiments/two-timescale-l1.json';
import type { ExperimentResult } from 'sdeflow';
import type { PageConfig, PageDefinition, ShownNumber } from '../../app/page-definition';

export const WITHIN = 'within 0.05 of x*';

export const twoTimescalePage: PageDefinition = {
  id: 'two-timescale',
  title: 'Two-timescale optimizers on a nonsmooth loss',
  summary:
    'Heavy-ball SGD, SignSGD, Lion, normalized SGD and clipped SGD on f(x) = |x₁| + 2|x₂| with Gaussian gradient noise, from x₀ ~ N(0, 2²I). ' +
    'Momentum moves on the fast timescale θ_k = (k+1)^−a, the iterate on the slow one η_k = s·r·(k+1)^−b with a random factor r ~ U[0.5, 1.5] per trajectory. ' +
    'With b > a all five converge to the only Clarke-stationary point x* = 0; the curves show how fast, in mean square and in probability.',
  source: 'experiments/two-timescale-l1.json (without the float64 reference and stationarity columns)',
  defaultSeed: source.seed,
  params: [
    { key: 'lrScale', label: 'step scale s', min: 0.05, max: 2, default: 0.5, scale: 'log' },
    { key: 'lrPower', label: 'slow exponent b (η_k)', min: 0.5, max: 1, default: 0.8, step: 0.01 },
    { key: 'thetaPower', label: 'fast exponent a (θ_k)', min: 0.3, max: 1, default: 0.55, step: 0.01 },
    { key: 'noise', label: 'gradient-noise variance σ²', min: 0, max: 4, default: 1, step: 0.1 },
    { key: 'steps', label: 'steps K', min: 500, max: 20000, default: 5000, scale: 'log', integer: true },
    { key: 'N', label: 'trajectories N', min: 256, max: 65536, default: 4096, scale: 'log', integer: true },
  ],
  experiment(c: PageConfig) {
    const lr = { kind: 'inverse-power', scale: c.lrScale, power: c.lrPower, randomScale: [0.5, 1.5] };
    const theta = { kind: 'inverse-power', scale: 1, power: c.thetaPower };
    const every = Math.max(1, Math.round(c.steps / 50));
    return {
      name: 'two-timescale-l1 (demo)',
      description: source.description,
      seed: c.seed,
      objective: source.objective,
      noise: { kind: 'gaussian', cov: c.noise },
      dynamics: source.dynamics.map((d) => ({ ...d, lr, theta })),
      x0: source.x0,
      trajectories: c.N,
      steps: c.steps,
      record: { every, observables: ['mean', 'distance', 'loss'], regions: source.record.regions },
    };
  },
  numbers(result: ExperimentResult): ShownNumber[] {
    return result.runs.flatMap((run, i) => {
      const d = run.series.distance!;
      const last = d.value.length - 1;
      const f = run.series.regions![WITHIN].fraction;
      return [
        // Sign-type steps on a kinked loss: paths may separate after an f32 rounding flips sign(x) near 0 (see ShownNumber).
        { key: `${i}.distance`, label: `${run.label}: E‖x_K − x*‖²`, value: d.value[last], uncertainty: { standardError: d.standardError[last] }, tolerance: { relative: 1e-3, standardErrors: 5 } },
        { key: `${i}.within`, label: `${run.label}: P(‖x_K‖ < 0.05)`, value: f[last].value, uncertainty: { interval: [f[last].lo, f[last].hi] }, tolerance: { absolute: 4 / run.trajectories, standardErrors: 5 } },
      ];
    });
  },
  view: () => import('./two-timescale-view'),
};
