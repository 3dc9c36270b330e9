// Prints heavy-ball's implicit-regularization table (Markdown) from a result of
// experiments/hb-directional-smoothness.json (or any file whose first item is
// gradient flow and whose others are GD / heavy-ball at the same effective step):
//   node --import ./scripts/register-sources.mjs scripts/hb-regularization.ts RESULT.json [--curvature h] [--window lo hi] [--svg OUT.svg]
// With --svg it also draws two panels against τ (scripts/plots/regularization-figure.ts).
// h defaults to the flatter well's curvature 8·depth/width² of a double-well objective.
import { readFileSync, writeFileSync } from 'node:fs';
import type { ExperimentResult } from '../src/run/experiment-result';
import { implicitRegularizationTable } from '../src/run/implicit-regularization';
import { regularizationFigure } from './plots/regularization-figure';
import { renderSvg } from './plots/render-svg';

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
  writeFileSync(args[svgAt + 1], await renderSvg(regularizationFigure(result, table, curvature)));
  console.log(`\nwrote ${args[svgAt + 1]}`);
}

function defaultCurvature(r: ExperimentResult): number {
  const objective = r.experiment.objective as { kind: string; left?: { depth: number; width: number }; right?: { depth: number; width: number } };
  if (objective.kind !== 'double-well' || !objective.left || !objective.right) usage('give --curvature h for objectives other than an asymmetric double well');
  const h = (w: { depth: number; width: number }) => (8 * w.depth) / (w.width * w.width);
  return Math.min(h(objective.left!), h(objective.right!));
}

function usage(message: string): never {
  console.error(`hb-regularization: ${message}\nusage: node --import ./scripts/register-sources.mjs scripts/hb-regularization.ts RESULT.json [--curvature h] [--window lo hi] [--svg OUT.svg]`);
  process.exit(2);
}
