// Tables and a figure for docs/results/minibatch-flow.md, from the result files
// of the experiments minibatch-flow-* and rmm-* (sdeflow run … --out DIR/NAME.json):
//   node --import ./scripts/register-sources.mjs scripts/minibatch-flow-report.ts RESULTS_DIR OUT.svg   (prints the markdown table)
// What is measured: scripts/minibatch-flow/minibatch-flow-errors.ts; what is drawn: scripts/plots/minibatch-flow-figure.ts.
import { writeFileSync } from 'node:fs';
import { minibatchFlowErrors } from './minibatch-flow/minibatch-flow-errors';
import { minibatchFlowFigure } from './plots/minibatch-flow-figure';
import { renderSvg } from './plots/render-svg';

const [dir, output] = process.argv.slice(2);
if (!dir || !output) {
  process.stderr.write('usage: node --import ./scripts/register-sources.mjs scripts/minibatch-flow-report.ts RESULTS_DIR OUT.svg\n');
  process.exit(2);
}
const errors = minibatchFlowErrors(dir);
console.log('| application | method | error | values over the sweep (largest step first) ± SE | fitted slope ± SE (expected) |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of errors.rows) console.log(row);
writeFileSync(output, await renderSvg(minibatchFlowFigure(errors)));
process.stderr.write(`wrote ${output}\n`);
