// Prints the graduated-optimization tables (Markdown) from the result files of
// experiments/graduated-*.json:
//   for f in experiments/graduated-*.json; do npx sdeflow run $f --out results/$(basename $f); done
//   node --import ./scripts/register-sources.mjs scripts/graduated-report.ts results/
// Success grid over (lr, b), the schedule comparison, explicit GO on Rastrigin
// and the fitted smoothing constant (scripts/graduated/graduated-results.ts says how).
import type { Interval } from '../src/stats/intervals';
import { delta, explicitRastrigin, scheduleRows, smoothingFits, successGrid, temperature, type ConstantFit, type SuccessRow } from './graduated/graduated-results';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node --import ./scripts/register-sources.mjs scripts/graduated-report.ts RESULTS_DIR\n');
  process.exit(2);
}
const f = (v: number | undefined, p = 4) => (v !== undefined && Number.isFinite(v) ? v.toFixed(p) : '—');
const interval = (i: Interval) => `${f(i.value)} [${f(i.lo, 3)}, ${f(i.hi, 3)}]`;
type Schedule = { kind: string; initial: number; factor?: number; every?: number; total?: number; power?: number; values?: number[] };
const lrText = (lr: SuccessRow['lr']) => {
  if (typeof lr === 'number') return String(lr);
  return lr.kind === 'step' ? `${lr.initial} ×${lr.factor}/${lr.every}` : `${lr.initial}(1−k/${lr.total})^${lr.power}`;
};
const bText = (noise: SuccessRow['noise']) => {
  const n = noise as { kind: string; batchSize?: number | Schedule };
  if (n.kind !== 'rademacher' || n.batchSize === undefined) return '—';
  if (typeof n.batchSize === 'number') return String(n.batchSize);
  const b = n.batchSize;
  return b.kind === 'step' ? `${b.initial} ×${b.factor}/${b.every}` : `stages ${b.values![0]}…${b.values!.at(-1)}`;
};
const constant = (c: ConstantFit) => (c ? `${f(c.value)} ± ${f(c.standardError)}` : '—');

const grid = successGrid(dir);
if (grid.length > 0) {
  console.log('\n### Success over (lr, b)\n');
  console.log('| b | lr | δ = ηC/√b | T = ηC²/2b | P(global) [95%] | P(side) | P(outer) | E f | median f | sharpness | E f″(x_K) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const c of grid) {
    console.log(`| ${c.b} | ${c.lr} | ${f(delta(c.lr, c.b))} | ${f(temperature(c.lr, c.b), 3)} | ${interval(c.global)} | ${f(c.side)} | ${f(c.outer)} | ${f(c.loss)} ± ${f(c.lossSe)} | ${f(c.lossQuantiles?.[2], 3)} | ${f(c.sharpness, 2)} | ${f(c.curvature, 2)} |`);
  }
}
const rows = scheduleRows(dir);
if (rows.length > 0) {
  console.log('\n### Schedules\n');
  console.log('| method | lr | b | P(global) [95%] | P(outer) | E f | sharpness | trajectories |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.label} | ${lrText(r.lr)} | ${bText(r.noise)} | ${interval(r.global)} | ${f(r.outer)} | ${f(r.loss)} ± ${f(r.lossSe)} | ${f(r.sharpness, 2)} | ${r.trajectories} |`);
}
const go = explicitRastrigin(dir);
if (go.length > 0) {
  console.log('\n### Explicit GO on Rastrigin D = 50\n');
  console.log('| method | E f | median f | P(‖x‖ ≤ 0.5) | trajectories |');
  console.log('|---|---|---|---|---|');
  for (const r of go) console.log(`| ${r.label} | ${f(r.loss, 3)} ± ${f(r.lossSe, 3)} | ${r.median < r.binWidth ? `< ${r.binWidth} (first bin)` : `${f(r.median, 1)} ± ${r.binWidth / 2}`} | ${interval(r.global)} | ${r.trajectories} |`);
}
const s = smoothingFits(dir);
if (s.fits.length > 0) {
  console.log('\n### Smoothing degree\n');
  console.log('| b | lr | Â (fit) | Â exact (Rademacher) | δ_eff | δ = ηC/√b | δ_R (Rademacher) | δ_eff / δ |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of s.fits) console.log(`| ${r.b} | ${r.eta} | ${f(r.amplitude)} ± ${f(r.amplitudeSe)} | ${f(r.exactAmplitude)} | ${f(r.deltaEff)} ± ${f(r.deltaSe)} | ${f(r.predicted)} | ${f(r.rademacher)} | ${f(r.deltaEff / r.predicted, 3)} |`);
  console.log(`\nfitted δ_eff = c·ηC/√b: c = ${constant(s.all)} over the ${s.all?.points ?? 0} resolved cells; c = ${constant(s.small)} over the ${s.small?.points ?? 0} with kηC/b ≤ 1/2; against δ_R: c = ${constant(s.exact)}`);
}
