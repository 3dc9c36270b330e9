// Prints heavy-ball's implicit-regularization table (Markdown) from a result of
// experiments/hb-directional-smoothness.json (or any file whose first item is
// gradient flow and whose others are GD / heavy-ball at the same effective step):
//   node --import ./scripts/register-sources.mjs scripts/hb-regularization.ts RESULT.json [--curvature h] [--window lo hi] [--svg OUT.svg]
// With --svg it also draws two panels against τ: log(E‖∇f‖²_GF / E‖∇f‖²_method)
// with the exact linearized slopes (dashed), and the same log ratio for the directional
// smoothness S in excess of h (how much faster the method flattens the gradient's direction).
// h defaults to the flatter well's curvature 8·depth/width² of a double-well objective.
import { readFileSync, writeFileSync } from 'node:fs';
import { implicitRegularizationTable, type ExperimentResult } from '../src/internal';

const args = process.argv.slice(2);
const file = args[0];
if (!file) usage('need RESULT.json');
const result = JSON.parse(readFileSync(file, 'utf8')) as ExperimentResult;
const flagAt = (name: string): number => args.indexOf(name);
const curvature = flagAt('--curvature') > 0 ? Number(args[flagAt('--curvature') + 1]) : defaultCurvature(result);
const window: [number, number] = flagAt('--window') > 0 ? [Number(args[flagAt('--window') + 1]), Number(args[flagAt('--window') + 2])] : [6, 12];
if (!(curvature > 0) || !window.every(Number.isFinite)) usage('bad --curvature or --window');

const table = implicitRegularizationTable(result, { curvature, window });
const gd = table.rows.find((row) => row.beta === 0);
const fmt = (x: number, digits = 4) => x.toPrecision(digits);
console.log(`Device: ${result.device.description}; ${result.runs[0].trajectories} trajectories; excess rates fitted over τ ∈ [${window[0]}, ${window[1]}], h = ${fmt(curvature)}.\n`);
console.log('| method | β | E‖∇f‖² at the end | directional smoothness at the end | excess rate of E‖∇f‖² over GF (95% interval) | exact linearized | first order 4λh² | ratio to GD | (1+β)/(1−β) | excess rate of S − h (prediction: half) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
console.log(`| ${table.gradientFlow.label} | – | ${fmt(table.gradientFlow.finalGradient)} | ${fmt(table.gradientFlow.finalSmoothness, 7)} | 0 | 0 | 0 | – | – | 0 |`);
for (const row of table.rows) {
  const ratio = gd ? fmt(row.excessRate.slope / gd.excessRate.slope) : '–';
  console.log(
    `| ${row.label} | ${row.beta} | ${fmt(row.finalGradient)} | ${fmt(row.finalSmoothness, 7)} | ${fmt(row.excessRate.slope)} [${fmt(row.excessRate.lo)}, ${fmt(row.excessRate.hi)}] | ${fmt(row.exactRate)} | ${fmt(row.firstOrderRate)} | ${ratio} | ${fmt((1 + row.beta) / (1 - row.beta), 3)} | ${fmt(row.smoothnessExcessRate.slope)} (${fmt(row.exactRate / 2)}) |`,
  );
}

const svgAt = flagAt('--svg');
if (svgAt > 0) {
  writeFileSync(args[svgAt + 1], regularizationSvg(result, table, curvature));
  console.log(`\nwrote ${args[svgAt + 1]}`);
}

function regularizationSvg(r: ExperimentResult, t: ReturnType<typeof implicitRegularizationTable>, h: number): string {
  const colors = ['#444', '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
  const W = 420;
  const H = 300;
  const pad = { l: 58, r: 12, t: 30, b: 40 };
  const runs = r.runs;
  const tau = runs[0].series.step.map((k) => k * t.rows[0].effectiveStep);
  const tMax = tau.at(-1)!;
  const ratio = runs.map((run) => run.series.gradient!.value.map((v, i) => Math.log(runs[0].series.gradient!.value[i] / v)));
  const flowSmoothness = runs[0].series.smoothness!.value;
  const smooth = runs.map((run) => run.series.smoothness!.value.map((v, i) => Math.log((flowSmoothness[i] - h) / (v - h))));
  const panel = (x0: number, title: string, ys: number[][], yLabel: string, dashed: (i: number) => number | undefined, skipFirst: boolean) => {
    const all = ys.flatMap((y) => y.filter((v, i) => Number.isFinite(v) && tau[i] >= 0.5));
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const sx = (v: number) => x0 + pad.l + ((W - pad.l - pad.r) * v) / tMax;
    const sy = (v: number) => pad.t + ((H - pad.t - pad.b) * (hi - v)) / (hi - lo || 1);
    let out = `<text x="${x0 + W / 2}" y="18" text-anchor="middle" font-size="13">${title}</text>`;
    out += `<line x1="${sx(0)}" y1="${H - pad.b}" x2="${sx(tMax)}" y2="${H - pad.b}" stroke="#000"/><line x1="${sx(0)}" y1="${pad.t}" x2="${sx(0)}" y2="${H - pad.b}" stroke="#000"/>`;
    for (let k = 0; k <= 4; k++) {
      const v = lo + ((hi - lo) * k) / 4;
      out += `<text x="${sx(0) - 4}" y="${sy(v) + 4}" text-anchor="end" font-size="10">${v.toPrecision(2)}</text>`;
      const tv = (tMax * k) / 4;
      out += `<text x="${sx(tv)}" y="${H - pad.b + 14}" text-anchor="middle" font-size="10">${tv}</text>`;
    }
    out += `<text x="${x0 + W / 2}" y="${H - 6}" text-anchor="middle" font-size="11">gradient-flow time τ = k·η/(1−β)</text>`;
    out += `<text x="${x0 + 12}" y="${H / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 ${x0 + 12} ${H / 2})">${yLabel}</text>`;
    ys.forEach((y, j) => {
      if (skipFirst && j === 0) return;
      const pts = y.map((v, i) => (tau[i] >= 0.5 && Number.isFinite(v) ? `${sx(tau[i]).toFixed(1)},${sy(v).toFixed(1)}` : '')).filter(Boolean);
      out += `<polyline fill="none" stroke="${colors[j]}" stroke-width="1.8" points="${pts.join(' ')}"/>`;
      const slope = dashed(j);
      if (slope !== undefined) {
        // The predicted slope through the last point.
        const yEnd = y.at(-1)!;
        const tStart = Math.max(0.5, tMax - (yEnd - lo) / (slope || 1e-9));
        out += `<line x1="${sx(tStart)}" y1="${sy(yEnd - slope * (tMax - tStart))}" x2="${sx(tMax)}" y2="${sy(yEnd)}" stroke="${colors[j]}" stroke-dasharray="4 3" stroke-width="1"/>`;
      }
    });
    return out;
  };
  const legend = runs.map((run, j) => `<rect x="${70 + 190 * j}" y="${H + 8}" width="14" height="3" fill="${colors[j]}"/><text x="${88 + 190 * j}" y="${H + 13}" font-size="11">${run.label}</text>`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 24}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    panel(0, 'log(E‖∇f‖² of GF / of the method); dashed: predicted slope', ratio, 'log ratio', (j) => (j === 0 ? undefined : t.rows[j - 1].exactRate), true) +
    panel(W, `log((S of GF − h)/(S − h)), S = ∇fᵀH∇f/‖∇f‖²; dashed: half the slope`, smooth, 'log ratio', (j) => (j === 0 ? undefined : t.rows[j - 1].exactRate / 2), true) +
    legend +
    '</svg>\n'
  );
}

function defaultCurvature(r: ExperimentResult): number {
  const objective = r.experiment.objective as { kind: string; left?: { depth: number; width: number }; right?: { depth: number; width: number } };
  if (objective.kind !== 'double-well' || !objective.left || !objective.right) usage('give --curvature h for objectives other than an asymmetric double well');
  const h = (w: { depth: number; width: number }) => (8 * w.depth) / (w.width * w.width);
  return Math.min(h(objective.left!), h(objective.right!));
}

function usage(message: string): never {
  console.error(`hb-regularization: ${message}\nusage: node --import ./scripts/register-sources.mjs scripts/hb-regularization.ts RESULT.json [--curvature h] [--window lo hi]`);
  process.exit(2);
}
