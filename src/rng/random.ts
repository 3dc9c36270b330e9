/**
 * From random 32-bit words to uniforms and standard normals — the float64
 * twin of `shaders/lib/random.wgsl`, plus accurate float64 normal
 * quantile/CDF functions that tests use to bound the generator's error.
 *
 * - {@link uniformFromWord}: u = (⌊w / 2^9⌋ + ½)·2^-23, an f32 value, bit for
 *   bit what WGSL `random_uniform01` returns.
 * - {@link normalFromWord}: one standard normal per word by inversion with
 *   Wichura's AS241 PPND7 (Applied Statistics 37(3), 1988, 477–484), the
 *   same formula, branches and coefficients as WGSL `random_normal`,
 *   evaluated in float64; GPU and CPU normals differ only by f32 rounding.
 * - {@link normalQuantile}: AS241 PPND16 (≈1e-16 relative), the accurate
 *   reference.
 * - {@link normalCdf}: Φ from W. J. Cody's erfc (Math. Comp. 23, 1969,
 *   631–638; netlib specfun CALERF), ≈1e-16 relative.
 *
 * @module
 */

const TWO_M23 = 2 ** -23;
const TWO_M32 = 2 ** -32;

/**
 * Uniform in (0, 1) from one random 32-bit word: the top 23 bits k give
 * u = (k + ½)·2^-23, i.e. the midpoints of 2^23 equal cells. Every value is
 * an exact f32, so WGSL `random_uniform01` returns the same bits; the range
 * is [2^-24, 1 − 2^-24], strictly inside (0, 1), so `log(u)` and
 * `log(1 − u)` are always finite.
 *
 * @example
 * ```ts
 * uniformFromWord(0);          // 2 ** -24
 * uniformFromWord(0xffffffff); // 1 - 2 ** -24
 * ```
 */
export function uniformFromWord(w: number): number {
  return ((w >>> 9) + 0.5) * TWO_M23;
}

// AS241 PPND7 coefficients (Wichura 1988), identical in random.wgsl.
// Central region |p − ½| ≤ 0.425: z = q·A(r)/B(r), r = 0.180625 − q².
const A0 = 3.3871327179;
const A1 = 50.434271938;
const A2 = 159.29113202;
const A3 = 59.10937472;
const B1 = 17.895169469;
const B2 = 78.757757664;
const B3 = 67.1875636;
// Tail region, r = √(−ln p_tail) ≤ 5: z = C(r − 1.6)/D(r − 1.6).
const C0 = 1.4234372777;
const C1 = 2.75681539;
const C2 = 1.3067284816;
const C3 = 0.17023821103;
const D1 = 0.7370016425;
const D2 = 0.12021132975;
/**
 * The AS241 PPND7 coefficients used by {@link normalFromWord}, by their
 * names in Wichura's paper; `shaders/lib/random.wgsl` declares the same values
 * as `RANDOM_PPND7_<name>` (a CPU test compares the two files).
 */
export const PPND7_COEFFICIENTS = Object.freeze({ A0, A1, A2, A3, B1, B2, B3, C0, C1, C2, C3, D1, D2 });

// PPND7's far-tail branch (r > 5, i.e. p_tail < e^-25 ≈ 1.4e-11) is never
// reached from a 32-bit word: the smallest tail probability is 2^-33 ≈ 1.2e-10
// (r ≈ 4.78), so that branch is left out here and in WGSL.

/**
 * Smallest tail index (min(w, ~w)) of the central branch: the tail
 * probability (a + ½)·2^-32 ≥ 0.075 ⟺ |p − ½| ≤ 0.425 ⟺ a ≥ 322122547.
 * Deciding the branch on the integer keeps GPU and CPU on the same branch.
 */
export const NORMAL_CENTRAL_MIN_TAIL_INDEX = 322122547;

/**
 * Bound on the absolute error |normalFromWord(w) − Φ⁻¹((w + ½)·2^-32)| of
 * PPND7 evaluated in float64, measured against PPND16 over a dense sweep of
 * words (every 4099th word, every word below 2^21, and every word within
 * 2^12 of 0, 2^31 and 2^32): the maximum is 6.97e-7, at w = 5 (z ≈ −5.96).
 * By |z|: 4.1e-8 below 1, 2.2e-7 below 2, 3.6e-7 below 4, 5.2e-7 below 5.
 * Checked in test/rng/random.cpu.test.ts.
 */
export const NORMAL_FROM_WORD_MAX_ABS_ERROR = 7e-7;

/**
 * Bound on the relative error of {@link normalFromWord} against the exact
 * quantile, same sweep: measured maximum 1.17e-7 (AS241 states "about 1 part
 * in 10^7" for PPND7).
 */
export const NORMAL_FROM_WORD_MAX_REL_ERROR = 1.2e-7;

/**
 * Contract bound on |WGSL `random_normal(w)` − {@link normalFromWord}(w)|, the
 * f32-rounding gap between GPU and CPU normals, for every word. Measured
 * 1.24e-6 (at z ≈ −4.13; 9.1e-7 at the extreme words) over 4.2e6 words on
 * Mesa llvmpipe; the margin covers the few ulp of log/division error WGSL
 * allows a GPU. Path-by-path GPU/CPU comparisons can build their tolerances on
 * it.
 */
export const NORMAL_F32_MAX_ABS_DIFF = 2e-6;

/**
 * Standard normal from one random 32-bit word, by inversion: z = Φ⁻¹(p) with
 * p = (w + ½)·2^-32, using AS241 PPND7 evaluated in float64 (the twin of WGSL
 * `random_normal`, which evaluates the same expression in f32).
 *
 * To avoid cancellation, nothing is computed as `p − ½` or `1 − p`: with
 * a = min(w, ~w) (the tail index, 0 ≤ a < 2^31), the tail probability is
 * (a + ½)·2^-32 and |p − ½| = (2^31 − 1 − a + ½)·2^-32, both exact; the sign
 * is w's top bit. Hence normalFromWord(~w) = −normalFromWord(w) exactly, and
 * |z| reaches Φ⁻¹(1 − 2^-33) ≈ 6.34 at w = 0 and w = 2^32 − 1.
 *
 * Accuracy against the exact quantile: {@link NORMAL_FROM_WORD_MAX_ABS_ERROR}
 * (7e-7 absolute, reached near |z| ≈ 6) and
 * {@link NORMAL_FROM_WORD_MAX_REL_ERROR} (1.2e-7 relative). Against the GPU's
 * f32 evaluation: within {@link NORMAL_F32_MAX_ABS_DIFF}.
 *
 * @example
 * ```ts
 * normalFromWord(0x80000000);  // ≈ 2.92e-10 (p = ½ + 2^-33)
 * normalFromWord(0xffffffff);  // ≈ 6.34
 * normalFromWord(0);           // ≈ −6.34
 * ```
 */
export function normalFromWord(w: number): number {
  w >>>= 0;
  const positive = w >= 0x80000000;
  const a = positive ? ~w >>> 0 : w; // tail index min(w, ~w) < 2^31
  let z: number;
  if (a >= NORMAL_CENTRAL_MIN_TAIL_INDEX) {
    const q = (0x7fffffff - a + 0.5) * TWO_M32; // |p − ½|, exact
    const r = 0.180625 - q * q;
    z = (q * (((A3 * r + A2) * r + A1) * r + A0)) / (((B3 * r + B2) * r + B1) * r + 1);
  } else {
    const t = (a + 0.5) * TWO_M32; // tail probability min(p, 1 − p), exact
    const r = Math.sqrt(-Math.log(t)) - 1.6;
    z = (((C3 * r + C2) * r + C1) * r + C0) / ((D2 * r + D1) * r + 1);
  }
  return positive ? z : -z;
}

// AS241 PPND16 coefficients (Wichura 1988), about 1e-16 relative accuracy.
const PA = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const PB = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const PC = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const PD = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const PE = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const PF = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
  7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function poly7(c: readonly number[], x: number): number {
  return (((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0]);
}

/**
 * Accurate standard normal quantile Φ⁻¹(p) in float64: Wichura's AS241
 * PPND16 (about 1e-16 relative). Returns −∞ for p ≤ 0, +∞ for p ≥ 1 and NaN
 * for NaN. Used as the reference that bounds {@link normalFromWord}.
 *
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963984540054
 * ```
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(PA, r)) / poly7(PB, r);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly7(PC, r) / poly7(PD, r);
  } else {
    r -= 5;
    z = poly7(PE, r) / poly7(PF, r);
  }
  return q < 0 ? -z : z;
}

// W. J. Cody's erfc coefficients (netlib specfun CALERF, IEEE double).
const CA = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const CB = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const CC = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const CD = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const CP = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
];
const CQ = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const SQRPI = 0.56418958354775628695; // 1/√π

/**
 * Complementary error function erfc(x) in float64, W. J. Cody's rational
 * Chebyshev approximations (Math. Comp. 23, 1969; specfun CALERF), relative
 * error near 1e-16 wherever the result is a normal double.
 *
 * @example
 * ```ts
 * erfc(1); // 0.15729920705028513
 * ```
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = CA[4] * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + CA[i]) * ysq;
      den = (den + CB[i]) * ysq;
    }
    return 1 - (x * (num + CA[3])) / (den + CB[3]);
  }
  if (y <= 4) {
    let num = CC[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CC[i]) * y;
      den = (den + CD[i]) * y;
    }
    result = (num + CC[7]) / (den + CD[7]);
  } else if (y >= 26.543) {
    result = 0;
  } else {
    const ysq = 1 / (y * y);
    let num = CP[5] * ysq;
    let den = ysq;
    for (let i = 0; i < 4; i++) {
      num = (num + CP[i]) * ysq;
      den = (den + CQ[i]) * ysq;
    }
    result = (ysq * (num + CP[4])) / (den + CQ[4]);
    result = (SQRPI - result) / y;
  }
  if (result !== 0) {
    // exp(−y²) split as exp(−s²)·exp(−(y − s)(y + s)), s = ⌊16y⌋/16, so the
    // rounding of y² does not cost relative accuracy.
    const s = Math.trunc(y * 16) / 16;
    const del = (y - s) * (y + s);
    result = Math.exp(-s * s) * Math.exp(-del) * result;
  }
  return x < 0 ? 2 - result : result;
}

/**
 * Standard normal CDF Φ(x) = ½·erfc(−x/√2), from Cody's {@link erfc}; full
 * relative accuracy in the lower tail (Φ(−30) ≈ 4.9e-198).
 *
 * @example
 * ```ts
 * normalCdf(1.959963984540054); // ≈ 0.975
 * ```
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}
