#!/usr/bin/env node
// Tables and a figure for the README section "Mini-batch flow and RMM", from the
// result files of the experiments minibatch-flow-* and rmm-* (sdeflow run … --out DIR/NAME.json).
// Per application and step h: the error at the final time against its reference —
//   scalar (docs/math.md §1d (i)):  E(v − u(1))² = Var + (mean − u(1))², u(1) the exact full flow;
//   constrained, LASSO:        E‖x − x*‖² (the `distance` observable, x* the minimizer);
//   heat (§1d (iv)):           relative RMS √E‖v − u‖² / ‖u‖ and relative mean error ‖E v − u‖ / ‖u‖,
//                              u(T) = e^{−λ₁T}u0 exactly (u0 is L's first eigenvector).
// Standard errors: from the engine's per-coordinate SEs; for the heat sums, the Gaussian
// approximation Var‖v − u‖² ≈ 2 tr(C²) + 4 δᵀCδ (C the covariance, δ = E v − u). Slopes: weighted
// least squares of log error on log h with the delta-method weights (SE/error)².
//   node scripts/minibatch-flow-report.mjs RESULTS_DIR OUT.svg   (prints the markdown table)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const [dir, output] = process.argv.slice(2);
if (!dir || !output) {
  process.stderr.write('usage: node scripts/minibatch-flow-report.mjs RESULTS_DIR OUT.svg\n');
  process.exit(2);
}
const load = (name) => {
  const path = `${dir}/${name}.json`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
};

const U1 = -0.5 + 2.5 * Math.exp(-2);
const LASSO_X = [4 / 9, 1.06, 0];
const CONSTRAINED_X = [0.75, 0.75];

/** Runs of a result grouped by dynamics item: [{ label, runs: [{ h, run }] }]. */
function items(result) {
  const param = result.experiment.sweep?.param;
  const groups = new Map();
  for (const run of result.runs) {
    const label = run.label;
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push({ h: param ? run.dynamics[param] : run.dynamics.h ?? run.dynamics.lr, run });
  }
  return [...groups].map(([label, runs]) => ({ label, runs }));
}

const last = (a) => a[a.length - 1];

/** E‖x − x*‖² at checkpoint c from the distance series. */
function distanceAt(run, c) {
  const d = run.series.distance;
  return { value: d.value[c], se: d.standardError[c] };
}

/** ‖E x − x*‖ at the final checkpoint, its SE by the delta method. */
function bias(run, xStar) {
  const c = run.series.t.length - 1;
  const delta = run.series.mean[c].map((m, i) => m - xStar[i]);
  const norm = Math.hypot(...delta);
  return { y: norm, se: Math.sqrt(delta.reduce((s, d, i) => s + (d * run.series.meanStandardError[c][i]) ** 2, 0)) / norm };
}

/** Scalar E(v − u(t))² at checkpoint c. */
function scalarMse(run, c, u) {
  const m = run.series.mean[c][0], v = run.series.variance[c][0];
  const ms = run.series.meanStandardError[c][0], vs = run.series.varianceStandardError[c][0];
  return { value: v + (m - u) ** 2, se: Math.hypot(vs, 2 * (m - u) * ms) };
}

/** Heat: relative RMS and relative mean error at checkpoint c against u = factor·u0. */
function heatErrors(run, c, u) {
  const m = run.series.mean[c];
  const C = run.series.covariance?.[c];
  const n = run.series.count[c];
  const delta = m.map((v, i) => v - u[i]);
  const d2 = delta.reduce((s, v) => s + v * v, 0);
  const trace = m.reduce((s, _, i) => s + (C ? C[i][i] : run.series.variance[c][i]), 0);
  const u2 = u.reduce((s, v) => s + v * v, 0);
  const mse = d2 + trace;
  let varSq = 0;
  if (C) {
    for (let i = 0; i < m.length; i++) for (let j = 0; j < m.length; j++) varSq += 2 * C[i][j] * C[j][i] + 4 * delta[i] * C[i][j] * delta[j];
  }
  const mseSe = Math.sqrt(varSq / n);
  const meanSe = Math.sqrt(m.reduce((s, _, i) => s + (delta[i] * run.series.meanStandardError[c][i]) ** 2, 0)) / Math.sqrt(Math.max(d2, 1e-300));
  return {
    rms: { value: Math.sqrt(mse / u2), se: mseSe / (2 * Math.sqrt(mse * u2)) },
    mean: { value: Math.sqrt(d2 / u2), se: meanSe / Math.sqrt(u2) },
  };
}

/** Weighted fit of log y on log x: slope ± SE (scaled by √χ²/(n−2) when above 1). */
function slope(points) {
  const w = points.map((p) => (p.se > 0 ? (p.y / p.se) ** 2 : 1));
  const X = points.map((p) => Math.log(p.x)), Y = points.map((p) => Math.log(p.y));
  const W = w.reduce((a, b) => a + b, 0);
  const xm = X.reduce((s, x, i) => s + w[i] * x, 0) / W, ym = Y.reduce((s, y, i) => s + w[i] * y, 0) / W;
  const sxx = X.reduce((s, x, i) => s + w[i] * (x - xm) ** 2, 0);
  const b = X.reduce((s, x, i) => s + w[i] * (x - xm) * (Y[i] - ym), 0) / sxx;
  const chi2 = X.reduce((s, x, i) => s + w[i] * (Y[i] - ym - b * (x - xm)) ** 2, 0);
  const scale = points.length > 2 ? Math.max(1, Math.sqrt(chi2 / (points.length - 2))) : 1;
  return { value: b, se: scale / Math.sqrt(sxx) };
}

const curves = []; // { panel, label, points: [{ x, y, se }], slope }
const timeCurves = []; // { panel, label, t: [], y: [], se: [] }
const rows = [];
const fmt = (v, d = 3) => (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(d - 1) : v.toPrecision(d));
const addCurve = (panel, application, label, quantity, points, expected) => {
  const s = slope(points);
  curves.push({ panel, label: `${application}: ${label}`, points, slope: s });
  rows.push(`| ${application} | ${label} | ${quantity} | ${points.map((p) => `${fmt(p.y)} ± ${fmt(p.se, 2)}`).join(' · ')} | ${s.value.toFixed(2)} ± ${s.se.toFixed(2)} (${expected}) |`);
};

const scalar = load('minibatch-flow-scalar');
if (scalar) {
  for (const { label, runs } of items(scalar)) {
    addCurve('h', 'scalar', label, 'E(v − u)² at t = 1', runs.map(({ h, run }) => {
      const e = scalarMse(run, run.series.t.length - 1, U1);
      return { x: h, y: e.value, se: e.se };
    }), '1');
  }
}
for (const [name, application, xStar] of [['rmm-constrained', 'constrained', CONSTRAINED_X], ['rmm-lasso', 'LASSO', LASSO_X], ['rmm-lasso-sgd', 'LASSO', LASSO_X]]) {
  const result = load(name);
  if (!result) continue;
  for (const { label, runs } of items(result)) {
    addCurve('h', application, label, 'E‖x − x*‖² at the end', runs.map(({ h, run }) => ({ x: h, y: distanceAt(run, run.series.t.length - 1).value, se: distanceAt(run, run.series.t.length - 1).se })), application === 'constrained' ? 'bias² ∝ h² + variance ∝ h' : '1');
    addCurve('bias', application, label, 'bias ‖E x − x*‖ at the end', runs.map(({ h, run }) => ({ x: h, ...bias(run, xStar) })), '1');
    const at = runs.find((r) => Math.abs(r.h - 0.01) < 1e-12) ?? runs[0];
    const series = at.run.series;
    timeCurves.push({ panel: application, label: `${application}: ${label}, ${name.endsWith('sgd') ? 'lr' : 'h'} = ${at.h}`, t: series.t, y: series.distance.value, se: series.distance.standardError });
    const m = last(series.mean);
    rows.push(`| ${application} | ${label} | mean at the end, h = ${at.h} | (${m.map((v) => v.toFixed(4)).join(', ')}) vs x* = (${xStar.map((v) => v.toFixed(4)).join(', ')}) | |`);
  }
}
for (const name of ['minibatch-flow-heat', 'minibatch-flow-heat-sgd']) {
  const result = load(name);
  if (!result) continue;
  const u0 = result.experiment.x0.value ?? result.experiment.x0;
  const N = u0.length;
  const hh = 1 / (N + 1);
  const lambda1 = (4 / (hh * hh)) * Math.sin((Math.PI * hh) / 2) ** 2;
  const uAt = (t) => u0.map((v) => v * Math.exp(-lambda1 * t));
  for (const { label, runs } of items(result)) {
    if (label === 'full flow') {
      const err = Math.max(...runs.map(({ run }) => heatErrors(run, run.series.t.length - 1, uAt(last(run.series.t))).mean.value));
      rows.push(`| heat | full flow | relative error at T (f32, exact steps) | ≤ ${fmt(err, 2)} at every h | |`);
      continue;
    }
    const final = runs.map(({ h, run }) => ({ h, e: heatErrors(run, run.series.t.length - 1, uAt(last(run.series.t))) }));
    addCurve('heat', 'heat', label, 'relative RMS ‖v − u‖/‖u‖ at T', final.map(({ h, e }) => ({ x: h, y: e.rms.value, se: e.rms.se })), '½');
    addCurve('heat', 'heat', label, 'relative mean error at T', final.map(({ h, e }) => ({ x: h, y: e.mean.value, se: e.mean.se })), '1');
    const at = runs.find((r) => Math.abs(r.h - 0.003125) < 1e-12 || Math.abs(r.h - 2e-5) < 1e-12) ?? runs[0];
    const s = at.run.series;
    const errs = s.t.map((t, c) => heatErrors(at.run, c, uAt(t)).rms);
    timeCurves.push({ panel: 'heat', label: `${label}, ${result.experiment.sweep?.param ?? 'h'} = ${at.h}`, t: s.t, y: errs.map((e) => e.value), se: errs.map((e) => e.se) });
  }
}

console.log('| application | method | error | values over the sweep (largest step first) ± SE | fitted slope (expected) |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);

// ---- figure: error vs h (log-log, fitted slopes) and error vs time (bands ± 2 SE)
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#000000', '#aec7e8'];
const esc = (t) => String(t).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
const panels = [
  { title: 'error vs step h (log-log), final time', kind: 'h', curves: curves.filter((c) => c.panel === 'h'), xlog: true, xlabel: 'h (lr for mini-batch GD)', ylabel: 'E(v − u)² or E‖x − x*‖²' },
  { title: 'constrained, LASSO: bias ‖E x − x*‖ vs h', kind: 'h', curves: curves.filter((c) => c.panel === 'bias'), xlog: true, xlabel: 'h (lr for mini-batch GD)', ylabel: '‖E x − x*‖' },
  { title: 'heat: relative errors vs h at T = 0.05', kind: 'h', curves: curves.filter((c) => c.panel === 'heat'), xlog: true, xlabel: 'h (lr for mini-batch GD)', ylabel: 'relative RMS / mean error' },
  { title: 'E‖x − x*‖² vs time (± 2 SE)', kind: 't', curves: timeCurves.filter((c) => c.panel !== 'heat'), xlog: false, xlabel: 't', ylabel: 'E‖x − x*‖²' },
  { title: 'heat: relative RMS error vs time (± 2 SE)', kind: 't', curves: timeCurves.filter((c) => c.panel === 'heat'), xlog: false, xlabel: 't', ylabel: '‖v − u‖/‖u‖ (RMS)' },
].filter((p) => p.curves.length > 0);
const PW = 430, PH = 320, L = 62, R = 12, T = 30, B = 44, LEG = 15;
const legendRows = Math.max(...panels.map((p) => p.curves.length));
const W = 2 * PW, rowH = PH + legendRows * LEG + 10;
const H = Math.ceil(panels.length / 2) * rowH + 30;
const svg = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="10">`, `<rect width="${W}" height="${H}" fill="white"/>`];
svg.push(`<text x="${W / 2}" y="18" font-size="13" text-anchor="middle">Mini-batch descent flow and RMM (llvmpipe, ${esc(scalar?.device?.description ?? '')})</text>`);
panels.forEach((panel, p) => {
  const x0 = (p % 2) * PW, y0 = 30 + Math.floor(p / 2) * rowH;
  const left = x0 + L, right = x0 + PW - R, top = y0 + T, bottom = y0 + PH - B;
  const pts = panel.kind === 'h' ? panel.curves.flatMap((c) => c.points) : panel.curves.flatMap((c) => c.t.map((t, i) => ({ x: t, y: c.y[i], se: c.se[i] })).filter((q) => q.x > 0));
  const ys = pts.flatMap((q) => [q.y, q.y + 2 * q.se]).filter((v) => v > 0 && Number.isFinite(v));
  const lx = (x) => (panel.xlog ? Math.log10(x) : x);
  const xs = pts.map((q) => lx(q.x));
  const xMin = Math.min(...xs) - (panel.xlog ? 0.1 : 0), xMax = Math.max(...xs) + (panel.xlog ? 0.1 : 0);
  const yMin = Math.floor(Math.log10(Math.min(...ys))), yMax = Math.ceil(Math.log10(Math.max(...ys)));
  const px = (x) => left + ((lx(x) - xMin) / (xMax - xMin)) * (right - left);
  const py = (y) => (y > 0 ? Math.max(top, Math.min(bottom, top + ((yMax - Math.log10(y)) / (yMax - yMin)) * (bottom - top))) : bottom);
  svg.push(`<text x="${(left + right) / 2}" y="${y0 + 20}" font-size="12" text-anchor="middle">${esc(panel.title)}</text>`);
  for (let e = yMin; e <= yMax; e++) {
    svg.push(`<line x1="${left}" x2="${right}" y1="${py(10 ** e)}" y2="${py(10 ** e)}" stroke="#e3e3e3"/><text x="${left - 4}" y="${py(10 ** e) + 3}" text-anchor="end">1e${e}</text>`);
  }
  // Log axes: ticks at 1, 2, 5 × 10^k inside the range; linear axes: five even ticks.
  const ticks = panel.xlog
    ? Array.from({ length: 12 }, (_, k) => Math.floor(xMin) + Math.floor(k / 3)).map((e, k) => [1, 2, 5][k % 3] * 10 ** e).filter((x) => Math.log10(x) >= xMin && Math.log10(x) <= xMax)
    : [0, 0.25, 0.5, 0.75, 1].map((f) => xMin + f * (xMax - xMin));
  for (const x of ticks) svg.push(`<text x="${px(x)}" y="${bottom + 13}" text-anchor="middle">${panel.xlog ? fmt(x, 2) : fmt(x, 2)}</text>`);
  svg.push(`<text x="${(left + right) / 2}" y="${bottom + 30}" text-anchor="middle">${esc(panel.xlabel)}</text>`);
  svg.push(`<text transform="translate(${x0 + 12} ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(panel.ylabel)}</text>`);
  svg.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#333"/>`);
  panel.curves.forEach((c, k) => {
    const color = COLORS[k % COLORS.length];
    if (panel.kind === 'h') {
      const q = c.points.slice().sort((a, b) => a.x - b.x);
      svg.push(`<path d="${q.map((p, j) => `${j ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('')}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
      for (const p of q) svg.push(`<line x1="${px(p.x).toFixed(1)}" x2="${px(p.x).toFixed(1)}" y1="${py(p.y - 2 * p.se).toFixed(1)}" y2="${py(p.y + 2 * p.se).toFixed(1)}" stroke="${color}"/><circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="2.5" fill="${color}"/>`);
    } else {
      const q = c.t.map((t, i) => ({ x: t, y: c.y[i], se: c.se[i] })).filter((p) => p.x > 0 && p.y > 0);
      const upper = q.map((p) => `${px(p.x).toFixed(1)},${py(p.y + 2 * p.se).toFixed(1)}`);
      const lower = q.map((p) => `${px(p.x).toFixed(1)},${py(Math.max(p.y - 2 * p.se, p.y * 1e-3)).toFixed(1)}`).reverse();
      svg.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.2" stroke="none"/>`);
      svg.push(`<path d="${q.map((p, j) => `${j ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('')}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    }
    const ly = y0 + PH + k * LEG;
    const text = panel.kind === 'h' ? `${c.label}: slope ${c.slope.value.toFixed(2)} ± ${c.slope.se.toFixed(2)}` : c.label;
    svg.push(`<line x1="${left}" x2="${left + 16}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"/><text x="${left + 21}" y="${ly + 3}">${esc(text)}</text>`);
  });
});
svg.push('</svg>');
writeFileSync(output, svg.join('\n') + '\n');
process.stderr.write(`wrote ${output}\n`);
