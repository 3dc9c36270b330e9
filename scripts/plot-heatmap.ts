// Draws the success map of graduated optimization as a standalone SVG
// (scripts/plots/success-map.ts) from the result files of experiments/graduated-success-b*.json:
//   node --import ./scripts/register-sources.mjs scripts/plot-heatmap.ts RESULTS_DIR docs/graduated-success.svg [--device TEXT]
// The numbers are the result files'; nothing is recomputed here.
import { writeFileSync } from 'node:fs';
import { successGrid } from './graduated/graduated-results';
import { renderSvg } from './plots/render-svg';
import { successMapFigure } from './plots/success-map';

const [dir, output, ...rest] = process.argv.slice(2);
if (!dir || !output) {
  process.stderr.write('usage: node --import ./scripts/register-sources.mjs scripts/plot-heatmap.ts RESULTS_DIR OUT.svg [--device TEXT]\n');
  process.exit(2);
}
const at = rest.indexOf('--device');
const cells = successGrid(dir);
if (cells.length === 0) {
  process.stderr.write(`plot-heatmap: no graduated-success-b*.json results in ${dir}\n`);
  process.exit(2);
}
writeFileSync(output, await renderSvg(successMapFigure(cells, at >= 0 ? rest[at + 1] : undefined)));
process.stderr.write(`wrote ${output} (${cells.length} cells)\n`);
