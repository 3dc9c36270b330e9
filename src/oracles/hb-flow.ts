/**
 * Heavy-ball as a piecewise ODE with counter-terms ("HB Flow", docs/math.md §3c–§3d),
 * in float64. Heavy-ball is x_{k+1} = x_k − η∇f(x_k) + β(x_k − x_{k−1}) with
 * x_{−1} = x_0 (docs/math.md §3b). On [t_k, t_{k+1}), t_k = kη, the order-p
 * piecewise flow is
 *
 *   ẋ = F_k(x) = −[ γ_k ∇f + η c_k H∇f + η² (A_k H²∇f + B_k ∇³f[∇f,∇f]) ]   (terms up to η^p)
 *
 * and its global error against heavy-ball is O(η^{p+1}); the rescaled gradient
 * flow ẋ = −∇f/(1−β) (RGF) is only O(η).
 *
 * Contents:
 * - {@link hbFlowCoefficients}: the coefficient recursion (γ_k, c_k, A_k, B_k) of §3c,
 *   and {@link hbFlowSteadyCoefficients}, its k → ∞ limit.
 * - {@link hbQuadraticSeries}: the exact all-order quadratic flow per eigenvalue,
 *   −log ρ_k(z) = Σ_j a_{j,k} z^j (truncated power series), and the order-p rate m_k^{(p)}(h).
 * - {@link hbFlowQuadraticError}: the scalar-quadratic order test of §3d.
 * - {@link hbFlowVectorField}, {@link rk4Interval}, {@link hbIterates}, {@link hbFlowPath}:
 *   the d-dimensional nonlinear flow, integrated with RK4 per interval (the float64 reference).
 */

/** The per-step coefficients of the piecewise HB flow (docs/math.md §3c). */
export interface HbFlowStepCoefficients {
  /** γ_k = (1 − β^{k+1})/(1 − β), the η⁰ coefficient of ∇f. */
  gamma: number;
  /** c_k, the η¹ coefficient of H∇f. */
  c: number;
  /** A_k, the η² coefficient of H²∇f. */
  A: number;
  /** B_k, the η² coefficient of ∇³f[∇f, ∇f]. */
  B: number;
}

function checkBeta(name: string, beta: number): void {
  if (!(beta >= 0 && beta < 1)) throw new Error(`${name}: momentum β must satisfy 0 ≤ β < 1, got ${beta}`);
}

function checkCount(name: string, what: string, n: number, min = 0): void {
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}: ${what} must be an integer ≥ ${min}, got ${n}`);
}

function checkPositive(name: string, what: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new Error(`${name}: ${what} must be finite and > 0, got ${v}`);
}

/**
 * The coefficient recursion of docs/math.md §3c for k = 0..steps−1, with
 * (p1, p2, pA, pB) = (γ, c, A, B) at k−1 and all zero at k = −1:
 *
 *   γ_k = 1 + β p1
 *   c_k = 1/2 + β(p1 + p2) + β(1+β) p1²/2
 *   A_k = 1/3 + β(p1 + p2 + pA) + β p1²/2 + β p1 p2 + β p1³/6 + β²(p1² + p1 p2 + p1³/2) + β³ p1³/3
 *   B_k = 1/12 + β(p1/4 + p2/2 + pB) + β p1²/4 + β p1 p2/2 + β p1³/6 + β²(p1²/4 + p1 p2/2 + p1³/4) + β³ p1³/12
 *
 * k = 0 gives (1, ½, ⅓, 1/12), the gradient-descent modified equation. These are
 * scalars per step: compute them here in float64 and upload them per k (§3f).
 */
export function hbFlowCoefficients(beta: number, steps: number): HbFlowStepCoefficients[] {
  checkBeta('hbFlowCoefficients', beta);
  checkCount('hbFlowCoefficients', 'steps', steps);
  const out: HbFlowStepCoefficients[] = [];
  let p1 = 0;
  let p2 = 0;
  let pA = 0;
  let pB = 0;
  const b = beta;
  const b2 = b * b;
  const b3 = b2 * b;
  for (let k = 0; k < steps; k++) {
    const s1 = p1 * p1;
    const s3 = s1 * p1;
    const s12 = p1 * p2;
    const gamma = 1 + b * p1;
    const c = 0.5 + b * (p1 + p2) + (b * (1 + b) * s1) / 2;
    const A =
      1 / 3 + b * (p1 + p2 + pA) + (b * s1) / 2 + b * s12 + (b * s3) / 6 + b2 * (s1 + s12 + s3 / 2) + (b3 * s3) / 3;
    const B =
      1 / 12 +
      b * (p1 / 4 + p2 / 2 + pB) +
      (b * s1) / 4 +
      (b * s12) / 2 +
      (b * s3) / 6 +
      b2 * (s1 / 4 + s12 / 2 + s3 / 4) +
      (b3 * s3) / 12;
    out.push({ gamma, c, A, B });
    p1 = gamma;
    p2 = c;
    pA = A;
    pB = B;
  }
  return out;
}

/**
 * The k → ∞ limit of {@link hbFlowCoefficients} (docs/math.md §3c, "Steady state"):
 * γ = 1/(1−β), c = (1+β)/(2(1−β)³), A = (1+4β+β²)/(3(1−β)⁵), B = (1+10β+β²)/(12(1−β)⁵).
 */
export function hbFlowSteadyCoefficients(beta: number): HbFlowStepCoefficients {
  checkBeta('hbFlowSteadyCoefficients', beta);
  const q = 1 - beta;
  return {
    gamma: 1 / q,
    c: (1 + beta) / (2 * q ** 3),
    A: (1 + 4 * beta + beta * beta) / (3 * q ** 5),
    B: (1 + 10 * beta + beta * beta) / (12 * q ** 5),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Quadratic objectives: the exact all-order flow per eigenvalue (docs/math.md §3c, "Quadratic f = ½xᵀAx").
// ---------------------------------------------------------------------------------------------------------------

/** 1/s for a truncated power series s (s[0] ≠ 0), to the same number of terms. */
function seriesReciprocal(s: Float64Array): Float64Array {
  const n = s.length;
  const q = new Float64Array(n);
  q[0] = 1 / s[0];
  for (let m = 1; m < n; m++) {
    let acc = 0;
    for (let i = 1; i <= m; i++) acc += s[i] * q[m - i];
    q[m] = -acc / s[0];
  }
  return q;
}

/**
 * log s for a truncated power series with s[0] = 1 (so log s has no constant
 * term): from s·(log s)′ = s′, m·l_m = m·s_m − Σ_{i=1..m−1} i·l_i·s_{m−i}.
 */
function seriesLog(s: Float64Array): Float64Array {
  const n = s.length;
  const l = new Float64Array(n);
  for (let m = 1; m < n; m++) {
    let acc = m * s[m];
    for (let i = 1; i < m; i++) acc -= i * l[i] * s[m - i];
    l[m] = acc / m;
  }
  return l;
}

/**
 * The power-series coefficients of −log ρ_k(z) = Σ_{j=1..terms} a_{j,k} z^j for
 * k = 0..steps−1, where ρ_k = x_{k+1}/x_k = 1 + β − z − β/ρ_{k−1}, ρ_{−1} = 1, is
 * heavy-ball's one-step ratio on the eigen-direction with z = ηh (docs/math.md §3c).
 * The arithmetic is exact truncated power-series arithmetic in z (ρ_k(0) = 1 for
 * every k). Row k holds a_{1..terms, k} at indices 0..terms−1; the coefficients
 * depend on β only. Checks: a_{1,k} = γ_k, a_{2,k} = c_k, a_{3,k} = A_k.
 */
export function hbQuadraticSeriesCoefficients(beta: number, steps: number, terms: number): Float64Array[] {
  checkBeta('hbQuadraticSeriesCoefficients', beta);
  checkCount('hbQuadraticSeriesCoefficients', 'steps', steps);
  checkCount('hbQuadraticSeriesCoefficients', 'terms', terms, 1);
  const n = terms + 1; // powers z^0..z^terms
  let rho = new Float64Array(n);
  rho[0] = 1; // ρ_{−1} = 1
  const rows: Float64Array[] = [];
  for (let k = 0; k < steps; k++) {
    const inv = seriesReciprocal(rho);
    const next = new Float64Array(n);
    for (let m = 0; m < n; m++) next[m] = -beta * inv[m];
    next[0] += 1 + beta;
    if (n > 1) next[1] -= 1;
    rho = next;
    const log = seriesLog(rho);
    const row = new Float64Array(terms);
    for (let j = 1; j <= terms; j++) row[j - 1] = -log[j];
    rows.push(row);
  }
  return rows;
}

/**
 * Closed forms of the steady (k → ∞) series coefficients a_j^∞, j = 1..5 (docs/math.md §3c):
 * 1/(1−β), (1+β)/(2(1−β)³), (1+4β+β²)/(3(1−β)⁵), (1+β)(1+8β+β²)/(4(1−β)⁷),
 * (1+16β+36β²+16β³+β⁴)/(5(1−β)⁹).
 */
export function hbQuadraticSteadySeries(beta: number): number[] {
  checkBeta('hbQuadraticSteadySeries', beta);
  const q = 1 - beta;
  const b = beta;
  return [
    1 / q,
    (1 + b) / (2 * q ** 3),
    (1 + 4 * b + b * b) / (3 * q ** 5),
    ((1 + b) * (1 + 8 * b + b * b)) / (4 * q ** 7),
    (1 + 16 * b + 36 * b * b + 16 * b ** 3 + b ** 4) / (5 * q ** 9),
  ];
}

/**
 * Refuses ηh outside heavy-ball's overdamped regime z < (1−√β)² (docs/math.md §3f):
 * beyond it the roots r± are complex, ρ_k can turn negative, log ρ_k is undefined
 * and the modified-equation series diverges.
 */
export function checkHbOverdamped(name: string, beta: number, eta: number, h: number): void {
  const z = eta * h;
  const limit = (1 - Math.sqrt(beta)) ** 2;
  if (!(z < limit)) {
    throw new Error(
      `${name}: ηh = ${z} is outside heavy-ball's overdamped regime ηh < (1−√β)² = ${limit} (β = ${beta}); ` +
        'there the iterates oscillate and the HB flow (a series in ηh) does not exist',
    );
  }
}

/** The quadratic HB-flow series of one eigenvalue (see {@link hbQuadraticSeries}). */
export interface HbQuadraticSeries {
  /** a[k][j−1] = a_{j,k}, j = 1..order+1. */
  a: Float64Array[];
  /** rate[k] = m_k^{(p)}(h) = Σ_{j=1..p+1} a_{j,k} η^{j−1} h^j. */
  rate: Float64Array;
}

/**
 * The order-p quadratic HB flow on one eigenvalue h (docs/math.md §3c): the series
 * coefficients a_{j,k} (j = 1..order+1, k = 0..steps−1) of −log ρ_k(ηh), and the
 * order-p rate m_k^{(p)}(h) = Σ_{j=1..p+1} a_{j,k} η^{j−1} h^j, so that on step k the
 * flow is ẋ = −m_k x, i.e. x(t_{k+1}) = e^{−η m_k} x(t_k) exactly. For f = ½xᵀAx this is
 * M_k^{(p)} = Σ_j a_{j,k} η^{j−1} A^j applied per eigen-direction. Throws outside the
 * overdamped regime ηh < (1−√β)².
 */
export function hbQuadraticSeries(
  beta: number,
  eta: number,
  h: number,
  steps: number,
  order: number,
): HbQuadraticSeries {
  checkPositive('hbQuadraticSeries', 'η', eta);
  checkCount('hbQuadraticSeries', 'order', order);
  if (!Number.isFinite(h)) throw new Error(`hbQuadraticSeries: eigenvalue h must be finite, got ${h}`);
  checkHbOverdamped('hbQuadraticSeries', beta, eta, h);
  const a = hbQuadraticSeriesCoefficients(beta, steps, order + 1);
  const rate = new Float64Array(steps);
  for (let k = 0; k < steps; k++) {
    // Horner in z = ηh: m = h Σ_j a_j z^{j−1}.
    let acc = 0;
    for (let j = order; j >= 0; j--) acc = acc * eta * h + a[k][j];
    rate[k] = acc * h;
  }
  return { a, rate };
}

/** Result of {@link hbFlowQuadraticError}. */
export interface HbFlowQuadraticError {
  /** K = T/η. */
  steps: number;
  /** Heavy-ball's x_K. */
  hb: number;
  /** |x_RGF(T) − x_K| for ẋ = −hx/(1−β). */
  rgf: number;
  /** |x(T) − x_K| of the order-p piecewise flow, one entry per requested order. */
  flow: number[];
  /** sup_{k ≤ K} |x(t_k) − x_k| of the order-p piecewise flow, one entry per requested order. */
  flowSup: number[];
}

/** K = T/η, which must be (within rounding) an integer. */
function stepCount(name: string, T: number, eta: number): number {
  checkPositive(name, 'η', eta);
  checkPositive(name, 'T', T);
  const K = Math.round(T / eta);
  if (K < 1 || Math.abs(K * eta - T) > 1e-9 * T) throw new Error(`${name}: T/η = ${T / eta} is not an integer`);
  return K;
}

/**
 * The scalar-quadratic order test of docs/math.md §3d: f = ½hx², heavy-ball's iterates
 * x_k (x_{k+1} = x_k − ηh x_k + β(x_k − x_{k−1}), x_{−1} = x_0) against RGF
 * (x(T) = x₀e^{−hT/(1−β)}) and the order-p piecewise flows (exact steps e^{−η m_k^{(p)}}),
 * at T = Kη. The global error of order p is O(η^{p+1}); RGF's is O(η).
 */
export function hbFlowQuadraticError(params: {
  beta: number;
  eta: number;
  h: number;
  x0: number;
  T: number;
  orders: number[];
}): HbFlowQuadraticError {
  const { beta, eta, h, x0, T, orders } = params;
  const name = 'hbFlowQuadraticError';
  checkBeta(name, beta);
  const K = stepCount(name, T, eta);
  checkHbOverdamped(name, beta, eta, h);
  const hbPath = new Float64Array(K + 1);
  let prev = x0;
  let x = x0;
  hbPath[0] = x0;
  for (let k = 0; k < K; k++) {
    const next = x - eta * h * x + beta * (x - prev);
    prev = x;
    x = next;
    hbPath[k + 1] = x;
  }
  const rgf = Math.abs(x0 * Math.exp((-h * T) / (1 - beta)) - x);
  const flow: number[] = [];
  const flowSup: number[] = [];
  for (const p of orders) {
    const { rate } = hbQuadraticSeries(beta, eta, h, K, p);
    let y = x0;
    let sup = 0;
    for (let k = 0; k < K; k++) {
      y *= Math.exp(-eta * rate[k]);
      sup = Math.max(sup, Math.abs(y - hbPath[k + 1]));
    }
    flow.push(Math.abs(y - x));
    flowSup.push(sup);
  }
  return { steps: K, hb: x, rgf, flow, flowSup };
}

// ---------------------------------------------------------------------------------------------------------------
// Nonlinear objectives: the order-p vector field and RK4 per interval (docs/math.md §3c, §3d "Nonlinear", §3f).
// ---------------------------------------------------------------------------------------------------------------

/** out ← ∇f(x) (the signature of ReferenceObjective.grad). */
export type GradFn = (x: Float64Array, out: Float64Array) => void;
/** out ← ∇²f(x) v (the signature of ReferenceObjective.hessVec). */
export type HessVecFn = (x: Float64Array, v: Float64Array, out: Float64Array) => void;
/** out ← ∇³f(x)[v, v] (the signature of ReferenceObjective.thirdDir). */
export type ThirdDirFn = (x: Float64Array, v: Float64Array, out: Float64Array) => void;
/** out ← F(x), an autonomous vector field. */
export type VectorField = (x: Float64Array, out: Float64Array) => void;

/** The highest order of the piecewise flow with known coefficients (γ, c, A, B reach η²). */
export const HB_FLOW_MAX_ORDER = 2;

/**
 * The order-p HB-flow vector field on one interval (docs/math.md §3c):
 * F_k(x) = −[γ_k ∇f + η c_k H∇f + η² (A_k H²∇f + B_k ∇³f[∇f,∇f])], keeping the terms
 * up to η^order (order 0, 1 or 2; order 0 is the piecewise RGF-like flow −γ_k∇f).
 * `thirdDir` (analytic ∇³f[v, v], never finite differences: §3f) is needed only for
 * order 2. The returned field reuses internal scratch buffers: one field per thread
 * of evaluation; `out` must not alias `x`.
 */
export function hbFlowVectorField(
  coeffs: HbFlowStepCoefficients,
  order: number,
  eta: number,
  grad: GradFn,
  hessVec?: HessVecFn,
  thirdDir?: ThirdDirFn,
): VectorField {
  const name = 'hbFlowVectorField';
  checkCount(name, 'order', order);
  if (order > HB_FLOW_MAX_ORDER) {
    throw new Error(`${name}: order ${order} > ${HB_FLOW_MAX_ORDER} needs coefficients beyond η² (docs/math.md §3c)`);
  }
  checkPositive(name, 'η', eta);
  if (order >= 1 && !hessVec) throw new Error(`${name}: order ≥ 1 needs hessVec`);
  if (order >= 2 && !thirdDir) throw new Error(`${name}: order 2 needs thirdDir (∇³f[v, v])`);
  const { gamma, c, A, B } = coeffs;
  let g = new Float64Array(0);
  let hg = new Float64Array(0);
  let h2g = new Float64Array(0);
  let t = new Float64Array(0);
  return (x, out) => {
    const d = x.length;
    if (g.length !== d) {
      g = new Float64Array(d);
      hg = new Float64Array(d);
      h2g = new Float64Array(d);
      t = new Float64Array(d);
    }
    grad(x, g);
    for (let i = 0; i < d; i++) out[i] = -gamma * g[i];
    if (order < 1) return;
    hessVec!(x, g, hg);
    const ec = eta * c;
    for (let i = 0; i < d; i++) out[i] -= ec * hg[i];
    if (order < 2) return;
    hessVec!(x, hg, h2g);
    thirdDir!(x, g, t);
    const e2 = eta * eta;
    for (let i = 0; i < d; i++) out[i] -= e2 * (A * h2g[i] + B * t[i]);
  };
}

/**
 * Classical RK4 for ẋ = field(x) over a time span `eta` (one HB-flow interval) with
 * `substeps` equal substeps (§3f: ≥ 4 substeps, so the integrator's O(η·dt⁴) error
 * stays below the flow's O(η^{p+1})). Returns x(eta) in `out` (a new array when omitted;
 * may be `x` itself).
 */
export function rk4Interval(
  x: Float64Array,
  field: VectorField,
  eta: number,
  substeps: number,
  out?: Float64Array,
): Float64Array {
  checkCount('rk4Interval', 'substeps', substeps, 1);
  const d = x.length;
  const y = Float64Array.from(x);
  const k1 = new Float64Array(d);
  const k2 = new Float64Array(d);
  const k3 = new Float64Array(d);
  const k4 = new Float64Array(d);
  const tmp = new Float64Array(d);
  const dt = eta / substeps;
  for (let s = 0; s < substeps; s++) {
    field(y, k1);
    for (let i = 0; i < d; i++) tmp[i] = y[i] + 0.5 * dt * k1[i];
    field(tmp, k2);
    for (let i = 0; i < d; i++) tmp[i] = y[i] + 0.5 * dt * k2[i];
    field(tmp, k3);
    for (let i = 0; i < d; i++) tmp[i] = y[i] + dt * k3[i];
    field(tmp, k4);
    for (let i = 0; i < d; i++) y[i] += (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
  const result = out ?? new Float64Array(d);
  result.set(y);
  return result;
}

/**
 * Deterministic heavy-ball (docs/math.md §3b) in float64: x_{k+1} = x_k − η∇f(x_k) + β(x_k − x_{k−1}),
 * x_{−1} = x_0. Returns x_k for k = 0..steps (row k).
 */
export function hbIterates(x0: ArrayLike<number>, beta: number, eta: number, steps: number, grad: GradFn): Float64Array[] {
  checkBeta('hbIterates', beta);
  checkPositive('hbIterates', 'η', eta);
  checkCount('hbIterates', 'steps', steps);
  const d = x0.length;
  let prev = Float64Array.from(x0);
  let x = Float64Array.from(x0);
  const g = new Float64Array(d);
  const path = [Float64Array.from(x)];
  for (let k = 0; k < steps; k++) {
    grad(x, g);
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++) next[i] = x[i] - eta * g[i] + beta * (x[i] - prev[i]);
    prev = x;
    x = next;
    path.push(Float64Array.from(x));
  }
  return path;
}

/**
 * The order-p piecewise HB flow (docs/math.md §3c) from x(0) = x₀ over `steps` intervals
 * of length η, each integrated with {@link rk4Interval} (default 8 substeps, as in §3d).
 * Returns x(t_k) for k = 0..steps (row k), to compare with {@link hbIterates}.
 */
export function hbFlowPath(params: {
  x0: ArrayLike<number>;
  beta: number;
  eta: number;
  steps: number;
  order: number;
  grad: GradFn;
  hessVec?: HessVecFn;
  thirdDir?: ThirdDirFn;
  substeps?: number;
}): Float64Array[] {
  const { x0, beta, eta, steps, order, grad, hessVec, thirdDir, substeps = 8 } = params;
  const coeffs = hbFlowCoefficients(beta, steps);
  let x: Float64Array = Float64Array.from(x0);
  const path: Float64Array[] = [Float64Array.from(x)];
  for (let k = 0; k < steps; k++) {
    const field = hbFlowVectorField(coeffs[k], order, eta, grad, hessVec, thirdDir);
    x = rk4Interval(x, field, eta, substeps);
    path.push(x);
  }
  return path;
}
