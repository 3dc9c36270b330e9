/** The numbers the escape pages report per model, with tolerances for comparing adapters. */
import type { ExperimentResult } from 'sdeflow';
import type { ShownNumber } from '../../app/page-definition';

/**
 * Escape fraction by T (95% half-width), restricted mean exit time, and the
 * fraction in each named region at T. Between two adapters a few trajectories'
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
      { key: `${i}.escaped`, label: `${label}: escaped by T`, value: e.fraction.value, error: (e.fraction.hi - e.fraction.lo) / 2, digits: 3, tolerance: { absolute: FLIPS / n } },
      { key: `${i}.meanTime`, label: `${label}: E[min(τ, T)]`, value: e.meanTime.value, digits: 2, tolerance: { absolute: (FLIPS * T) / n, relative: 1e-4 } },
    ];
    for (const r of regions) {
      const f = run.series.regions?.[r.name]?.fraction;
      if (f) out.push({ key: `${i}.${r.name}`, label: `${label}: ${r.label}`, value: f[f.length - 1].value, digits: 3, tolerance: { absolute: FLIPS / n } });
    }
    return out;
  });
}
