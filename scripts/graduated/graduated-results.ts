// Reading of the graduated-optimization result files (sdeflow run
// experiments/graduated-*.json --out DIR/graduated-*.json): success cells,
// schedules, explicit GO on Rastrigin and the smoothing-degree fit. Used by
// scripts/graduated-report.ts and scripts/plot-heatmap.ts. The numbers are the
// result files' own; the one fit (the smoothing degree, documented at
// smoothingFits) is the library's proportionalFit (src/stats/proportional-fit.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentResult, RunResult } from '../../src/run/experiment-result';
import type { Interval } from '../../src/stats/intervals';
import { proportionalFit, type ProportionalFit } from '../../src/stats/proportional-fit';

/** docs/math.md §2d: a = 1, k = 4, C = 10; f'' at the minima of the three basins. */
export const K = 4;
export const A = 1;
export const C = 10;
export const CURVATURE = { global: 17, side: 15.8704, outer: 11.8682 };
export const BATCHES = [1, 4, 16, 64];

/** The smoothing degree δ = ηC/√b and the temperature T = ηC²/(2b) of a (η, b) cell. */
export const delta = (eta: number, b: number): number => (eta * C) / Math.sqrt(b);
export const temperature = (eta: number, b: number): number => (eta * C * C) / (2 * b);

export function load(dir: string, name: string): ExperimentResult | undefined {
  const path = join(dir, `${name}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ExperimentResult) : undefined;
}

type Noise = ExperimentResult['experiment']['noise'];
type Lr = number | { kind: string; initial: number; factor?: number; every?: number; total?: number; power?: number };

/** The last checkpoint's numbers of one success run. */
export interface SuccessRow {
  label: string;
  lr: Lr;
  noise: Noise;
  trajectories: number;
  global: Interval;
  side: number;
  outer: number;
  loss: number;
  lossSe: number;
  lossQuantiles?: number[];
  sharpness: number;
  curvature?: number;
}

export function successRow(run: RunResult, experiment: ExperimentResult['experiment']): SuccessRow {
  const s = run.series;
  const last = s.step.length - 1;
  const regions = s.regions!;
  const n = s.count[last];
  const inner = regions.inner.inside[last] / n;
  const pGlobal = regions.global.inside[last] / n;
  const pSide = inner - pGlobal;
  const pOuter = 1 - inner;
  const lossHist = s.histogram?.loss;
  return {
    label: run.label,
    lr: (run.dynamics as { lr: Lr }).lr,
    // A run of a `noise.batchSize` sweep carries its batch size in `run.sweep`.
    noise: run.sweep?.param === 'noise.batchSize' ? ({ ...experiment.noise, batchSize: run.sweep.value } as Noise) : experiment.noise,
    trajectories: n,
    global: regions.global.fraction[last],
    side: pSide,
    outer: pOuter,
    loss: s.loss!.value[last],
    lossSe: s.loss!.standardError[last],
    lossQuantiles: lossHist?.quantiles.value[last].map((q) => q.value),
    // Sharpness of the minimum reached: f'' of each basin's minimum, weighted by where runs end.
    sharpness: pGlobal * CURVATURE.global + pSide * CURVATURE.side + pOuter * CURVATURE.outer,
    // E f''(x_K) at the final iterates themselves (in 1-D the `smoothness` observable).
    curvature: s.smoothness?.value[last],
  };
}

/** A success cell of graduated-success-b{b} at a constant learning rate. */
export type SuccessCell = SuccessRow & { b: number; lr: number };

/** Success cells of graduated-success-b{b}: one row per (b, lr). */
export function successGrid(dir: string): SuccessCell[] {
  const cells: SuccessCell[] = [];
  for (const b of BATCHES) {
    const r = load(dir, `graduated-success-b${b}`);
    if (!r) continue;
    for (const run of r.runs) cells.push({ b, ...(successRow(run, r.experiment) as SuccessRow & { lr: number }) });
  }
  return cells;
}

/** The schedule files, the explicit method, and the constant cells they are compared with. */
export function scheduleRows(dir: string): (SuccessRow & { file: string })[] {
  const rows: (SuccessRow & { file: string })[] = [];
  for (const name of ['graduated-schedule-lr', 'graduated-schedule-batch', 'graduated-schedule-hybrid', 'graduated-schedule-polynomial', 'graduated-explicit-tilted-cosine']) {
    const r = load(dir, name);
    if (!r) continue;
    for (const run of r.runs) rows.push({ file: name, ...successRow(run, r.experiment) });
  }
  return rows;
}

/** The smoothing degree of one (b, η) cell: the fitted amplitude, δ_eff from it, and the predictions. */
export interface SmoothingCell {
  b: number;
  eta: number;
  amplitude: number;
  amplitudeSe: number;
  exactAmplitude: number;
  deltaEff: number;
  deltaSe: number;
  predicted: number;
  rademacher: number;
  trajectories: number;
}

/** c in δ_eff = c·δ over a set of cells; undefined when no cell qualifies. */
export type ConstantFit = ProportionalFit | undefined;

/**
 * The effective smoothing degree of SGD from graduated-smoothing-b{b}: with y = x0 − η f'(x0)
 * per probe coordinate, the mean update field F(y) = (y − E x₂)/η = E f'(y − ηω) is
 * y + Â sin(k y); Â is fitted by proportionalFit of F(y) − y on sin(k y) (weights 1/SE²),
 * and Â = a k e^{−k²δ²/2} gives δ_eff = √(−2 ln(Â/(a k)))/k (undefined where Â ≤ 0: no
 * Gaussian kernel damps that way). Predictions: δ = ηC/√b (docs/math.md §2b) and, exactly
 * for the Rademacher mean of b signs, E cos(kηω) = cos(kηC/b)^b, i.e.
 * δ_R = √(−2b ln cos(kηC/b))/k where cos(kηC/b) > 0.
 * The constant c in δ_eff = c·δ is proportionalFit again (weights 1/SE(δ_eff)²), over the
 * cells where δ_eff is resolved (SE < δ_eff/4) and over those where one sign moves the
 * phase by kηC/b ≤ 1/2 (the Gaussian regime); `exact` against δ_R.
 */
export function smoothingFits(dir: string): { fits: SmoothingCell[]; all: ConstantFit; small: ConstantFit; exact: ConstantFit } {
  const fits: SmoothingCell[] = [];
  for (const b of BATCHES) {
    const r = load(dir, `graduated-smoothing-b${b}`);
    if (!r) continue;
    const x0 = r.experiment.x0 as number[] | { value: number[] };
    const start = Array.isArray(x0) ? x0 : x0.value;
    for (const run of r.runs) {
      const eta = (run.dynamics as { lr: number }).lr;
      const s = run.series;
      const at = s.step.indexOf(2);
      const field = proportionalFit(
        start.map((x, i) => {
          const y = x - eta * (x + A * K * Math.sin(K * x));
          return { x: Math.sin(K * y), y: (y - s.mean![at][i]) / eta - y, standardError: s.meanStandardError![at][i] / eta };
        }),
      );
      const amplitude = field.value;
      const ratio = amplitude / (A * K);
      const deltaEff = ratio > 0 && ratio < 1 ? Math.sqrt(-2 * Math.log(ratio)) / K : NaN;
      // δ's uncertainty from Â's by the delta method: dδ/dÂ = −1/(k² δ Â).
      const deltaSe = Number.isFinite(deltaEff) ? field.standardError / (K * K * deltaEff * amplitude) : NaN;
      const cosine = Math.cos((K * eta * C) / b);
      fits.push({
        b,
        eta,
        amplitude,
        amplitudeSe: field.standardError,
        exactAmplitude: A * K * Math.sign(cosine) * Math.abs(cosine) ** b,
        deltaEff,
        deltaSe,
        predicted: delta(eta, b),
        rademacher: cosine > 0 ? Math.sqrt(-2 * b * Math.log(cosine)) / K : NaN,
        trajectories: s.count[at],
      });
    }
  }
  const constant = (cells: SmoothingCell[], predicted: (c: SmoothingCell) => number): ConstantFit =>
    cells.length === 0 ? undefined : proportionalFit(cells.map((c) => ({ x: predicted(c), y: c.deltaEff, standardError: c.deltaSe })));
  const resolved = fits.filter((f) => Number.isFinite(f.deltaEff) && f.deltaSe < f.deltaEff / 4);
  const small = resolved.filter((f) => (K * f.eta * C) / f.b <= 0.5);
  return {
    fits,
    all: constant(resolved, (c) => c.predicted),
    small: constant(small, (c) => c.predicted),
    exact: constant(resolved.filter((c) => Number.isFinite(c.rademacher)), (c) => c.rademacher),
  };
}

/** Explicit GO vs GD on Rastrigin D = 50: mean and median final f (the median read off the loss histogram: resolution one bin). */
export function explicitRastrigin(dir: string): { label: string; loss: number; lossSe: number; median: number; binWidth: number; global: Interval; trajectories: number }[] {
  const r = load(dir, 'graduated-explicit-rastrigin');
  if (!r) return [];
  return r.runs.map((run) => {
    const s = run.series;
    const last = s.step.length - 1;
    const h = s.histogram!.loss!;
    return {
      label: run.label,
      loss: s.loss!.value[last],
      lossSe: s.loss!.standardError[last],
      median: h.quantiles.value[last][h.quantiles.p.indexOf(0.5)].value,
      binWidth: (h.range[1] - h.range[0]) / h.bins,
      global: s.regions!.global.fraction[last],
      trajectories: s.count[last],
    };
  });
}
