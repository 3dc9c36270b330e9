/**
 * The check behind every claim that a sharded run equals the unsharded one
 * (test/cli/shard-merge.test.ts, the scale-out tier under a real job engine).
 */

/** The largest differences found between two results' moments. */
export interface MergeDifference {
  /** max |a − b| / max(|a|, |b|) over every moment. */
  moments: number;
  /** max |a − b| / max(|a|, |b|, SE·√n): the relative difference where a moment is not tiny next to its spread. */
  scaled: number;
}

/** Compares every run of two `sdeflow-result/v1` files; the problems found (none when they agree) and the largest differences. */
export function compareResults(whole: any, merged: any): { problems: string[]; difference: MergeDifference } {
  const difference: MergeDifference = { moments: 0, scaled: 0 };
  const problems: string[] = [];
  if (merged.runs.length !== whole.runs.length) problems.push(`runs: ${whole.runs.length} ≠ ${merged.runs.length}`);
  whole.runs.forEach((run: any, k: number) => {
    if (merged.runs[k]) problems.push(...compareRuns(run, merged.runs[k], difference).map((p) => `run ${k}: ${p}`));
  });
  return { problems, difference };
}

/**
 * Walks the unsharded and the merged result side by side and checks counts
 * exactly and moments to float64 rounding. Shards end on reduction-block
 * boundaries, so both results merge the same f32 block partials in float64 and
 * differ only by the order of Chan's merges: a relative 1e-12 is ~10⁴ ulps of
 * headroom. Where a moment is tiny next to the spread of what it averages (a mean
 * near 0 over values of size ~σ), the merge's rounding error scales with that
 * spread, not with the moment, so the scale is then the spread, SE·√n, instead.
 */
function compareRuns(a: any, b: any, stats: MergeDifference): string[] {
  const problems: string[] = [];
  const exact = (what: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) problems.push(`${what}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
  };
  const close = (what: string, x: number[], y: number[], se?: number[], count?: number[]) => {
    if (x.length !== y.length) problems.push(`${what}: ${x.length} values ≠ ${y.length}`);
    x.forEach((u, k) => {
      const v = y[k];
      const diff = Math.abs(u - v);
      const relative = diff / Math.max(Math.abs(u), Math.abs(v), 1e-300);
      const spread = se && count ? se[k] * Math.sqrt(count[k]) : 0;
      const scale = Math.max(Math.abs(u), Math.abs(v), spread, 1e-300);
      stats.moments = Math.max(stats.moments, relative);
      stats.scaled = Math.max(stats.scaled, diff / scale);
      if (!(diff <= 1e-12 * scale)) problems.push(`${what}[${k}]: ${u} vs ${v} (relative ${relative.toExponential(2)})`);
    });
  };
  exact('trajectories', a.trajectories, b.trajectories);
  const sa = a.series;
  const sb = b.series;
  exact('step', sa.step, sb.step);
  exact('t', sa.t, sb.t);
  exact('count', sa.count, sb.count);
  exact('series.diverged', sa.diverged, sb.diverged);
  exact('diverged', a.diverged, b.diverged);
  const count = sa.count as number[];
  const column = (m: number[][], i: number) => m.map((row) => row[i]);
  for (let i = 0; i < sa.mean.length && i < sa.mean[0].length; i++) {
    close(`mean x${i}`, column(sa.mean, i), column(sb.mean, i), column(sa.meanStandardError, i), count);
    close(`mean x${i} SE`, column(sa.meanStandardError, i), column(sb.meanStandardError, i));
    close(`variance x${i}`, column(sa.variance, i), column(sb.variance, i), column(sa.varianceStandardError, i), count);
    close(`variance x${i} SE`, column(sa.varianceStandardError, i), column(sb.varianceStandardError, i));
  }
  if (sa.covariance) {
    // Off-diagonal co-moments and their fourth-moment SEs merge like the moments; a near-zero covariance's scale is its spread.
    const entry = (m: number[][][], i: number, j: number) => m.map((c) => c[i][j]);
    sa.covariance[0].forEach((row: number[], i: number) =>
      row.forEach((_: number, j: number) => {
        close(`covariance (${i}, ${j})`, entry(sa.covariance, i, j), entry(sb.covariance, i, j), entry(sa.covarianceStandardError, i, j), count);
        close(`covariance (${i}, ${j}) SE`, entry(sa.covarianceStandardError, i, j), entry(sb.covarianceStandardError, i, j));
      }),
    );
  }
  for (const q of ['loss', 'distance']) {
    close(q, sa[q].value, sb[q].value, sa[q].standardError, count);
    close(`${q} SE`, sa[q].standardError, sb[q].standardError);
  }
  sa.histogram.coordinates.forEach((h: any, i: number) => {
    const g = sb.histogram.coordinates[i];
    exact(`histogram x${i} counts`, h.counts, g.counts);
    exact(`histogram x${i} underflow`, h.underflow, g.underflow);
    exact(`histogram x${i} overflow`, h.overflow, g.overflow);
  });
  for (const name of Object.keys(sa.regions)) exact(`region ${name} inside`, sa.regions[name].inside, sb.regions[name].inside);
  const ea = a.escape;
  const eb = b.escape;
  exact('escape exited', ea.exited, eb.exited);
  exact('escape censored', ea.censored, eb.censored);
  exact('escape histogram', ea.histogram.counts, eb.histogram.counts);
  exact('escape survival', ea.survival.S, eb.survival.S);
  // E[min(τ, T)] averages exit times of size ~T: its spread is SE·√n.
  const seTime = (ea.meanTime.hi - ea.meanTime.lo) / (2 * 1.959963984540054);
  close('escape meanTime', [ea.meanTime.value], [eb.meanTime.value], [seTime], [count[count.length - 1]]);
  close('escape meanTimeOfExited', [ea.meanTimeOfExited], [eb.meanTimeOfExited]);
  return problems;
}
