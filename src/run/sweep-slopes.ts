import type { Experiment } from '../experiment';
import { dynamicsDescriptor } from '../registry';
import { logLogSlope } from '../stats/loglog-slope';
import type { ErrorEstimate } from './error-estimate';
import type { RunComparison, SweepSlope } from './experiment-result';
import type { SummarizedRun } from './report-experiment';

/**
 * Over a numeric sweep, fits log |error| against log(value) for every error-type
 * output measured at every sweep point, at the final time: each dynamics item's
 * model error (mean per coordinate, loss, distance) and each pair's weak and strong
 * errors. Points weighted by their standard errors (logLogSlope). This is what
 * order-of-convergence claims are made of: over a sweep of a dynamics' step, its
 * model-error slopes carry the weak order its descriptor declares (`declaredOrder`).
 */
export function sweepSlopes(experiment: Experiment, runs: SummarizedRun[], comparisons: RunComparison[]): SweepSlope[] {
  const sweep = experiment.sweep;
  if (!sweep || sweep.values.length < 2 || !sweep.values.every((v) => typeof v === 'number' && v > 0)) return [];
  const param = sweep.param;
  const out: SweepSlope[] = [];
  const fit = (base: Omit<SweepSlope, 'slope' | 'standardError' | 'points'>, points: { x: number; error: ErrorEstimate | undefined }[]) => {
    if (points.some((p) => !p.error || !(p.error.value > 0) || !Number.isFinite(p.error.standardError))) return;
    const data = points.map((p) => ({ x: p.x, y: p.error!.value, standardError: p.error!.standardError }));
    // Deterministic errors (one trajectory, no noise) have standard error 0: fit them unweighted.
    const weighted = data.every((p) => p.standardError > 0);
    const f = logLogSlope(weighted ? data : data.map(({ x, y }) => ({ x, y })));
    out.push({ ...base, slope: { value: f.slope, lo: f.lo, hi: f.hi }, standardError: f.standardError, points: data });
  };
  const items = experiment.dynamics.length;
  for (let d = 0; d < items; d++) {
    const series = runs.filter((r) => r.run.dynamicsIndex === d);
    const x = series.map((r) => r.run.sweep!.value as number);
    const last = (r: SummarizedRun) => r.result.series.step.length - 1;
    const model = series.map((r) => r.result.modelError);
    if (model.every((m) => m !== undefined)) {
      const declared = declaredOrder(series.map((r) => r.run.dynamics), x, 'weak');
      const base = { param, of: `model error of ${series[0].result.label}`, dynamicsIndex: d, ...(declared !== undefined ? { declaredOrder: declared } : {}) };
      for (const quantity of ['loss', 'distance'] as const) {
        if (model.every((m) => m![quantity])) fit({ ...base, quantity }, series.map((r, k) => ({ x: x[k], error: model[k]![quantity]![last(r)] })));
      }
      for (let i = 0; i < experiment.dim; i++) fit({ ...base, quantity: `mean[${i}]` }, series.map((r, k) => ({ x: x[k], error: model[k]!.mean[last(r)][i] })));
      for (let i = 0; i < experiment.dim; i++) fit({ ...base, quantity: `variance[${i}]` }, series.map((r, k) => ({ x: x[k], error: model[k]!.variance[last(r)][i] })));
    }
  }
  // Strong order: E‖Xʰ − Xʰ′‖ of each run against the item's next finer one (h′ = h/2 in a sweep of h_min·2^k), on one Brownian path.
  for (let d = 0; d < items; d++) {
    const pairs = comparisons.filter((c) => c.refinement && runs[c.a].run.dynamicsIndex === d && c.strong);
    if (pairs.length < 2) continue;
    const x = pairs.map((c) => runs[c.a].run.sweep!.value as number);
    const declared = declaredOrder(pairs.map((c) => runs[c.a].run.dynamics), x, 'strong');
    const base = { param, of: `${runs[pairs[0].a].run.dynamics.label ?? runs[pairs[0].a].run.dynamics.kind}, h against h/2 (one Brownian path)`, dynamicsIndex: d, ...(declared !== undefined ? { declaredOrder: declared } : {}) };
    fit({ ...base, quantity: 'strong' }, pairs.map((c, k) => ({ x: x[k], error: strongAtEnd(c) })));
  }
  for (let a = 0; a < items; a++) {
    for (let b = a + 1; b < items; b++) {
      const pairs = comparisons.filter((c) => runs[c.a].run.dynamicsIndex === a && runs[c.b].run.dynamicsIndex === b);
      if (pairs.length !== sweep.values.length) continue;
      const x = pairs.map((c) => runs[c.a].run.sweep!.value as number);
      const base = { param, of: `${pairs[0].labels[0]} vs ${pairs[0].labels[1]}`, pair: [a, b] as [number, number] };
      const end = (c: RunComparison) => c.t.length - 1;
      for (const quantity of ['loss', 'distance'] as const) {
        if (pairs.every((c) => c.weak[quantity])) fit({ ...base, quantity: `weak ${quantity}` }, pairs.map((c, k) => ({ x: x[k], error: c.weak[quantity]![end(c)] })));
      }
      for (let i = 0; i < experiment.dim; i++) fit({ ...base, quantity: `weak mean[${i}]` }, pairs.map((c, k) => ({ x: x[k], error: c.weak.mean[end(c)][i] })));
      if (pairs.every((c) => c.strong)) {
        fit({ ...base, quantity: 'strong' }, pairs.map((c, k) => ({ x: x[k], error: strongAtEnd(c) })));
      }
    }
  }
  return out;
}

/**
 * The weak or strong order the dynamics' descriptor declares (DynamicsDescriptor.orders),
 * when the sweep is of its step (every value is its item's step length), the items agree
 * on it, and it is finite; otherwise undefined.
 */
function declaredOrder(items: Experiment['dynamics'], values: number[], which: 'weak' | 'strong'): number | undefined {
  const descriptor = dynamicsDescriptor(items[0].kind);
  if (!items.every((item, k) => descriptor.stepLength(item) === values[k])) return undefined;
  const orders = items.map((item) => descriptor.orders(item)[which]);
  return orders.every((o) => o === orders[0]) && Number.isFinite(orders[0]) ? orders[0] : undefined;
}

/** A comparison's strong error at its last shared time, as an error estimate. */
function strongAtEnd(c: RunComparison): ErrorEstimate {
  const end = c.t.length - 1;
  const v = c.strong!.value[end];
  return { value: v.value, lo: v.lo, hi: v.hi, difference: v.value, standardError: c.strong!.standardError[end] };
}
