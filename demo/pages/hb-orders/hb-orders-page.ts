/**
 * Heavy-ball against its counter-term flows of order p = 0, 1, 2
 * (experiments/hb-flow-orders.json, docs/math.md §3d): the strong error
 * E|x(T) − x_K| over a step-size sweep, and its log-log slopes (expected p + 1).
 */
import source from '../../../experiments/hb-flow-orders.json';
import type { ExperimentResult } from 'sdeflow';
import type { PageConfig, PageDefinition, ShownNumber } from '../../app/page-definition';

export const hbOrdersPage: PageDefinition = {
  id: 'hb-orders',
  title: 'Heavy-ball flow: counter-term orders',
  summary:
    'Heavy-ball with momentum β runs on f(x) = x²/2 from x₀ ~ N(1, 0.2²) to T = 1, next to the heavy-ball flow with counter-terms of order p = 0, 1, 2 ' +
    '(piecewise ODE, RK4 with 8 substeps per step). The strong error E|x(T) − x_K| falls like η^(p+1). On the GPU the state is f32: at the smallest η the p = 2 ' +
    'error approaches f32 resolution and its slope flattens — switch the engine to float64 to see the full order.',
  source: 'experiments/hb-flow-orders.json',
  defaultSeed: source.seed,
  params: [
    { key: 'beta', label: 'momentum β', min: 0.1, max: 0.9, default: 0.5, step: 0.05 },
    { key: 'lrMax', label: 'largest step η', min: 0.005, max: 0.1, default: 0.04, scale: 'log' },
    { key: 'N', label: 'trajectories N', min: 64, max: 65536, default: 1024, scale: 'log', integer: true },
    { key: 'f64', label: 'run on the float64 CPU reference', min: 0, max: 1, default: 0, integer: true, toggle: true, help: 'Off: WebGPU in f32. On: the same experiment in float64 on the CPU, in this page.' },
  ],
  experiment(c: PageConfig) {
    // The sweep halves η three times; T = 1 must be a whole number of steps at every η.
    const top = 1 / Math.max(1, Math.round(1 / c.lrMax));
    return {
      ...source,
      name: 'hb-flow-orders (demo)',
      seed: c.seed,
      dynamics: source.dynamics.map((d) => ({ ...d, beta: c.beta })),
      trajectories: c.N,
      sweep: { lr: [top, top / 2, top / 4, top / 8] },
    };
  },
  numbers(result: ExperimentResult): ShownNumber[] {
    return strongSlopes(result).flatMap((s, p) => [
      // f32 paths differ between adapters by rounding; p = 2's smallest errors near f32 resolution move its slope most.
      { key: `p${p}.slope`, label: `p = ${p}: slope (expected ${p + 1})`, value: s.slope.value, uncertainty: { standardError: s.standardError }, tolerance: { absolute: p === 2 ? 0.02 : 0.005 } },
      { key: `p${p}.error`, label: `p = ${p}: error at η = ${s.points[0].x.toPrecision(3)}`, value: s.points[0].y, uncertainty: { standardError: s.points[0].standardError }, tolerance: { relative: 1e-3 } },
    ]);
  },
  view: () => import('./hb-orders-view'),
};

/** The strong-error slopes of HB against each flow, in order p = 0, 1, 2. */
export function strongSlopes(result: ExperimentResult) {
  return result.sweepSlopes.filter((s) => s.quantity === 'strong' && s.pair?.[0] === 0).sort((a, b) => a.pair![1] - b.pair![1]);
}
