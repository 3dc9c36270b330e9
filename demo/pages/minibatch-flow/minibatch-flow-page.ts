/**
 * Mini-batch descent flow and the randomized minimizing movement (docs/math.md §1,
 * experiments/minibatch-flow-scalar.json, minibatch-flow-heat.json, rmm-lasso.json).
 * Four files, all from the page's seed:
 * - the two scalar quadratics at the chosen h, recorded along t ∈ [0, 1] (error against time);
 * - the same methods over the h sweep of minibatch-flow-scalar.json, recorded at t = 1
 *   (error against h; the exact moment recursions of docs/math.md §1d (i) give the markers);
 * - the 1-D heat equation split over two overlapping subdomains (§1d (iv)), at T = 0.05;
 * - the LASSO split into its four rows and the ℓ1 term (§1d (ii)), to t = 20.
 * The first two share their seed, so at an h of the sweep the time curve ends at the sweep's point.
 */
import scalarSource from '../../../experiments/minibatch-flow-scalar.json';
import heatSource from '../../../experiments/minibatch-flow-heat.json';
import lassoSource from '../../../experiments/rmm-lasso.json';
import type { ExperimentResult, RunResult } from 'sdeflow';
import { logLogSlope } from '../../../src/stats/loglog-slope';
import type { PageConfig, PageDefinition, ShownNumber } from '../../app/page-definition';

/** The methods of the scalar and heat panels; `switching` picks which flows run. */
const FLOW_FIXED = { id: 'fixed', item: { kind: 'minibatch-flow', label: 'flow, fixed' } };
const FLOW_EXPONENTIAL = { id: 'exponential', item: { kind: 'minibatch-flow', label: 'flow, exponential', switching: 'exponential' } };
const RMM = { id: 'rmm', item: { kind: 'rmm', label: 'RMM' } };
export const SWITCHINGS = ['fixed and exponential', 'fixed (the paper’s)', 'exponential (Poisson clock)'];
export const methodsOf = (c: PageConfig) => [...(c.switching !== 2 ? [FLOW_FIXED] : []), ...(c.switching !== 1 ? [FLOW_EXPONENTIAL] : []), RMM];

/** The h sweep of minibatch-flow-scalar.json (docs/math.md §1d (i)'s tables). */
export const SCALAR_HS = scalarSource.sweep.h;
/** Full flow of F = (f₁ + f₂)/2 from u₀ = 2: u(t) = −½ + 2.5e^{−2t}. */
export const fullFlowScalar = (t: number) => -0.5 + 2.5 * Math.exp(-2 * t);
/** The sub-losses fᵢ = ½aᵢ(x − cᵢ)², each picked with probability ½ (for the exact moment recursions). */
export const SCALAR_SWITCHING = {
  a: scalarSource.objective.components.map((c) => c.A[0][0]),
  c: scalarSource.objective.components.map((c) => c.c[0]),
  p: [0.5, 0.5],
};
export const SCALAR_U0 = scalarSource.x0[0];
/** Heat: end time, grid, initial data sin(πx) (L's first eigenvector) and its exact decay rate λ₁. */
export const HEAT_T = heatSource.horizon;
export const HEAT_U0 = heatSource.x0;
const gridStep = 1 / (HEAT_U0.length + 1);
export const HEAT_LAMBDA1 = (4 / gridStep ** 2) * Math.sin((Math.PI * gridStep) / 2) ** 2;
export const heatExact = () => HEAT_U0.map((v) => v * Math.exp(-HEAT_LAMBDA1 * HEAT_T));
/** docs/math.md §1d (iv)'s Monte Carlo table for the fixed-switching flow (2,000 samples): RMS and mean relative errors at h = T/k. */
export const HEAT_TABLE: Record<number, [number, number]> = { 4: [0.169, 0.0335], 8: [0.1039, 0.016], 16: [0.0703, 0.0088], 32: [0.0462, 0.0045], 64: [0.0324, 0.0023] };
/** The LASSO's minimizer (docs/math.md §1d (ii)). */
export const LASSO_X = [4 / 9, 1.06, 0];
/**
 * h of docs/math.md §1d (ii)'s first LASSO row (‖E x_K − x*‖ = 5.03e−2 for the RMM at T = 40, 20,000 samples); the page
 * stops at t = 20, where the mean has long been stationary (it settles by t ≈ 5), to halve the steps.
 */
export const LASSO_H = 0.02;
export const LASSO_T = 20;
export const LASSO_MATH_BIAS = 5.03e-2;

/** h snapped to the nearest whole fraction of the end time (a run must end exactly at t). */
export const pieces = (t: number, h: number) => Math.max(1, Math.round(t / h));
export const scalarH = (c: PageConfig) => 1 / pieces(1, c.h);
export const heatH = (c: PageConfig) => HEAT_T / pieces(HEAT_T, c.heatH);

/** About 64 checkpoints along a run of `steps`. */
const everyOf = (steps: number) => Math.max(1, Math.ceil(steps / 64));

function files(c: PageConfig): Record<string, unknown>[] {
  const methods = methodsOf(c);
  const scalarBase = {
    description: scalarSource.description,
    seed: `${c.seed}-scalar`,
    objective: scalarSource.objective,
    noise: scalarSource.noise,
    x0: scalarSource.x0,
    trajectories: c.N,
    horizon: 1,
  };
  const h = scalarH(c);
  const hh = heatH(c);
  return [
    {
      name: 'minibatch-flow-scalar (time)',
      ...scalarBase,
      dynamics: methods.map((m) => ({ ...m.item, h })),
      record: { every: everyOf(1 / h), observables: ['mean', 'variance'] },
    },
    {
      name: 'minibatch-flow-scalar',
      ...scalarBase,
      dynamics: methods.map((m) => ({ ...m.item, h: SCALAR_HS[0] })),
      record: { observables: ['mean', 'variance'] },
      sweep: { h: SCALAR_HS },
    },
    {
      name: 'minibatch-flow-heat',
      description: heatSource.description,
      seed: `${c.seed}-heat`,
      objective: heatSource.objective,
      noise: heatSource.noise,
      dynamics: methods.map((m) => ({ ...m.item, h: hh })),
      x0: heatSource.x0,
      trajectories: c.N,
      horizon: HEAT_T,
      // The covariance (d = 49) gives the errors' standard errors (heatErrors).
      record: { observables: ['mean', 'variance', 'covariance'] },
    },
    {
      name: 'rmm-lasso',
      description: lassoSource.description,
      seed: `${c.seed}-lasso`,
      objective: lassoSource.objective,
      noise: lassoSource.noise,
      dynamics: lassoSource.dynamics.map((d) => ({ ...d, h: LASSO_H })),
      x0: lassoSource.x0,
      trajectories: c.N,
      horizon: LASSO_T,
      record: { every: 25, observables: ['mean', 'variance', 'covariance'] },
    },
  ];
}

const last = <T>(a: T[]) => a[a.length - 1];

/** E(v(t) − u(t))² at each checkpoint, with its standard error (delta method: Var + bias²). */
export function scalarError(run: RunResult): { t: number[]; value: number[]; standardError: number[] } {
  const s = run.series;
  const value: number[] = [];
  const standardError: number[] = [];
  s.t.forEach((t, k) => {
    const bias = s.mean![k][0] - fullFlowScalar(t);
    value.push(s.variance![k][0] + bias ** 2);
    standardError.push(Math.hypot(s.varianceStandardError![k][0], 2 * bias * s.meanStandardError![k][0]));
  });
  return { t: s.t, value, standardError };
}

/** The final E(v(1) − u(1))² of each run of a sweep, by method (runs are sweep-major: h, then method). */
export function errorAgainstH(result: ExperimentResult, methods: number) {
  return Array.from({ length: methods }, (_, m) => {
    const runs = result.runs.filter((_, i) => i % methods === m);
    const points = runs.map((run) => {
      const e = scalarError(run);
      return { x: (run.dynamics as { h: number }).h, y: last(e.value), standardError: last(e.standardError) };
    });
    return { label: runs[0].label, points, fit: logLogSlope(points) };
  });
}

/** bᵀCb for a vector b and a symmetric matrix C. */
const quadraticForm = (b: number[], C: number[][]) => b.reduce((s, bi, i) => s + bi * C[i].reduce((t, cij, j) => t + cij * b[j], 0), 0);

/**
 * ‖m − target‖ for the final sample mean m, with its delta-method standard error
 * √(bᵀ(C/n)b)/‖b‖ (b = m − target, C the final sample covariance).
 */
export function meanDistance(run: RunResult, target: number[]) {
  const mean = last(run.series.mean!);
  const C = last(run.series.covariance!);
  const n = last(run.series.count);
  const b = mean.map((m, i) => m - target[i]);
  const distance = Math.hypot(...b);
  return { mean, distance, standardError: Math.sqrt(quadraticForm(b, C) / n) / distance };
}

/**
 * Relative RMS √E‖v − u‖² / ‖u‖ and relative mean error ‖E v − u‖ / ‖u‖ at T (u = u(T) exactly),
 * each with a delta-method standard error from the final covariance C: E‖v − u‖² = ‖b‖² + tr C is
 * estimated with variance 4bᵀCb/n + 2 tr(C²)/(n − 1) (the trace's term under a Gaussian approximation).
 */
export function heatErrors(run: RunResult) {
  const u = heatExact();
  const u2 = u.reduce((s, v) => s + v * v, 0);
  const { mean, distance, standardError } = meanDistance(run, u);
  const C = last(run.series.covariance!);
  const n = last(run.series.count);
  const b = mean.map((m, i) => m - u[i]);
  const square = distance ** 2 + C.reduce((s, row, i) => s + row[i], 0);
  const squareError = Math.sqrt((4 * quadraticForm(b, C)) / n + (2 * C.reduce((s, row) => s + row.reduce((t, c) => t + c * c, 0), 0)) / (n - 1));
  const rms = Math.sqrt(square / u2);
  return { rms, rmsError: squareError / (2 * Math.sqrt(square * u2)), mean: distance / Math.sqrt(u2), meanError: standardError / Math.sqrt(u2) };
}

/** ‖E x − x*‖ (with its standard error) and the final mean of a LASSO run. */
export function lassoBias(run: RunResult) {
  const d = meanDistance(run, LASSO_X);
  return { mean: d.mean, bias: d.distance, biasError: d.standardError };
}

export const minibatchFlowPage: PageDefinition = {
  id: 'minibatch-flow',
  title: 'Mini-batch flow and the randomized minimizing movement',
  summary:
    'The loss is a sum of sub-losses; the mini-batch flow follows the exact gradient flow of one randomly chosen sub-loss for a time h, then another — ' +
    'after fixed intervals (the paper’s) or at the jumps of a Poisson clock — and the RMM takes a proximal (implicit) step on one instead. ' +
    'On two scalar quadratics both approach the full gradient flow u(t) with E(v − u)² ∝ h (exponential switching: about twice the error). ' +
    'On the 1-D heat equation split over two overlapping subdomains, each sample path is rough (RMS error ∝ √h) but the ensemble mean is close (∝ h). ' +
    'On a LASSO split into its rows and the ℓ1 term, the RMM and the flow settle near the minimizer x* with an O(h) bias.',
  source: 'experiments/minibatch-flow-scalar.json (its h sweep), minibatch-flow-heat.json, rmm-lasso.json (h = 0.02, to t = 20), at a small N',
  defaultSeed: 'minibatch-flow',
  params: [
    { key: 'h', label: 'scalar: interval h (1/K, nearest)', min: 0.00625, max: 0.2, default: 0.05, scale: 'log', help: 'For the error against time; the error against h uses h = 0.1 … 0.00625.' },
    { key: 'switching', label: 'flow switching', min: 0, max: SWITCHINGS.length - 1, default: 0, integer: true, choices: SWITCHINGS },
    { key: 'heatH', label: 'heat: interval h (T/K, nearest)', min: HEAT_T / 64, max: HEAT_T / 2, default: HEAT_T / 16, scale: 'log' },
    { key: 'N', label: 'trajectories N (every panel)', min: 64, max: 262144, default: 512, scale: 'log', integer: true },
  ],
  experiment: (c) => files(c)[0],
  experiments: files,
  numbers(_first: ExperimentResult, c: PageConfig, results: ExperimentResult[] = [_first]): ShownNumber[] {
    const [time, sweep, heat, lasso] = results;
    const methods = methodsOf(c);
    const out: ShownNumber[] = [];
    // f32 paths differ between adapters by rounding only (smooth maps, batches and clocks drawn from the same integers).
    time.runs.forEach((run, m) => {
      const e = scalarError(run);
      out.push({ key: `scalar.${methods[m].id}.error`, label: `scalar, ${run.label}: E(v(1) − u(1))², h = ${Number(scalarH(c).toPrecision(4))}`, value: last(e.value), uncertainty: { standardError: last(e.standardError) }, tolerance: { relative: 1e-3, absolute: 1e-7 } });
    });
    errorAgainstH(sweep, methods.length).forEach((s, m) => {
      out.push({ key: `scalar.${methods[m].id}.slope`, label: `scalar, ${s.label}: slope of E(v − u)² in h (expected 1)`, value: s.fit.slope, uncertainty: { standardError: s.fit.standardError }, tolerance: { absolute: 0.002 } });
    });
    heat.runs.forEach((run, m) => {
      const e = heatErrors(run);
      const k = pieces(HEAT_T, c.heatH);
      const table = methods[m].id === 'fixed' && HEAT_TABLE[k] ? ` (docs/math.md §1d: ${HEAT_TABLE[k][0]})` : '';
      const tableMean = methods[m].id === 'fixed' && HEAT_TABLE[k] ? ` (docs/math.md §1d: ${HEAT_TABLE[k][1]})` : '';
      out.push({ key: `heat.${methods[m].id}.rms`, label: `heat, ${run.label}: RMS ‖v − u‖/‖u‖ at T${table}`, value: e.rms, uncertainty: { standardError: e.rmsError }, tolerance: { relative: 1e-3, absolute: 1e-6 } });
      out.push({ key: `heat.${methods[m].id}.mean`, label: `heat, ${run.label}: ‖E v − u‖/‖u‖ at T${tableMean}`, value: e.mean, uncertainty: { standardError: e.meanError }, tolerance: { relative: 1e-3, absolute: 1e-5 } });
    });
    lasso.runs.forEach((run, i) => {
      const d = lassoBias(run);
      const table = run.label === 'RMM' ? ` (docs/math.md §1d: ${LASSO_MATH_BIAS})` : '';
      out.push({ key: `lasso.${i}.bias`, label: `LASSO, ${run.label}: ‖E x(${LASSO_T}) − x*‖, h = ${LASSO_H}${table}`, value: d.bias, uncertainty: { standardError: d.biasError }, tolerance: { relative: 1e-3, absolute: 1e-5 } });
    });
    return out;
  },
  view: () => import('./minibatch-flow-view'),
};
