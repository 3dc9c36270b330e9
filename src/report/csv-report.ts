import type { ExperimentResult, RunResult } from '../run/experiment-result';
import type { HistogramSeries } from '../stats/summarize';

/** One CSV file of a report: a bare file name and its text. */
export interface CsvFile {
  name: string;
  text: string;
}

type Cell = string | number | undefined;

/**
 * The CSV files of `--csv DIR` (pure: the CLI writes them). Per run i:
 * - `run-<i>-<label-slug>.csv`: one row per checkpoint: step, t, count, diverged,
 *   then every statistic as value, `_se` (standard error), `_lo`, `_hi` (95% interval):
 *   per coordinate the mean and the variance (when recorded), loss, distance, gradient,
 *   smoothness, each region's fraction (Wilson) and the escape survival S(t) (Wilson);
 *   a result written before fractions carried an SE leaves those cells empty;
 * - `escape-times-<i>.csv` (with escape): the exit-time histogram, one row per bin;
 * - `histogram-<i>.csv` (with histograms): one row per checkpoint, quantity and bin,
 *   with the underflow and overflow counts as bins reaching to -inf / inf.
 * Over the experiment: `comparisons.csv` (weak and strong errors between runs at every
 * common checkpoint) and `slopes.csv` (log-log slopes over the sweep, one row per point).
 * Numbers are written in shortest round-trip form; NaN as NaN, infinities as inf / -inf.
 */
export function csvReport(result: ExperimentResult): CsvFile[] {
  const files: CsvFile[] = [];
  for (const run of result.runs) {
    files.push({ name: `run-${run.index}-${slug(run.label)}.csv`, text: seriesCsv(run) });
    if (run.escape) files.push({ name: `escape-times-${run.index}.csv`, text: escapeTimesCsv(run) });
    if (run.series.histogram) files.push({ name: `histogram-${run.index}.csv`, text: histogramCsv(run) });
  }
  if (result.comparisons.length > 0) files.push({ name: 'comparisons.csv', text: comparisonsCsv(result) });
  if (result.sweepSlopes.length > 0) files.push({ name: 'slopes.csv', text: slopesCsv(result) });
  return files;
}

/** A file-name-safe form of a label: lower-case letters, digits and single dashes. */
export function slug(label: string): string {
  const s = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'run';
}

/** A CSV field: numbers in shortest round-trip form, text quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'NaN';
    if (cell === Infinity) return 'inf';
    if (cell === -Infinity) return '-inf';
    return String(cell);
  }
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

function seriesCsv(run: RunResult): string {
  const s = run.series;
  const columns: { name: string; at: (c: number) => Cell }[] = [
    { name: 'step', at: (c) => s.step[c] },
    { name: 't', at: (c) => s.t[c] },
    { name: 'count', at: (c) => s.count[c] },
    { name: 'diverged', at: (c) => s.diverged[c] },
  ];
  const dims = s.mean?.[0]?.length ?? s.variance?.[0]?.length ?? 0;
  const perCoordinate = (name: string, values: number[][] | undefined, errors: number[][] | undefined, interval: { lo: number[][]; hi: number[][] } | undefined) => {
    if (!values) return;
    for (let i = 0; i < dims; i++) {
      columns.push({ name: `${name}_x${i}`, at: (c) => values[c][i] });
      columns.push({ name: `${name}_x${i}_se`, at: (c) => errors?.[c][i] });
      columns.push({ name: `${name}_x${i}_lo`, at: (c) => interval?.lo[c][i] });
      columns.push({ name: `${name}_x${i}_hi`, at: (c) => interval?.hi[c][i] });
    }
  };
  perCoordinate('mean', s.mean, s.meanStandardError, s.meanInterval);
  perCoordinate('variance', s.variance, s.varianceStandardError, s.varianceInterval);
  for (const [name, series] of [['loss', s.loss], ['distance', s.distance], ['gradient', s.gradient], ['smoothness', s.smoothness]] as const) {
    if (!series) continue;
    columns.push({ name, at: (c) => series.value[c] });
    columns.push({ name: `${name}_se`, at: (c) => series.standardError[c] });
    columns.push({ name: `${name}_lo`, at: (c) => series.lo?.[c] });
    columns.push({ name: `${name}_hi`, at: (c) => series.hi?.[c] });
  }
  for (const [name, region] of Object.entries(s.regions ?? {})) {
    columns.push({ name: `region_${name}`, at: (c) => region.fraction[c].value });
    columns.push({ name: `region_${name}_se`, at: (c) => region.fraction[c].standardError });
    columns.push({ name: `region_${name}_lo`, at: (c) => region.fraction[c].lo });
    columns.push({ name: `region_${name}_hi`, at: (c) => region.fraction[c].hi });
  }
  const survival = run.escape?.survival;
  if (survival) {
    columns.push({ name: 'survival', at: (c) => survival.S[c] });
    columns.push({ name: 'survival_se', at: (c) => survival.standardError?.[c] });
    columns.push({ name: 'survival_lo', at: (c) => survival.lo[c] });
    columns.push({ name: 'survival_hi', at: (c) => survival.hi[c] });
  }
  return csv(
    columns.map((col) => col.name),
    s.step.map((_, c) => columns.map((col) => col.at(c))),
  );
}

function escapeTimesCsv(run: RunResult): string {
  const { binWidth, counts } = run.escape!.histogram;
  return csv(['t_start', 't_end', 'count'], counts.map((n, k) => [k * binWidth, (k + 1) * binWidth, n]));
}

function histogramCsv(run: RunResult): string {
  const h = run.series.histogram!;
  const quantities: [string, HistogramSeries][] = h.coordinates.map((series, i) => [`x${i}`, series]);
  if (h.loss) quantities.push(['loss', h.loss]);
  const rows: Cell[][] = [];
  run.series.step.forEach((step, c) => {
    const t = run.series.t[c];
    for (const [quantity, series] of quantities) {
      const [lo, hi] = series.range;
      const width = (hi - lo) / series.bins;
      rows.push([step, t, quantity, -Infinity, lo, series.underflow[c]]);
      series.counts[c].forEach((n, k) => rows.push([step, t, quantity, lo + k * width, k === series.bins - 1 ? hi : lo + (k + 1) * width, n]));
      rows.push([step, t, quantity, hi, Infinity, series.overflow[c]]);
    }
  });
  return csv(['step', 't', 'quantity', 'bin_lo', 'bin_hi', 'count'], rows);
}

function comparisonsCsv(result: ExperimentResult): string {
  const rows: Cell[][] = [];
  for (const c of result.comparisons) {
    const sweep = result.runs.find((r) => r.index === c.a)?.sweep;
    const value = sweep === undefined ? undefined : typeof sweep.value === 'number' ? sweep.value : JSON.stringify(sweep.value);
    c.t.forEach((t, k) => {
      const row = (quantity: string, e: { value: number; lo: number; hi: number }, se: number) =>
        rows.push([c.a, c.b, c.labels[0], c.labels[1], value, t, quantity, e.value, e.lo, e.hi, se]);
      c.weak.mean[k].forEach((e, i) => row(`weak mean_x${i}`, e, e.standardError));
      if (c.weak.loss) row('weak loss', c.weak.loss[k], c.weak.loss[k].standardError);
      if (c.weak.distance) row('weak distance', c.weak.distance[k], c.weak.distance[k].standardError);
      if (c.strong) row('strong', c.strong.value[k], c.strong.standardError[k]);
    });
  }
  const param = result.experiment.sweep?.param ?? 'sweep';
  return csv(['a', 'b', 'label_a', 'label_b', param, 't', 'quantity', 'value', 'lo', 'hi', 'se'], rows);
}

function slopesCsv(result: ExperimentResult): string {
  const rows: Cell[][] = [];
  for (const s of result.sweepSlopes) {
    for (const p of s.points) rows.push([s.param, s.of, s.quantity, s.slope.value, s.slope.lo, s.slope.hi, s.standardError, p.x, p.y, p.standardError]);
  }
  return csv(['param', 'of', 'quantity', 'slope', 'slope_lo', 'slope_hi', 'slope_se', 'x', 'error', 'error_se'], rows);
}
