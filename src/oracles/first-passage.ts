/**
 * Mean first-passage and exit times of 1-D diffusions dX = μ(X)dt + s(X)dW,
 * computed by float64 quadrature: the references that Monte Carlo escape-time
 * ensembles (double-well SGD/SME, OU level crossings) are tested against.
 *
 * One absorbing end (docs/math.md §6, "1D mean first-passage time by quadrature"):
 * with the scale density 1/ψ and the speed density m = 2ψ/s²,
 *
 *   ψ(y) = exp(∫^y 2μ/s²),   T(x₀) = ∫_{x₀}^{b} (1/ψ(y)) ∫_{ℓ}^{y} m(z) dz dy.
 *
 * For a gradient diffusion ψ = e^{−V/D}, so the integrands are e^{±V/D}: at
 * D = 0.0125 the double well already has V/D > 709 at x = −3, where e^{V/D}
 * overflows. Every sum below is therefore accumulated in log space
 * (log-add-exp), which subsumes "subtract the maximum before exponentiating"
 * and keeps all intermediate values finite; only the final T is exponentiated.
 */

/** A 1-D diffusion dX = μ(X)dt + s(X)dW and the interval it lives on. */
export interface Diffusion1d {
  /** μ(x). */
  drift: (x: number) => number;
  /** s(x) > 0, the noise amplitude (not s²). */
  diffusion: (x: number) => number;
  /** Reflecting (or a cutoff for a natural boundary) in first-passage problems, absorbing in exit problems. */
  lower: number;
  /** Absorbing. */
  upper: number;
  /** The starting point, lower ≤ x0 ≤ upper. */
  x0: number;
  /** Quadrature/grid nodes on [lower, upper], x0 always being one of them. */
  points?: number;
}

/**
 * Default node count for the quadratures: h ≈ (upper − lower)/4·10⁵ keeps the
 * trapezoid error ≲ 1e−9 relative on the double-well tests.
 */
const DEFAULT_QUADRATURE_POINTS = 400_001;
/** Default node count for the two-sided finite-difference solve (second order, so h² ≈ 1e−10·(b − a)²). */
const DEFAULT_FINITE_DIFFERENCE_POINTS = 100_001;
/** The OU cutoff sits this many stationary standard deviations below min(x0, 0): e^{−12²/2} ≈ 5e−32 of the density is lost. */
const OU_CUTOFF_STANDARD_DEVIATIONS = 12;

/** log(e^a + e^b) without overflow; −∞ stands for log 0. */
function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const max = a > b ? a : b;
  return max + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** Grid nodes on [lower, upper] with `start` the index of x0: uniform on each side of x0, so x0 needs no interpolation. */
interface Grid {
  x: Float64Array;
  start: number;
}

function checkInterval(caller: string, lower: number, upper: number, x0: number, points: number): void {
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || !(lower < upper)) {
    throw new RangeError(`${caller}: need finite lower < upper, got lower = ${lower}, upper = ${upper}`);
  }
  if (!Number.isFinite(x0) || x0 < lower || x0 > upper) {
    throw new RangeError(`${caller}: x0 = ${x0} must lie in [lower, upper] = [${lower}, ${upper}]`);
  }
  if (!Number.isInteger(points) || points < 3) {
    throw new RangeError(`${caller}: points must be an integer ≥ 3, got ${points}`);
  }
}

/**
 * `points` nodes from lower to upper, split between [lower, x0] and
 * [x0, upper] in proportion to their lengths (at least one interval on each
 * non-degenerate side). The spacing jumps slightly at x0; trapezoid sums and
 * the three-point stencils below take unequal spacings, so accuracy is kept.
 */
function gridThrough(lower: number, upper: number, x0: number, points: number): Grid {
  const intervals = points - 1;
  let below = Math.round((intervals * (x0 - lower)) / (upper - lower));
  if (x0 > lower) below = Math.max(below, 1);
  if (x0 < upper) below = Math.min(below, intervals - 1);
  const above = intervals - below;
  const x = new Float64Array(points);
  for (let i = 0; i < below; i++) x[i] = lower + ((x0 - lower) * i) / below;
  for (let j = 1; j < above; j++) x[below + j] = x0 + ((upper - x0) * j) / above;
  x[below] = x0;
  x[intervals] = upper;
  return { x, start: below };
}

/**
 * T(x_start) = ∫_{x_start}^{x_last} e^{−logψ(y)} ∫_{x_0}^{y} e^{logSpeed(z)} dz dy by
 * cumulative trapezoid, both integrals accumulated as logarithms.
 */
function firstPassageOnGrid(grid: Grid, logPsi: Float64Array, logSpeed: Float64Array): number {
  const { x, start } = grid;
  let logInner = -Infinity; // log ∫_{x_0}^{x_i} m
  let logOuter = -Infinity; // log ∫_{x_start}^{x_i} (inner)/ψ
  let previousOuterIntegrand = -Infinity; // at x_0 the inner integral is 0
  for (let i = 1; i < x.length; i++) {
    const logHalfStep = Math.log((x[i] - x[i - 1]) / 2);
    logInner = logAddExp(logInner, logHalfStep + logAddExp(logSpeed[i - 1], logSpeed[i]));
    const outerIntegrand = logInner - logPsi[i];
    if (i > start) {
      logOuter = logAddExp(logOuter, logHalfStep + logAddExp(previousOuterIntegrand, outerIntegrand));
    }
    previousOuterIntegrand = outerIntegrand;
  }
  return Math.exp(logOuter);
}

/** s(x), checked to be finite and positive (the formulas divide by s²). */
function noiseAt(caller: string, diffusion: (x: number) => number, x: number): number {
  const s = diffusion(x);
  if (!(s > 0) || !Number.isFinite(s)) {
    throw new RangeError(`${caller}: diffusion s(x) must be finite and > 0, got s(${x}) = ${s}`);
  }
  return s;
}

/**
 * Mean time for dX = μ(X)dt + s(X)dW started at x0 to reach `upper`
 * (absorbing), with `lower` reflecting. For a natural boundary at −∞,
 * `lower` is a finite cutoff standing in for −∞: the caller must place it far
 * enough that the stationary-like density ψ/s² there (and the mass below it)
 * is negligible, e.g. where V/D has risen by ≳ 40 above its minimum.
 *
 * log ψ is built by cumulative trapezoid of 2μ/s² and the double integral by
 * cumulative trapezoid in log space (module comment), on `points` nodes.
 * Returns +Infinity only if T itself exceeds float64 range.
 */
export function meanFirstPassageTime(problem: Diffusion1d): number {
  const { drift, diffusion, lower, upper, x0, points = DEFAULT_QUADRATURE_POINTS } = problem;
  checkInterval('meanFirstPassageTime', lower, upper, x0, points);
  if (x0 === upper) return 0;
  const grid = gridThrough(lower, upper, x0, points);
  const { x } = grid;
  const logPsi = new Float64Array(points);
  const logSpeed = new Float64Array(points);
  let previousLogPsiSlope = 0;
  for (let i = 0; i < points; i++) {
    const s = noiseAt('meanFirstPassageTime', diffusion, x[i]);
    const logPsiSlope = (2 * drift(x[i])) / (s * s);
    if (!Number.isFinite(logPsiSlope)) {
      throw new RangeError(`meanFirstPassageTime: drift must be finite, got μ(${x[i]}) = ${drift(x[i])}`);
    }
    if (i > 0) logPsi[i] = logPsi[i - 1] + ((x[i] - x[i - 1]) / 2) * (previousLogPsiSlope + logPsiSlope);
    logSpeed[i] = logPsi[i] + Math.log(2 / (s * s));
    previousLogPsiSlope = logPsiSlope;
  }
  return firstPassageOnGrid(grid, logPsi, logSpeed);
}

/**
 * Mean time for the gradient diffusion dX = −V'(X)dt + √(2D) dW started at x0
 * to reach `barrier` (absorbing), with `lower` a reflecting cutoff standing in
 * for −∞ (see {@link meanFirstPassageTime}):
 *
 *   T(x₀) = (1/D) ∫_{x₀}^{b} e^{V(y)/D} ∫_{ℓ}^{y} e^{−V(z)/D} dz dy.
 *
 * V enters directly (log ψ = −V/D exactly), so V' is not needed.
 */
export function gradientDiffusionMfpt(problem: {
  /** V(x). */
  potential: (x: number) => number;
  /** D > 0, so that s² = 2D. */
  temperature: number;
  x0: number;
  barrier: number;
  lower: number;
  points?: number;
}): number {
  const { potential, temperature, x0, barrier, lower, points = DEFAULT_QUADRATURE_POINTS } = problem;
  checkInterval('gradientDiffusionMfpt', lower, barrier, x0, points);
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`gradientDiffusionMfpt: temperature must be finite and > 0, got ${temperature}`);
  }
  if (x0 === barrier) return 0;
  const grid = gridThrough(lower, barrier, x0, points);
  const logPsi = new Float64Array(points);
  const logSpeed = new Float64Array(points);
  const logOneOverD = -Math.log(temperature);
  for (let i = 0; i < points; i++) {
    const v = potential(grid.x[i]);
    if (!Number.isFinite(v)) throw new RangeError(`gradientDiffusionMfpt: V(${grid.x[i]}) = ${v} is not finite`);
    logPsi[i] = -v / temperature;
    logSpeed[i] = logPsi[i] + logOneOverD;
  }
  return firstPassageOnGrid(grid, logPsi, logSpeed);
}

/**
 * Mean time for the OU process dX = −θX dt + σ dW started at x0 to first hit
 * `level`. Upward crossings use the reflecting cutoff
 * min(x0, 0) − 12·σ/√(2θ) in place of −∞; downward ones (level < x0) follow
 * from the symmetry X → −X. log ψ = −θx²/σ² is exact, so only the double
 * integral is discretized.
 */
export function ouMeanFirstPassageTime(problem: {
  theta: number;
  sigma: number;
  x0: number;
  level: number;
  points?: number;
}): number {
  const { theta, sigma, points = DEFAULT_QUADRATURE_POINTS } = problem;
  if (!(theta > 0) || !Number.isFinite(theta) || !(sigma > 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`ouMeanFirstPassageTime: need finite θ > 0 and σ > 0, got θ = ${theta}, σ = ${sigma}`);
  }
  const upward = problem.level >= problem.x0;
  const x0 = upward ? problem.x0 : -problem.x0;
  const level = upward ? problem.level : -problem.level;
  const stationarySd = sigma / Math.sqrt(2 * theta);
  const lower = Math.min(x0, 0) - OU_CUTOFF_STANDARD_DEVIATIONS * stationarySd;
  checkInterval('ouMeanFirstPassageTime', lower, level, x0, points);
  if (x0 === level) return 0;
  const grid = gridThrough(lower, level, x0, points);
  const logPsi = new Float64Array(points);
  const logSpeed = new Float64Array(points);
  const logSpeedFactor = Math.log(2 / (sigma * sigma));
  for (let i = 0; i < points; i++) {
    const z = grid.x[i] / sigma;
    logPsi[i] = -theta * z * z;
    logSpeed[i] = logPsi[i] + logSpeedFactor;
  }
  return firstPassageOnGrid(grid, logPsi, logSpeed);
}

/**
 * Kramers' escape rate over a barrier for dX = −V'(X)dt + √(2D) dW:
 * k = sqrt(V''(a)·|V''(s)|)/(2π) · exp(−ΔV/D), with a the minimum, s the
 * saddle and ΔV = V(s) − V(a). Asymptotic in D/ΔV → 0: 1/k is the mean
 * escape time *past* the barrier and 1/(2k) the time to *reach* the saddle,
 * both only up to O(D/ΔV) corrections (compare with the quadratures above).
 */
export function kramersRate(params: {
  /** V''(a) > 0 at the well's minimum. */
  curvatureMin: number;
  /** V''(s) at the saddle (negative there; only its magnitude is used). */
  curvatureSaddle: number;
  /** ΔV = V(s) − V(a) > 0. */
  barrier: number;
  /** D > 0. */
  temperature: number;
}): number {
  const { curvatureMin, curvatureSaddle, barrier, temperature } = params;
  if (!(curvatureMin > 0) || !(curvatureSaddle !== 0) || !(temperature > 0) || !Number.isFinite(barrier)) {
    throw new RangeError(
      `kramersRate: need V''(a) > 0, V''(s) ≠ 0, D > 0 and a finite barrier, got ` +
        `${curvatureMin}, ${curvatureSaddle}, ${temperature}, ${barrier}`,
    );
  }
  return (Math.sqrt(curvatureMin * Math.abs(curvatureSaddle)) / (2 * Math.PI)) * Math.exp(-barrier / temperature);
}

/**
 * Mean exit time of dX = μ(X)dt + s(X)dW from (lower, upper), both ends
 * absorbing: (s²/2)T'' + μT' = −1 with T(lower) = T(upper) = 0, solved by the
 * second-order three-point stencil (unequal spacing at x0 only) and the
 * Thomas algorithm. The stencil is monotone only while |μ|·h < s² at every
 * node (cell Péclet number < 1); otherwise the discrete solution can
 * oscillate, so this throws and asks for more points instead.
 */
export function twoSidedMeanExitTime(problem: Diffusion1d): number {
  const { drift, diffusion, lower, upper, x0, points = DEFAULT_FINITE_DIFFERENCE_POINTS } = problem;
  checkInterval('twoSidedMeanExitTime', lower, upper, x0, points);
  if (x0 === lower || x0 === upper) return 0;
  const { x, start } = gridThrough(lower, upper, x0, points);
  const n = points - 2; // interior unknowns T(x_1) … T(x_{points−2})
  const below = new Float64Array(n); // coefficient of T_{i−1}
  const above = new Float64Array(n); // coefficient of T_{i+1}
  for (let k = 0; k < n; k++) {
    const i = k + 1;
    const hMinus = x[i] - x[i - 1];
    const hPlus = x[i + 1] - x[i];
    const s = noiseAt('twoSidedMeanExitTime', diffusion, x[i]);
    const mu = drift(x[i]);
    const span = hMinus + hPlus;
    const diffusive = (s * s) / span;
    below[k] = diffusive / hMinus - (mu * hPlus) / (hMinus * span);
    above[k] = diffusive / hPlus + (mu * hMinus) / (hPlus * span);
    if (!(below[k] > 0) || !(above[k] > 0)) {
      throw new RangeError(
        `twoSidedMeanExitTime: |μ|·h ≥ s² at x = ${x[i]} (μ = ${mu}, s = ${s}); increase points (now ${points})`,
      );
    }
  }
  // Thomas algorithm: forward elimination, then back substitution; no
  // pivoting, the rows being weakly diagonally dominant. Every row sums to
  // zero (diagonal = −(below + above)), so the textbook pivot
  // diagonal − below·(above/pivot)_{k−1} cancels catastrophically (relative
  // error ~ points²·ε, 3e−6 at 10⁶ points); instead track slack_k = 1 + above_k/pivot_k,
  // for which pivot_k = −above_k − below_k·slack_{k−1} and
  // slack_k = −below_k·slack_{k−1}/pivot_k involve no subtraction
  // (the zero-row-sum trick of Grassmann–Taksar–Heyman).
  const upperFactor = new Float64Array(n);
  const rhs = new Float64Array(n);
  let slack = 1; // the boundary T(lower) = 0 enters row 0 like a previous row with slack 1
  let previousRhs = 0;
  for (let k = 0; k < n; k++) {
    const pivot = -above[k] - below[k] * slack;
    upperFactor[k] = above[k] / pivot;
    slack = (-below[k] * slack) / pivot;
    rhs[k] = (-1 - below[k] * previousRhs) / pivot;
    previousRhs = rhs[k];
  }
  for (let k = n - 2; k >= 0; k--) rhs[k] -= upperFactor[k] * rhs[k + 1];
  return rhs[start - 1];
}
