import { normalInterval } from '../stats/intervals';
import type { ScalarSeries } from '../stats/summarize';
import { errorEstimate, type ErrorEstimate } from './error-estimate';
import type { RunComparison } from './experiment-result';
import type { SummarizedRun } from './report-experiment';
import type { StrongComparison } from './strong-errors';

/**
 * Every pair of dynamics items within one sweep setting, compared at their
 * common checkpoints (equal model times): weak errors of the coordinates' means,
 * of E f and of E‖x − x*‖² where recorded, and strong errors where measured.
 */
export function compareRuns(runs: SummarizedRun[], strong: StrongComparison[]): RunComparison[] {
  const out: RunComparison[] = [];
  for (const a of runs) {
    for (const b of runs) {
      if (b.run.index <= a.run.index || JSON.stringify(a.run.sweep) !== JSON.stringify(b.run.sweep)) continue;
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
        labels: [a.result.label, b.result.label],
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
        const means = s.n.map((n, c) => s.sum[c] / n);
        const standardError = s.n.map((n, c) => Math.sqrt(Math.max(0, s.sumSquares[c] / n - means[c] ** 2) / Math.max(1, n - 1)));
        comparison.strong = { trajectories: [...s.n], value: means.map((m, c) => normalInterval(m, standardError[c])), standardError };
      }
      out.push(comparison);
    }
  }
  return out;
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
