/** The numbers the escape pages report per model, with tolerances for comparing adapters. */
import type { ExperimentResult } from 'sdeflow';
import type { ShownNumber } from '../../app/page-definition';

/**
 * Escape fraction by T and the fraction in each named region at T (Wilson 95%
 * intervals), and the restricted mean exit time (± its standard error). Between two adapters a few trajectories'
 * exit decisions may flip (their f32 paths differ by rounding near the
 * boundary), so fractions may differ by a few trajectories out of N.
 */
export function escapeNumbers(result: ExperimentResult, regions: { name: string; label: string }[] = []): ShownNumber[] {
  const FLIPS = 4;
  return result.runs.flatMap((run, i) => {
    const label = run.label ?? `run ${i}`;
    const e = run.escape!;
    const n = run.trajectories;
    const T = run.series.t[run.series.t.length - 1];
    const out: ShownNumber[] = [
      { key: `${i}.escaped`, label: `${label}: escaped by T`, value: e.fraction.value, uncertainty: { interval: [e.fraction.lo, e.fraction.hi] }, tolerance: { absolute: FLIPS / n } },
      // meanTime's interval is the normal 95% one: its standard error is the half-width / 1.96.
      { key: `${i}.meanTime`, label: `${label}: E[min(τ, T)]`, value: e.meanTime.value, uncertainty: { standardError: (e.meanTime.hi - e.meanTime.lo) / 2 / 1.96 }, tolerance: { absolute: (FLIPS * T) / n, relative: 1e-4 } },
    ];
    for (const r of regions) {
      const f = run.series.regions?.[r.name]?.fraction;
      const at = f?.[f.length - 1];
      if (at) out.push({ key: `${i}.${r.name}`, label: `${label}: ${r.label}`, value: at.value, uncertainty: { interval: [at.lo, at.hi] }, tolerance: { absolute: FLIPS / n } });
    }
    return out;
  });
}
