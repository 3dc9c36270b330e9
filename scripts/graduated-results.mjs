// Shared reading of the graduated-optimization result files (sdeflow run
// experiments/graduated-*.json --out DIR/graduated-*.json): success cells,
// schedules and the smoothing-degree fit. Used by scripts/graduated-report.mjs
// and scripts/plot-heatmap.mjs; the numbers are the result files' own, except the
// fit of the smoothing degree, which is computed here (documented below).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/math.md §2d: a = 1, k = 4, C = 10; f'' at the minima of the three basins. */
export const K = 4;
export const A = 1;
export const C = 10;
export const CURVATURE = { global: 17, side: 15.8704, outer: 11.8682 };
export const BATCHES = [1, 4, 16, 64];

export const load = (dir, name) => {
  const path = join(dir, `${name}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
};

/** The last checkpoint's numbers of one success run. */
export function successRow(run, experiment) {
  const s = run.series;
  const last = s.step.length - 1;
  const n = s.count[last];
  const global = s.regions.global.fraction[last];
  const inner = s.regions.inner.inside[last] / n;
  const pGlobal = s.regions.global.inside[last] / n;
  const pSide = inner - pGlobal;
  const pOuter = 1 - inner;
  const lossHist = s.histogram?.loss;
  return {
    label: run.label,
    lr: run.dynamics.lr,
    // A run of a `noise.batchSize` sweep carries its batch size in `run.sweep`.
    noise: run.sweep?.param === 'noise.batchSize' ? { ...experiment.noise, batchSize: run.sweep.value } : experiment.noise,
    trajectories: n,
    global,
    side: pSide,
    outer: pOuter,
    loss: s.loss.value[last],
    lossSe: s.loss.standardError[last],
    lossQuantiles: lossHist ? lossHist.quantiles.value[last].map((q) => q.value) : undefined,
    // Sharpness of the minimum reached: f'' of each basin's minimum, weighted by where runs end.
    sharpness: pGlobal * CURVATURE.global + pSide * CURVATURE.side + pOuter * CURVATURE.outer,
    // E f''(x_K) at the final iterates themselves (in 1-D the `smoothness` observable).
    curvature: s.smoothness?.value[last],
  };
}

/** Success cells of graduated-success-b{b}: one row per (b, lr). */
export function successGrid(dir) {
  const cells = [];
  for (const b of BATCHES) {
    const r = load(dir, `graduated-success-b${b}`);
    if (!r) continue;
    for (const run of r.runs) cells.push({ b, ...successRow(run, r.experiment) });
  }
  return cells;
}

/** The schedule files, the explicit method, and the constant cells they are compared with. */
export function scheduleRows(dir) {
  const rows = [];
  for (const name of ['graduated-schedule-lr', 'graduated-schedule-batch', 'graduated-schedule-hybrid', 'graduated-schedule-polynomial', 'graduated-explicit-tilted-cosine']) {
    const r = load(dir, name);
    if (!r) continue;
    for (const run of r.runs) rows.push({ file: name, ...successRow(run, r.experiment) });
  }
  return rows;
}

/**
 * The effective smoothing degree of SGD from graduated-smoothing-b{b}: with y = x0 − η f'(x0)
 * per probe coordinate, the mean update field F(y) = (y − E x₂)/η = E f'(y − ηω) is fitted by
 * least squares as y + Â sin(k y) (weights 1/SE²), and Â = a k e^{−k²δ²/2} gives
 * δ_eff = √(−2 ln(Â/(a k)))/k (undefined where Â ≤ 0: no Gaussian kernel damps that way).
 * Predictions: δ = ηC/√b (docs/math.md §2b) and, exactly for the Rademacher mean of b signs,
 * E cos(kηω) = cos(kηC/b)^b, i.e. δ_R = √(−2b ln cos(kηC/b))/k where cos(kηC/b) > 0.
 */
export function smoothingFits(dir) {
  const fits = [];
  for (const b of BATCHES) {
    const r = load(dir, `graduated-smoothing-b${b}`);
    if (!r) continue;
    const x0 = r.experiment.x0.value ?? r.experiment.x0;
    for (const run of r.runs) {
      const eta = run.dynamics.lr;
      const s = run.series;
      const at = s.step.indexOf(2);
      let num = 0, den = 0;
      for (let i = 0; i < x0.length; i++) {
        const g0 = x0[i] + A * K * Math.sin(K * x0[i]);
        const y = x0[i] - eta * g0;
        const field = (y - s.mean[at][i]) / eta;
        const se = s.meanStandardError[at][i] / eta;
        const basis = Math.sin(K * y);
        num += (basis * (field - y)) / se ** 2;
        den += basis ** 2 / se ** 2;
      }
      const amplitude = num / den;
      const amplitudeSe = 1 / Math.sqrt(den);
      const ratio = amplitude / (A * K);
      const deltaEff = ratio > 0 && ratio < 1 ? Math.sqrt(-2 * Math.log(ratio)) / K : NaN;
      // δ's uncertainty from Â's by the delta method: dδ/dÂ = −1/(k² δ Â).
      const deltaSe = Number.isFinite(deltaEff) ? amplitudeSe / (K * K * deltaEff * amplitude) : NaN;
      const predicted = (eta * C) / Math.sqrt(b);
      const cosine = Math.cos((K * eta * C) / b);
      const rademacher = cosine > 0 ? Math.sqrt(-2 * b * Math.log(cosine)) / K : NaN;
      fits.push({ b, eta, amplitude, amplitudeSe, exactAmplitude: A * K * Math.sign(cosine) * Math.abs(cosine) ** b, deltaEff, deltaSe, predicted, rademacher, trajectories: s.count[at] });
    }
  }
  // δ_eff = c·ηC/√b by weighted least squares over the cells where δ_eff is resolved (SE < δ/4);
  // again over the cells where one sign moves the phase by kηC/b ≤ 1/2 (the Gaussian regime).
  const resolved = fits.filter((f) => Number.isFinite(f.deltaEff) && f.deltaSe < f.deltaEff / 4);
  const small = resolved.filter((f) => (K * f.eta * C) / f.b <= 0.5);
  const exact = fitConstant(resolved.map((f) => ({ ...f, predicted: f.rademacher })));
  return { fits, all: fitConstant(resolved), small: fitConstant(small), exact };
}

/** c in δ_eff = c·δ (weights 1/SE²) with its standard error, and the number of cells used. */
function fitConstant(cells) {
  const w = cells.map((f) => 1 / f.deltaSe ** 2);
  const sxx = cells.reduce((acc, f, i) => acc + w[i] * f.predicted ** 2, 0);
  const sxy = cells.reduce((acc, f, i) => acc + w[i] * f.deltaEff * f.predicted, 0);
  return { constant: sxy / sxx, se: 1 / Math.sqrt(sxx), cells: cells.length };
}

/** Explicit GO vs GD on Rastrigin D = 50: mean and median final f. */
export function explicitRastrigin(dir) {
  const r = load(dir, 'graduated-explicit-rastrigin');
  if (!r) return [];
  return r.runs.map((run) => {
    const s = run.series;
    const last = s.step.length - 1;
    const q = s.histogram.loss.quantiles;
    const h = s.histogram.loss;
    const binWidth = (h.range[1] - h.range[0]) / h.bins;
    // The median is read off the loss histogram: resolution one bin.
    return { label: run.label, loss: s.loss.value[last], lossSe: s.loss.standardError[last], median: q.value[last][q.p.indexOf(0.5)].value, binWidth, global: s.regions.global.fraction[last], trajectories: s.count[last] };
  });
}

export const delta = (eta, b) => (eta * C) / Math.sqrt(b);
export const temperature = (eta, b) => (eta * C * C) / (2 * b);
