#!/usr/bin/env node
// Draws errors against a swept parameter (log-log) from sdeflow results as a
// standalone SVG: one panel per (result, quantity), one line per dynamics item,
// points with 95% error bars (value ± 1.96 SE; a bar that reaches 0 runs to the
// bottom of the panel) and, in the legend, the fitted slope with its interval, or
// "Monte Carlo level" when most points are within 1.96 SE of 0 (a slope fitted to
// noise says nothing).
//   node scripts/plot-errors.mjs OUT.svg --panel RESULT.json QUANTITY TITLE [--panel …] [--title TEXT]
// QUANTITY is a `sweepSlopes` quantity of the result: a model error
// (`variance[0]`, `mean[1]`, `distance`, `loss`: each item's error against its
// target law, `modelError`) or a pairwise weak error (`weak loss`,
// `weak mean[0]`, …: each item against the first item of the file, e.g. SGD).
// The points and slopes are the result file's `sweepSlopes`; nothing is recomputed here.
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const output = args[0];
const panels = [];
let title;
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--panel' && args[i + 3] !== undefined) {
    panels.push({ file: args[i + 1], quantity: args[i + 2], title: args[i + 3] });
    i += 3;
  } else if (args[i] === '--title' && args[i + 1] !== undefined) {
    title = args[++i];
  } else {
    usage(`unexpected argument ${JSON.stringify(args[i])}`);
  }
}
if (!output || !output.endsWith('.svg') || panels.length === 0) usage('need OUT.svg and at least one --panel');

const COLORS = ['#7f7f7f', '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#bcbd22', '#17becf'];
const colorOf = new Map();
const color = (label) => {
  if (!colorOf.has(label)) colorOf.set(label, COLORS[colorOf.size % COLORS.length]);
  return colorOf.get(label);
};

/** The curves of one panel: per item, its sweepSlopes entry for the quantity. */
function curves(panel) {
  const result = JSON.parse(readFileSync(panel.file, 'utf8'));
  const slopes = result.sweepSlopes ?? [];
  const labels = result.experiment.dynamics.map((d, i) => d.label ?? `${d.kind} #${i}`);
  labels.forEach(color);
  const pairwise = panel.quantity.startsWith('weak ') || panel.quantity === 'strong';
  const entries = pairwise
    ? slopes.filter((s) => s.pair && s.pair[0] === 0 && s.quantity === panel.quantity).map((s) => ({ label: `${labels[s.pair[1]]} vs ${labels[0]}`, key: labels[s.pair[1]], s }))
    : slopes.filter((s) => s.dynamicsIndex !== undefined && s.quantity === panel.quantity).map((s) => ({ label: labels[s.dynamicsIndex], key: labels[s.dynamicsIndex], s }));
  if (entries.length === 0) usage(`${panel.file} has no sweepSlopes entry with quantity ${JSON.stringify(panel.quantity)}`);
  return { param: result.experiment.sweep?.param ?? 'x', entries };
}

const data = panels.map((p) => ({ ...p, ...curves(p) }));
const PW = 360, PH = 300, L = 64, R = 12, T = 34, B = 46, LEG = 18;
const legendRows = Math.max(...data.map((d) => d.entries.length));
const W = panels.length * PW;
const H = (title ? 30 : 0) + PH + legendRows * LEG + 12;
const top0 = title ? 30 : 0;
const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
  `<rect width="${W}" height="${H}" fill="white"/>`,
];
if (title) parts.push(`<text x="${W / 2}" y="20" font-size="14" text-anchor="middle">${escape(title)}</text>`);

data.forEach((panel, p) => {
  const x0 = p * PW;
  const points = panel.entries.flatMap((e) => e.s.points);
  const xs = points.map((q) => q.x);
  const ys = points.flatMap((q) => [q.y, q.y + 1.96 * q.standardError, q.y - 1.96 * q.standardError]).filter((v) => Number.isFinite(v) && v > 0);
  const xMin = Math.log10(Math.min(...xs)) - 0.12, xMax = Math.log10(Math.max(...xs)) + 0.12;
  const yMin = Math.floor(Math.log10(Math.min(...ys))), yMax = Math.ceil(Math.log10(Math.max(...ys)));
  const left = x0 + L, right = x0 + PW - R, top = top0 + T, bottom = top0 + PH - B;
  const px = (x) => left + ((Math.log10(x) - xMin) / (xMax - xMin)) * (right - left);
  const py = (y) => (y > 0 ? Math.min(bottom, top + ((yMax - Math.log10(y)) / (yMax - yMin)) * (bottom - top)) : bottom);
  parts.push(`<text x="${(left + right) / 2}" y="${top0 + 22}" font-size="12" text-anchor="middle">${escape(panel.title)}</text>`);
  for (let e = yMin; e <= yMax; e++) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${py(10 ** e)}" y2="${py(10 ** e)}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${left - 5}" y="${py(10 ** e) + 4}" text-anchor="end">1e${e}</text>`);
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${bottom}" y2="${bottom + 4}" stroke="#333"/>`);
    parts.push(`<text x="${px(x)}" y="${bottom + 16}" text-anchor="middle">${x}</text>`);
  }
  parts.push(`<text x="${(left + right) / 2}" y="${bottom + 34}" text-anchor="middle">${escape(panel.param)}</text>`);
  parts.push(`<text transform="translate(${x0 + 14} ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">|error| in ${escape(panel.quantity)}</text>`);
  // Slope guides 1 and 2 in the upper left corner (errors grow to the right).
  const gx = [10 ** (xMin + 0.06), 10 ** (xMin + 0.06 + 0.3 * (xMax - xMin))];
  for (const order of [1, 2]) {
    const y1 = 10 ** (yMax - 0.12 - 0.35 * (order - 1));
    const y0 = y1 / (gx[1] / gx[0]) ** order;
    parts.push(`<line x1="${px(gx[0])}" y1="${py(y0)}" x2="${px(gx[1])}" y2="${py(y1)}" stroke="#999" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${px(gx[1]) + 3}" y="${py(y1) + 4}" fill="#777">slope ${order}</text>`);
  }
  parts.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#333"/>`);
  panel.entries.forEach((entry, k) => {
    const c = color(entry.key);
    const pts = entry.s.points.slice().sort((a, b) => a.x - b.x);
    const dx = (k - (panel.entries.length - 1) / 2) * 3; // small offsets so bars of different items do not overlap
    parts.push(`<path d="${pts.map((q, j) => `${j ? 'L' : 'M'}${(px(q.x) + dx).toFixed(1)},${py(q.y).toFixed(1)}`).join('')}" fill="none" stroke="${c}" stroke-width="1.6"/>`);
    for (const q of pts) {
      const lo = q.y - 1.96 * q.standardError, hi = q.y + 1.96 * q.standardError;
      const x = (px(q.x) + dx).toFixed(1);
      parts.push(`<line x1="${x}" x2="${x}" y1="${py(lo > 0 ? lo : 0).toFixed(1)}" y2="${py(hi).toFixed(1)}" stroke="${c}" stroke-width="1.2"/>`);
      parts.push(`<circle cx="${x}" cy="${py(q.y).toFixed(1)}" r="3" fill="${c}"/>`);
    }
    const s = entry.s.slope;
    const atZero = pts.filter((q) => q.y <= 1.96 * q.standardError).length;
    const fit = atZero * 2 > pts.length ? `Monte Carlo level (${atZero}/${pts.length} within 1.96 SE of 0)` : `slope ${s.value.toFixed(2)} [${s.lo.toFixed(2)}, ${s.hi.toFixed(2)}]`;
    const ly = top0 + PH + k * LEG;
    parts.push(`<line x1="${left}" x2="${left + 18}" y1="${ly}" y2="${ly}" stroke="${c}" stroke-width="3"/>`);
    parts.push(`<text x="${left + 24}" y="${ly + 4}">${escape(entry.label)}: ${escape(fit)}</text>`);
  });
});
parts.push('</svg>');
writeFileSync(output, parts.join('\n') + '\n');
process.stderr.write(`wrote ${output}\n`);

function usage(why) {
  process.stderr.write(`plot-errors: ${why}\nusage: node scripts/plot-errors.mjs OUT.svg --panel RESULT.json QUANTITY TITLE [--panel …] [--title TEXT]\n`);
  process.exit(2);
}

function escape(text) {
  return String(text).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
}
