// Draws errors against a swept parameter (log-log) from sdeflow results as a
// standalone SVG (scripts/plots/error-panels.ts says what is drawn):
//   node --import ./scripts/register-sources.mjs scripts/plot-errors.ts OUT.svg --panel RESULT.json QUANTITY TITLE [--panel …] [--title TEXT]
// QUANTITY is a `sweepSlopes` quantity of the result: a model error
// (`variance[0]`, `mean[1]`, `distance`, `loss`: each item's error against its
// target law, `modelError`) or a pairwise weak error (`weak loss`,
// `weak mean[0]`, `strong`: each item against the first item of the file, e.g. SGD).
import { readFileSync, writeFileSync } from 'node:fs';
import type { ExperimentResult } from '../src/run/experiment-result';
import { errorPanelsFigure, type ErrorPanel } from './plots/error-panels';
import { renderSvg } from './plots/render-svg';

const USAGE = 'node --import ./scripts/register-sources.mjs scripts/plot-errors.ts OUT.svg --panel RESULT.json QUANTITY TITLE [--panel …] [--title TEXT]';
const args = process.argv.slice(2);
const output = args[0];
const panels: ErrorPanel[] = [];
let title: string | undefined;
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--panel' && args[i + 3] !== undefined) {
    panels.push({ result: JSON.parse(readFileSync(args[i + 1], 'utf8')) as ExperimentResult, quantity: args[i + 2], title: args[i + 3] });
    i += 3;
  } else if (args[i] === '--title' && args[i + 1] !== undefined) {
    title = args[++i];
  } else {
    usage(`unexpected argument ${JSON.stringify(args[i])}`);
  }
}
if (!output || !output.endsWith('.svg') || panels.length === 0) usage('need OUT.svg and at least one --panel');
writeFileSync(output, await renderSvg(errorPanelsFigure(panels, title)));
process.stderr.write(`wrote ${output}\n`);

function usage(why: string): never {
  process.stderr.write(`plot-errors: ${why}\nusage: ${USAGE}\n`);
  process.exit(2);
}
