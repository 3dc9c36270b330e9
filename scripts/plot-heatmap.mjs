#!/usr/bin/env node
// Draws the success map of graduated optimization as a standalone SVG: P(global)
// over the grid of learning rate η (columns) and batch size b (rows) from the
// result files of experiments/graduated-success-b*.json, with lines of equal
// smoothing degree δ = ηC/√b (slope 2 in log b vs log η) and of equal
// temperature T = ηC²/(2b) (slope 1), docs/math.md §2c–2e.
//   node scripts/plot-heatmap.mjs RESULTS_DIR docs/graduated-success.svg [--device "…"]
// The numbers are the result files'; nothing is recomputed here.
import { writeFileSync } from 'node:fs';
import { BATCHES, C, delta, successGrid, temperature } from './graduated-results.mjs';

const [dir, output, ...rest] = process.argv.slice(2);
if (!dir || !output) {
  process.stderr.write('usage: node scripts/plot-heatmap.mjs RESULTS_DIR OUT.svg [--device TEXT]\n');
  process.exit(2);
}
const at = rest.indexOf('--device');
const device = at >= 0 ? rest[at + 1] : undefined;
const cells = successGrid(dir);
if (cells.length === 0) {
  process.stderr.write(`no graduated-success-b*.json results in ${dir}\n`);
  process.exit(2);
}
const lrs = [...new Set(cells.map((c) => c.lr))].sort((a, b) => a - b);
const bs = BATCHES.filter((b) => cells.some((c) => c.b === b));
const W = 780, H = 470, L = 80, T = 56, CW = 110, CH = 80;
const gridW = CW * lrs.length, gridH = CH * bs.length;
// Continuous coordinates: column i is centred at log2(lr_i) (the sweep doubles lr), row j at log2(b_j) (b ×4).
const lx = (lr) => L + CW / 2 + ((Math.log2(lr) - Math.log2(lrs[0])) / (Math.log2(lrs[1]) - Math.log2(lrs[0]))) * CW;
const ly = (b) => T + gridH - CH / 2 - ((Math.log2(b) - Math.log2(bs[0])) / (Math.log2(bs[1]) - Math.log2(bs[0]))) * CH;
/** White → blue by P. */
const color = (p) => {
  const t = Math.max(0, Math.min(1, p));
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
};
const parts = [];
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
parts.push(`<text x="${L}" y="22" font-size="15" font-weight="bold">SGD on the tilted cosine: P(end in the global basin)</text>`);
parts.push(`<text x="${L}" y="40" fill="#444">x0 = 2.9356 (outer minimum), Rademacher noise C = ${C}, 2000 steps; 95% Wilson interval in each cell</text>`);
parts.push(`<defs><clipPath id="grid"><rect x="${L}" y="${T}" width="${gridW}" height="${gridH}"/></clipPath></defs>`);
for (const c of cells) {
  const i = lrs.indexOf(c.lr), j = bs.indexOf(c.b);
  const x = L + i * CW, y = T + (bs.length - 1 - j) * CH;
  const p = c.global.value;
  const ink = p > 0.55 ? 'white' : 'black';
  parts.push(`<rect x="${x}" y="${y}" width="${CW}" height="${CH}" fill="${color(p)}" stroke="white"/>`);
  parts.push(`<text x="${x + CW / 2}" y="${y + 30}" text-anchor="middle" font-size="17" fill="${ink}">${p.toFixed(3)}</text>`);
  parts.push(`<text x="${x + CW / 2}" y="${y + 48}" text-anchor="middle" font-size="10" fill="${ink}">[${c.global.lo.toFixed(3)}, ${c.global.hi.toFixed(3)}]</text>`);
  parts.push(`<text x="${x + CW / 2}" y="${y + 66}" text-anchor="middle" font-size="10" fill="${ink}">δ=${delta(c.lr, c.b).toFixed(3)} E f=${c.loss.toFixed(2)}</text>`);
}
// Iso-δ (solid) and iso-T (dashed) lines through the plotted range.
const lrLo = lrs[0] / 2, lrHi = lrs.at(-1) * 2;
const line = (b0, b1, style) => {
  const x0 = lx(lrLo), y0 = ly(b0), x1 = lx(lrHi), y1 = ly(b1);
  parts.push(`<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y1}" stroke="#d62728" stroke-width="1.4" ${style} clip-path="url(#grid)"/>`);
};
// Each line is labelled where it leaves the grid on the right (η half a column past the last).
const lrEdge = lrs.at(-1) * Math.SQRT2;
const yTop = T, yBottom = T + gridH;
const edgeLabel = (b, text) => {
  const y = ly(b);
  if (y > yTop + 6 && y < yBottom - 2) parts.push(`<text x="${L + gridW + 4}" y="${y + 4}" fill="#d62728" font-size="10">${text}</text>`);
};
const deltas = [0.0625, 0.125, 0.25, 0.5];
for (const d of deltas) {
  line(((lrLo * C) / d) ** 2, ((lrHi * C) / d) ** 2, 'stroke-opacity="0.75"');
  edgeLabel(((lrEdge * C) / d) ** 2, `δ=${d}`);
}
const temps = [0.15625, 0.625, 2.5];
for (const t of temps) {
  line((lrLo * C * C) / (2 * t), (lrHi * C * C) / (2 * t), 'stroke-dasharray="5,4" stroke-opacity="0.75"');
  edgeLabel((lrEdge * C * C) / (2 * t), `T=${t}`);
}
// Axes.
lrs.forEach((lr, i) => parts.push(`<text x="${L + i * CW + CW / 2}" y="${T + gridH + 18}" text-anchor="middle">${lr}</text>`));
parts.push(`<text x="${L + gridW / 2}" y="${T + gridH + 38}" text-anchor="middle">learning rate η</text>`);
bs.forEach((b, j) => parts.push(`<text x="${L - 10}" y="${T + (bs.length - 1 - j) * CH + CH / 2 + 4}" text-anchor="end">${b}</text>`));
parts.push(`<text transform="translate(${L - 42},${T + gridH / 2}) rotate(-90)" text-anchor="middle">batch size b</text>`);
// Legend.
const gx = L + gridW + 62;
parts.push(`<line x1="${gx}" y1="${T + 10}" x2="${gx + 30}" y2="${T + 10}" stroke="#d62728" stroke-width="1.6"/><text x="${gx + 36}" y="${T + 14}">equal δ = ηC/√b</text>`);
parts.push(`<text x="${gx + 36}" y="${T + 30}" fill="#444" font-size="10">${deltas.join(', ')}</text>`);
parts.push(`<line x1="${gx}" y1="${T + 50}" x2="${gx + 30}" y2="${T + 50}" stroke="#d62728" stroke-width="1.6" stroke-dasharray="5,4"/><text x="${gx + 36}" y="${T + 54}">equal T = ηC²/2b</text>`);
parts.push(`<text x="${gx + 36}" y="${T + 70}" fill="#444" font-size="10">${temps.join(', ')}</text>`);
for (let k = 0; k <= 4; k++) {
  const p = k / 4;
  parts.push(`<rect x="${gx}" y="${T + 100 + k * 22}" width="24" height="20" fill="${color(p)}" stroke="#ccc"/><text x="${gx + 32}" y="${T + 114 + k * 22}">P = ${p.toFixed(2)}</text>`);
}
const n = Math.min(...cells.map((c) => c.trajectories));
parts.push(`<text x="${L}" y="${H - 12}" fill="#444" font-size="11">${n.toLocaleString('en-US')} trajectories per cell${device ? `; ${device}` : ''}</text>`);
parts.push('</svg>');
writeFileSync(output, parts.join('\n') + '\n');
process.stderr.write(`wrote ${output} (${cells.length} cells)\n`);
