// Draws the loss curves of an sdeflow result as a standalone SVG: per run the
// ensemble mean of f(X_k) and the band between two quantiles of f(X_k) read from
// its histogram (record.histogram.lossRange), on a log10 axis
// (scripts/plots/loss-curves.ts):
//   node --import ./scripts/register-sources.mjs scripts/plot-loss.ts RESULT.json OUT.svg [--band 0.1,0.9] [--title TEXT]
import { readFileSync, writeFileSync } from 'node:fs';
import type { ExperimentResult } from '../src/run/experiment-result';
import { lossCurves, lossCurvesFigure } from './plots/loss-curves';
import { renderSvg } from './plots/render-svg';

const [input, output, ...rest] = process.argv.slice(2);
if (!input || !output) usage('need RESULT.json and OUT.svg');
const option = (name: string): string | undefined => {
  const at = rest.indexOf(name);
  return at >= 0 ? rest[at + 1] : undefined;
};
const band = (option('--band') ?? '0.1,0.9').split(',').map(Number);
if (band.length !== 2 || !band.every((p) => p >= 0 && p <= 1) || !(band[0] < band[1])) usage(`--band needs two probabilities lo,hi with lo < hi, got ${option('--band')}`);
const result = JSON.parse(readFileSync(input, 'utf8')) as ExperimentResult;
const range = band as [number, number];
writeFileSync(output, await renderSvg(lossCurvesFigure(lossCurves(result, range), range, option('--title') ?? result.name)));
process.stderr.write(`wrote ${output}\n`);

function usage(why: string): never {
  process.stderr.write(`plot-loss: ${why}\nusage: node --import ./scripts/register-sources.mjs scripts/plot-loss.ts RESULT.json OUT.svg [--band lo,hi] [--title TEXT]\n`);
  process.exit(2);
}
