import { normalInterval } from '../stats/intervals';
import type { ScalarSeries } from '../stats/summarize';
import { errorEstimate, type ErrorEstimate } from './error-estimate';
import type { RunComparison } from './experiment-result';
import type { SummarizedRun } from './report-experiment';
import type { StrongComparison } from './strong-errors';

/**
 * Every pair of dynamics items within one sweep setting, compared at their
 * common checkpoints (equal model times): weak errors of the coordinates' means,
 * of E f and of E‖x − x*‖² where recorded, and strong errors where measured. Over a
 * sweep of step sizes, each run of an SDE item is also compared with the item's next
 * finer run (one Brownian path): a `refinement` comparison, with the strong error
 * E‖Xʰ − Xʰ′‖ and the paired weak difference.
 */
export function compareRuns(runs: SummarizedRun[], strong: StrongComparison[]): RunComparison[] {
  const out: RunComparison[] = [];
  for (const a of runs) {
    for (const b of runs) {
      const sameSetting = JSON.stringify(a.run.sweep) === JSON.stringify(b.run.sweep);
      const refinement = !sameSetting && strong.some((x) => x.a === a.run.index && x.b === b.run.index);
      if (a.run.index === b.run.index || (sameSetting && b.run.index < a.run.index) || (!sameSetting && !refinement)) continue;
      const common = commonTimes(a.result.series.t, b.result.series.t);
      // Runs on different clocks (a schedule counts steps) may share only t = 0, where nothing differs.
      if (common.every(([ia]) => a.result.series.t[ia] === 0)) continue;
      const sa = a.summary;
      const sb = b.summary;
      const pick = <T>(values: T[], which: 'a' | 'b') => common.map(([ia, ib]) => values[which === 'a' ? ia : ib]);
      const scalar = (x: ScalarSeries | undefined, y: ScalarSeries | undefined): ErrorEstimate[] | undefined =>
        x && y ? common.map(([ia, ib]) => errorEstimate(x.value[ia] - y.value[ib], Math.hypot(x.standardError[ia], y.standardError[ib]))) : undefined;
      const comparison: RunComparison = {
        a: a.run.index,
        b: b.run.index,
        labels: refinement ? [sweptLabel(a), sweptLabel(b)] : [a.result.label, b.result.label],
        ...(refinement ? { refinement: true } : {}),
        t: pick(a.result.series.t, 'a'),
        weak: {
          mean: common.map(([ia, ib]) => sa.mean[ia].map((m, i) => errorEstimate(m - sb.mean[ib][i], Math.hypot(sa.meanStandardError[ia][i], sb.meanStandardError[ib][i])))),
        },
      };
      const loss = scalar(sa.loss, sb.loss);
      if (loss) comparison.weak.loss = loss;
      const distance = scalar(sa.distance, sb.distance);
      if (distance) comparison.weak.distance = distance;
      const s = strong.find((x) => x.a === a.run.index && x.b === b.run.index);
      if (s) {
        // The strong sums were taken at the pair's shared checkpoints; keep those the comparison's times hold.
        const at = common.map(([ia]) => s.step.indexOf(a.result.series.step[ia]));
        if (at.every((c) => c >= 0)) {
          const n = at.map((c) => s.n[c]);
          const means = at.map((c, k) => s.sum[c] / n[k]);
          const standardError = at.map((c, k) => Math.sqrt(Math.max(0, s.sumSquares[c] / n[k] - means[k] ** 2) / Math.max(1, n[k] - 1)));
          comparison.strong = { trajectories: n, value: means.map((m, k) => normalInterval(m, standardError[k])), standardError };
          if (s.sumDelta && s.sumDeltaSquares) comparison.paired = pairedDifference(s, at, common.map(([ia, ib]) => sa.variance[ia].map((v, i) => v + sb.variance[ib][i])));
        }
      }
      out.push(comparison);
    }
  }
  return out;
}

/**
 * A run's item with its sweep value, e.g. `EM (dt = 0.1)`: the item's label or kind,
 * not the run's default label (`gradient-sde #3` numbers runs, and both sides are one item).
 */
function sweptLabel(r: SummarizedRun): string {
  const sweep = r.run.sweep;
  const item = r.run.dynamics.label ?? r.run.dynamics.kind;
  return sweep ? `${item} (${sweep.param} = ${typeof sweep.value === 'number' ? sweep.value : JSON.stringify(sweep.value)})` : r.result.label;
}

/**
 * The mean coordinate difference of coupled paths with the standard error of the
 * differences themselves, next to the variance independent runs would give.
 */
function pairedDifference(s: StrongComparison, at: number[], independentVariance: number[][]): NonNullable<RunComparison['paired']> {
  const trajectories = at.map((c) => s.n[c]);
  const differenceVariance = at.map((c, k) => {
    const n = trajectories[k];
    return s.sumDelta![c].map((sum, i) => Math.max(0, (s.sumDeltaSquares![c][i] - (sum * sum) / n) / Math.max(1, n - 1)));
  });
  const mean = at.map((c, k) => s.sumDelta![c].map((sum, i) => errorEstimate(sum / trajectories[k], Math.sqrt(differenceVariance[k][i] / trajectories[k]))));
  return { trajectories, mean, differenceVariance, independentVariance };
}

/** Index pairs of checkpoints with equal model times (to 1e-9 relative). */
function commonTimes(ta: number[], tb: number[]): [number, number][] {
  const pairs: [number, number][] = [];
  ta.forEach((t, i) => {
    const j = tb.findIndex((u) => Math.abs(u - t) <= 1e-9 * Math.max(1, Math.abs(t)));
    if (j >= 0) pairs.push([i, j]);
  });
  return pairs;
}
