import { describeRegion } from '../experiment/region';
import { adapterLabel } from '../gpu/adapter-description';
import type { ErrorEstimate } from '../run/error-estimate';
import type { ExperimentResult, Interval, RunResult, SweepSlope } from '../run/experiment-result';

/**
 * The console report of `sdeflow run` and `sdeflow merge` (also shown by the demo,
 * so browser-safe): per run a table of the final checkpoint's statistics with their
 * uncertainty and, where a law is known, its value and z; then divergence, escape,
 * reference check and speed; after the runs, comparisons and sweep slopes.
 * Kept within 100 columns for ordinary labels.
 */
export function formatConsoleReport(result: ExperimentResult): string {
  const merged = result.shards !== undefined ? `, merged from ${result.shards} shards` : '';
  const lines = [`${result.name} — seed ${JSON.stringify(result.seed)}${merged}`, `device: ${adapterLabel(result.device)}`, ''];
  for (const run of result.runs) lines.push(...formatRun(result, run), '');
  if (result.comparisons.length > 0) lines.push(...formatComparisons(result), '');
  if (result.sweepSlopes.length > 0) lines.push(...formatSlopes(result.sweepSlopes), '');
  for (const run of result.runs) if (run.mlmc) lines.push(...formatMlmc(run), '');
  const citations = [...new Set(result.runs.map((r) => r.citation))];
  lines.push('Methods:', ...citations.flatMap((c) => c.split('; ')).map((c) => `  ${c}`));
  return lines.join('\n');
}

/** A run's multilevel Monte Carlo estimate: the value with its SE and interval, then every level and the costs. */
function formatMlmc(run: RunResult): string[] {
  const m = run.mlmc!;
  const e = m.estimate;
  const head = [
    `Multilevel Monte Carlo, ${run.label}: E ${m.observable}(X_T) = ${fmt(e.value)} ± ${fmt(e.standardError, 2)} (SE), 95% interval [${fmt(e.lo)}, ${fmt(e.hi)}]`,
    `  target RMSE ${m.rmse}; bias estimate ${fmt(m.biasEstimate, 2)} ${m.converged ? '< ε/√2' : '≥ ε/√2: maxLevels reached first'}; cost ${fmt(m.cost, 3)} trajectory-steps, plain Monte Carlo ${fmt(m.plainMonteCarloCost, 3)} (${fmt(m.speedup, 3)}× more)`,
  ];
  // Pairs with a diverged path are counted, never averaged in: a column appears when there are any.
  const diverged = m.levels.some((l) => (l.diverged ?? 0) > 0);
  const rows = [['level', 'h', 'trajectories', ...(diverged ? ['diverged'] : []), 'mean of Y_ℓ', 'Var Y_ℓ', 'Var φ', 'steps per sample']];
  for (const l of m.levels) {
    rows.push([String(l.level), fmt(l.h), String(l.trajectories), ...(diverged ? [String(l.diverged ?? 0)] : []), fmt(l.meanDifference), fmt(l.varianceDifference, 3), fmt(l.varianceObservable, 3), String(l.costPerTrajectory)]);
  }
  return [...head, ...table(rows, rows[0].map(() => true)).map((l) => '  ' + l)];
}

/** A value to 6 significant digits (NaN and ±Inf spelled out). */
const fmt = (x: number, digits = 6) => {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e7 ? x.toExponential(digits - 1) : x.toPrecision(digits);
};
/** An uncertainty to 2 significant digits. */
const fmtPm = (x: number) => (Number.isFinite(x) ? x.toPrecision(2) : '');
const fmtZ = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '');
const rate = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)} G` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : `${(x / 1e3).toFixed(1)} k`);
/** A 95% interval to 4 significant digits, [lo, hi]. */
const fmtInterval = (lo: number | undefined, hi: number | undefined) => (lo === undefined || hi === undefined || Number.isNaN(lo) || Number.isNaN(hi) ? '' : `[${fmt(lo, 4)}, ${fmt(hi, 4)}]`);
/** 1.96: an estimate's 95% normal interval is value ± Z95 SE. */
const Z95 = 1.959963984540054;
const clip = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n - 1) + '…');

/** One row of a run's table: a statistic at the final checkpoint, its uncertainty and, where known, a law's value. */
interface Row {
  statistic: string;
  value: number;
  /** One standard error (undefined in a result written before fractions and exit times carried one). */
  se?: number;
  /** The 95% interval. */
  lo?: number;
  hi?: number;
  /** Shown instead of the value (e.g. a median not reached). */
  text?: string;
  exact?: number;
  z?: number;
  /** Whose value `exact` is: the run's closed form, or the continuous model's law (model error). */
  law?: 'closed' | 'limit';
}

function formatRun(result: ExperimentResult, run: RunResult): string[] {
  const s = run.series;
  const last = s.step.length - 1;
  const head =
    `${run.label}: ${run.trajectories} trajectories × ${run.steps} steps, t = ${fmt(s.t[last], 4)}` +
    (run.sweep ? `, ${run.sweep.param} = ${JSON.stringify(run.sweep.value)}` : '');
  const out = [head];
  const diverged = run.diverged > 0 ? [`  diverged: ${run.diverged} trajectories (NaN/Inf; frozen, counted, excluded from every statistic)`] : [];
  const where = result.shards !== undefined ? ` summed over ${result.shards} shards` : '';
  const speed = `  ${rate(run.timing.trajectoryStepsPerSecond)} trajectory-steps/s (${run.timing.seconds.toFixed(2)} s${where})`;
  if (s.count[last] === 0) {
    // Every trajectory diverged: the statistics of an empty ensemble mean nothing.
    return [...out, `  no finite trajectory left at t = ${fmt(s.t[last], 4)}: no statistic to show`, ...diverged, speed];
  }
  const rows = finalRows(run);
  const lawColumns = rows.some((r) => r.exact !== undefined);
  const cells = [['statistic', 'value', 'SE', '95% interval', ...(lawColumns ? ['closed form', 'z'] : [])]];
  for (const r of rows) {
    cells.push([
      r.statistic,
      r.text ?? fmt(r.value),
      r.se === undefined ? '' : fmtPm(r.se),
      fmtInterval(r.lo, r.hi),
      ...(lawColumns ? [r.exact !== undefined ? fmt(r.exact) : '', r.z !== undefined ? fmtZ(r.z) : ''] : []),
    ]);
  }
  out.push(...table(cells, [false, true, true, true, true, true]).map((l) => '  ' + l));
  const legend = [
    'SE: one standard error; 95% interval: value ± 1.96 SE',
    ...(rows.some((r) => r.statistic.startsWith('fraction') || r.statistic === 'exited by T') ? ['Wilson for fractions'] : []),
    ...(rows.some((r) => r.statistic === 'median exit time' && r.text === undefined) ? ['order statistics for the median'] : []),
  ];
  out.push(`  ${legend.join('; ')}`);
  if (run.escape && !run.escape.medianTime) out.push('  median exit time: — (fewer than half the trajectories exited)');
  const kinds = (law: Row['law']) => [...new Set(rows.filter((r) => r.law === law).map((r) => r.statistic.split(' ')[0]))].join(', ');
  if (run.closedForm && kinds('closed')) {
    out.push(`  closed form (${kinds('closed')}): ${run.closedForm.name}`, `    max |z| over all ${s.step.length} checkpoints = ${fmt(run.closedForm.maxAbsZ, 3)}`);
  }
  if (run.modelError && kinds('limit')) {
    out.push(`  closed form (${kinds('limit')}): ${run.modelError.name}`, "    the continuous model's law: z includes the discretization error");
  }
  out.push(...diverged);
  if (run.escape) out.push(...formatEscape(result, run));
  if (run.reference) {
    out.push(
      `  float64 reference on ${run.reference.trajectories} trajectories: max |Δ| = ${run.reference.maxAbsDifference.toExponential(2)}, ` +
        `RMS = ${run.reference.rmsDifference.toExponential(2)}`,
    );
  }
  if (run.stationarity) {
    const st = run.stationarity;
    const q = st.quantiles.p.map((p, i) => `${Math.round(p * 100)}% ${fmt(st.quantiles.value[i], 3)}`).join(', ');
    out.push(`  Clarke stationarity ρ_ε (ε = ${st.epsilon}, ${st.samples} sampled subgradients) of ${st.trajectories} final iterates: ${q}, max ${fmt(st.max, 3)}`);
  }
  out.push(speed);
  return out;
}

/**
 * The table's rows: moments with standard errors and, for mean and variance, the
 * closed form (z = (estimate − exact) / SE) when the run has one, else the
 * continuous model's law from the model error (exact = estimate − difference,
 * z = difference / SE), which also covers loss and distance; then region
 * fractions and escape statistics with their 95% intervals.
 */
function finalRows(run: RunResult): Row[] {
  const s = run.series;
  const last = s.step.length - 1;
  const cf = run.closedForm;
  const me = run.modelError;
  const fromLimit = (e: ErrorEstimate | undefined, value: number): Partial<Row> =>
    e ? { exact: value - e.difference, z: e.standardError > 0 ? e.difference / e.standardError : NaN, law: 'limit' } : {};
  const rows: Row[] = [];
  const dims = s.mean?.[last]?.length ?? s.variance?.[last]?.length ?? 0;
  if (s.mean) {
    for (let i = 0; i < dims; i++) {
      const value = s.mean[last][i];
      const law = cf ? { exact: cf.mean[last][i], z: cf.zMean[last][i], law: 'closed' as const } : fromLimit(me?.mean[last]?.[i], value);
      rows.push({ statistic: `mean x${i}`, ...normalRow(value, s.meanStandardError?.[last][i] ?? NaN), ...law });
    }
  }
  if (s.variance) {
    for (let i = 0; i < dims; i++) {
      const law = cf ? { exact: cf.variance[last][i], z: cf.zVariance[last][i], law: 'closed' as const } : {};
      rows.push({ statistic: `variance x${i}`, ...normalRow(s.variance[last][i], s.varianceStandardError?.[last][i] ?? NaN), ...law });
    }
  }
  if (s.loss) rows.push({ statistic: 'loss E f', ...normalRow(s.loss.value[last], s.loss.standardError[last]), ...fromLimit(me?.loss?.[last], s.loss.value[last]) });
  if (s.distance) {
    const d = s.distance;
    rows.push({ statistic: 'distance E‖x−x*‖²', ...normalRow(d.value[last], d.standardError[last]), ...fromLimit(me?.distance?.[last], d.value[last]) });
  }
  if (s.gradient) rows.push({ statistic: 'gradient E‖∇f‖²', ...normalRow(s.gradient.value[last], s.gradient.standardError[last]) });
  if (s.smoothness) rows.push({ statistic: 'smoothness ∇fᵀH∇f/‖∇f‖²', ...normalRow(s.smoothness.value[last], s.smoothness.standardError[last]) });
  const interval = (statistic: string, i: Interval & { standardError?: number }): Row => ({ statistic, value: i.value, se: i.standardError, lo: i.lo, hi: i.hi });
  for (const [name, region] of Object.entries(s.regions ?? {})) rows.push(interval(`fraction in ${clip(name, 20)}`, region.fraction[last]));
  const e = run.escape;
  if (e) {
    rows.push(interval('exited by T', e.fraction));
    rows.push(interval(e.meanTimeKind === 'mean' ? 'mean exit time' : 'E[min(τ, T)]', e.meanTime));
    rows.push(e.medianTime ? interval('median exit time', e.medianTime) : { statistic: 'median exit time', value: NaN, text: '—' });
  }
  return rows;
}

/** An asymptotically normal estimate's cells: value, SE and value ± 1.96 SE. */
function normalRow(value: number, se: number): Pick<Row, 'value' | 'se' | 'lo' | 'hi'> {
  return { value, se, lo: value - Z95 * se, hi: value + Z95 * se };
}

function formatEscape(result: ExperimentResult, run: RunResult): string[] {
  const e = run.escape!;
  const spec = result.experiment?.escape;
  const last = run.series.step.length - 1;
  const T = fmt(run.series.t[last], 4);
  const region = spec ? ` of ${describeRegion(spec.region)}` : '';
  const lines = [`  escape${region}: ${e.exited} exited, ${e.censored} censored at T = ${T}`];
  lines.push(
    `    Brownian-bridge correction ${e.bridge ? 'on (exits between steps counted)' : 'off (exits seen at the steps only)'}` +
      (spec?.stop === false ? '; trajectories continue after exiting' : spec ? '; trajectories stop at their exit' : ''),
  );
  if (e.meanTimeKind === 'restricted-mean') {
    lines.push(`    E[min(τ, T)] is the restricted mean, a lower bound of E τ; exited ones' mean time ${fmt(e.meanTimeOfExited, 4)}`);
  } else {
    lines.push('    every finite trajectory exited: mean exit time is E τ');
  }
  return lines;
}

function formatComparisons(result: ExperimentResult): string[] {
  const cells = [['runs', 'sweep', 't', 'error', 'value', '±']];
  for (const c of result.comparisons) {
    const end = c.t.length - 1;
    const pair = clip(`${c.labels[0]} vs ${c.labels[1]}`, 36);
    const sweep = result.runs.find((r) => r.index === c.a)?.sweep;
    const at = sweep ? clip(`${sweep.param} = ${JSON.stringify(sweep.value)}`, 20) : '';
    const t = fmt(c.t[end], 4);
    const rows: [string, number, number][] = [];
    c.weak.mean[end].forEach((w, i) => rows.push([`weak |Δ mean x${i}|`, w.value, w.standardError]));
    if (c.weak.loss) rows.push(['weak |Δ loss|', c.weak.loss[end].value, c.weak.loss[end].standardError]);
    if (c.weak.distance) rows.push(['weak |Δ distance|', c.weak.distance[end].value, c.weak.distance[end].standardError]);
    if (c.strong) rows.push([`strong E‖Δx‖ (${c.strong.trajectories[end]} paths)`, c.strong.value[end].value, c.strong.standardError[end]]);
    if (c.paired) {
      // The same paths' differences: their SE, and how much of Var Xᵃ + Var Xᵇ the shared noise removed.
      c.paired.mean[end].forEach((w, i) => rows.push([`paired Δ mean x${i} (variance ×${fmt(c.paired!.differenceVariance[end][i] / c.paired!.independentVariance[end][i], 2)})`, w.difference, w.standardError]));
    }
    rows.forEach(([name, value, se], k) => cells.push([k === 0 ? pair : '', k === 0 ? at : '', k === 0 ? t : '', name, fmt(value, 4), fmtPm(se)]));
  }
  return [comparisonsHeader(result), ...table(cells, [false, false, true, false, true, true]).map((l) => '  ' + l)];
}

/**
 * Says which time the comparisons are taken at: a pair is compared at the last
 * checkpoint time both runs record, which is before the end of the longer run
 * when the two end at different times.
 */
function comparisonsHeader(result: ExperimentResult): string {
  const finalT = (index: number) => {
    const t = result.runs.find((r) => r.index === index)?.series.t;
    return t ? t[t.length - 1] : NaN;
  };
  const times = new Set(result.comparisons.flatMap((c) => [c.t[c.t.length - 1], finalT(c.a), finalT(c.b)]));
  if (times.size === 1) return `Comparisons at the final checkpoint, t = ${fmt([...times][0], 4)} (± standard error):`;
  return 'Comparisons at the last checkpoint time both runs record (column t; a longer run goes on after it; ± standard error):';
}

function formatSlopes(slopes: SweepSlope[]): string[] {
  const cells = [['error', 'quantity', 'slope', '95% interval', 'declared order', 'points']];
  for (const s of slopes) {
    cells.push([clip(s.of, 40), s.quantity, fmt(s.slope.value, 3), `[${fmt(s.slope.lo, 3)}, ${fmt(s.slope.hi, 3)}]`, s.declaredOrder !== undefined ? String(s.declaredOrder) : '', String(s.points.length)]);
  }
  return [`Log-log slopes over the sweep of ${slopes[0].param} (at the final time; declared order: the order the dynamics declares for that error over a sweep of its step — weak for a model error, strong for h against h/2):`, ...table(cells, [false, false, true, false, true, true]).map((l) => '  ' + l)];
}

/** Aligns cells in columns: text columns left, number columns right (`numeric[c]`); drops empty columns. */
function table(rows: string[][], numeric: boolean[]): string[] {
  const keep = rows[0].map((_, c) => rows.some((r, k) => k > 0 && r[c] !== ''));
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .filter((_, c) => keep[c])
      .join('  ')
      .trimEnd(),
  );
}
