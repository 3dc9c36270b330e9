#!/usr/bin/env node
// Draws the loss curves of an sdeflow result as a standalone SVG: per run the
// ensemble mean of f(X_k) (line) and the band between two quantiles of f(X_k)
// read from its histogram (record.histogram.lossRange), on a log10 axis.
//   node scripts/plot-loss.mjs result.json out.svg [--band 0.1,0.9] [--title "…"]
// The numbers are the result file's; nothing is recomputed here.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, ...rest] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: node scripts/plot-loss.mjs RESULT.json OUT.svg [--band lo,hi] [--title TEXT]\n');
  process.exit(2);
}
const option = (name, fallback) => {
  const at = rest.indexOf(name);
  return at >= 0 ? rest[at + 1] : fallback;
};
const [qLo, qHi] = option('--band', '0.1,0.9').split(',').map(Number);
const result = JSON.parse(readFileSync(input, 'utf8'));
const title = option('--title', result.name);
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** The p-quantile of a histogram [underflow, bins…, overflow] over [lo, hi], interpolated within a bin. */
function quantile(h, c, p) {
  const counts = h.counts[c];
  const total = h.underflow[c] + counts.reduce((a, b) => a + b, 0) + h.overflow[c];
  let target = p * total - h.underflow[c];
  if (target <= 0) return h.range[0];
  const width = (h.range[1] - h.range[0]) / counts.length;
  for (let k = 0; k < counts.length; k++) {
    if (target <= counts[k]) return h.range[0] + width * (k + (counts[k] > 0 ? target / counts[k] : 0));
    target -= counts[k];
  }
  return h.range[1];
}

const runs = result.runs.filter((r) => r.series.loss);
if (runs.length === 0) {
  process.stderr.write('no run recorded "loss"\n');
  process.exit(2);
}
const curves = runs.map((r) => {
  const s = r.series;
  const h = s.histogram?.loss;
  return {
    label: r.label,
    x: s.step,
    mean: s.loss.value,
    lo: h ? s.step.map((_, c) => quantile(h, c, qLo)) : undefined,
    hi: h ? s.step.map((_, c) => quantile(h, c, qHi)) : undefined,
  };
});
const positive = (v) => Number.isFinite(v) && v > 0;
const values = curves.flatMap((c) => [...c.mean, ...(c.lo ?? []), ...(c.hi ?? [])]).filter(positive);
const yMin = Math.floor(Math.log10(Math.min(...values)));
const yMax = Math.ceil(Math.log10(Math.max(...values)));
const xMax = Math.max(...curves.flatMap((c) => c.x));
const W = 760, H = 420, L = 70, R = 190, T = 40, B = 50;
const px = (x) => L + (x / xMax) * (W - L - R);
const py = (y) => T + ((yMax - Math.log10(Math.max(y, 10 ** yMin))) / (yMax - yMin)) * (H - T - B);
const path = (xs, ys) => xs.map((x, i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(ys[i]).toFixed(1)}`).join('');
const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
  `<rect width="${W}" height="${H}" fill="white"/>`,
  `<text x="${L}" y="22" font-size="14">${escape(title)}</text>`,
];
for (let e = yMin; e <= yMax; e++) {
  parts.push(`<line x1="${L}" x2="${W - R}" y1="${py(10 ** e)}" y2="${py(10 ** e)}" stroke="#ddd"/>`, `<text x="${L - 8}" y="${py(10 ** e) + 4}" text-anchor="end">1e${e}</text>`);
}
for (let k = 0; k <= 4; k++) {
  const x = Math.round((xMax * k) / 4);
  parts.push(`<text x="${px(x)}" y="${H - B + 18}" text-anchor="middle">${x}</text>`);
}
parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">step k</text>`);
parts.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">f(x_k): mean, ${qLo * 100}–${qHi * 100}% band</text>`);
parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#333"/>`);
curves.forEach((c, i) => {
  const color = COLORS[i % COLORS.length];
  if (c.lo && c.hi) {
    const band = path(c.x, c.hi) + c.x.slice().reverse().map((x, j) => `L${px(x).toFixed(1)},${py(c.lo[c.x.length - 1 - j]).toFixed(1)}`).join('') + 'Z';
    parts.push(`<path d="${band}" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
  }
  parts.push(`<path d="${path(c.x, c.mean)}" fill="none" stroke="${color}" stroke-width="1.8"/>`);
  parts.push(`<line x1="${W - R + 12}" x2="${W - R + 32}" y1="${T + 12 + 18 * i}" y2="${T + 12 + 18 * i}" stroke="${color}" stroke-width="3"/>`);
  parts.push(`<text x="${W - R + 38}" y="${T + 16 + 18 * i}">${escape(c.label)}</text>`);
});
parts.push('</svg>');
writeFileSync(output, parts.join('\n') + '\n');
process.stderr.write(`wrote ${output}\n`);

function escape(text) {
  return String(text).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
}
