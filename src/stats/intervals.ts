/**
 * ~95% confidence intervals for the quantities Monte Carlo reports carry:
 * proportions (escape probabilities, coverage fractions), means with a
 * standard error, and quantiles by order statistics. All are two-sided with
 * the normal quantile z (default Z95) unless stated otherwise.
 */

/** Φ⁻¹(0.975): the two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

/** A point estimate with its confidence bounds. */
export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/**
 * Wilson's score interval for a binomial proportion successes/n. Unlike the
 * Wald interval p̂ ± z·sqrt(p̂(1−p̂)/n) it stays inside [0, 1] and does not
 * collapse to a point at 0 or n successes, where Monte Carlo failure rates
 * usually sit. n = 0 carries no information: value NaN, bounds [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z: number = Z95): Interval {
  if (!Number.isFinite(n) || n < 0 || !Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need 0 ≤ successes ≤ n, got successes = ${successes}, n = ${n}`);
  }
  if (n === 0) return { value: NaN, lo: 0, hi: 1 };
  const z2 = z * z;
  // Centre and half-width in the form (s + z²/2)/(n + z²) ± z·sqrt(s(n−s)/n + z²/4)/(n + z²),
  // which gives lo = 0 at s = 0 and hi = 1 at s = n without cancellation.
  const centre = (successes + z2 / 2) / (n + z2);
  const halfWidth = (z * Math.sqrt((successes * (n - successes)) / n + z2 / 4)) / (n + z2);
  return {
    value: successes / n,
    lo: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    hi: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

/**
 * value ± z·standardError: the large-sample interval for a mean or any
 * asymptotically normal estimate. A NaN standard error (e.g. from a single
 * sample) propagates to NaN bounds rather than throwing.
 */
export function normalInterval(value: number, standardError: number, z: number = Z95): Interval {
  if (standardError < 0) {
    throw new RangeError(`normalInterval: standardError must be ≥ 0, got ${standardError}`);
  }
  return { value, lo: value - z * standardError, hi: value + z * standardError };
}

/**
 * The 0-based ranks (lo, hi) of the order statistics X₍lo₎ ≤ X₍hi₎ that bracket
 * a distribution-free ≈95% interval for the p-quantile of n samples: the count
 * of samples below the quantile is Binomial(n, p), so the ranks are its
 * normal-approximation bounds ⌊np − z√(np(1−p))⌋ and ⌈np + z√(np(1−p))⌉,
 * clamped to [0, n − 1]. Coverage is P(lo < B ≤ hi) for B ~ Binomial(n, p);
 * close to nominal once np(1−p) ≳ 10, conservative-to-undefined in the tails
 * (at the clamp the interval reaches the sample extremes).
 */
export function binomialQuantileRanks(p: number, n: number, z: number = Z95): { lo: number; hi: number } {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialQuantileRanks: p must lie in [0, 1], got ${p}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`binomialQuantileRanks: n must be an integer ≥ 1, got ${n}`);
  const mean = n * p;
  const spread = z * Math.sqrt(mean * (1 - p));
  const clamp = (rank: number) => Math.min(n - 1, Math.max(0, rank));
  return { lo: clamp(Math.floor(mean - spread)), hi: clamp(Math.ceil(mean + spread)) };
}

/** t_{0.975, ν} for ν = 1 … 30 (scipy.stats.t.ppf), where the normal approximation is off by more than 4%. */
const STUDENT_T_975 = [
  12.706204736174694, 4.302652729749462, 3.1824463052837078, 2.7764451051977934, 2.5705818356363146,
  2.4469118511449786, 2.364624251592784, 2.306004135204166, 2.262157162798205, 2.228138851986274,
  2.200985160091639, 2.1788128296672284, 2.1603686564627913, 2.144786687917804, 2.131449545559776,
  2.1199052992212546, 2.1098155778333156, 2.1009220402410382, 2.0930240544083087, 2.085963447265864,
  2.0796138447276795, 2.0738730679040254, 2.0686576104190486, 2.0638985616280245, 2.0595385527532972,
  2.0555294386428735, 2.0518305164802846, 2.0484071417952454, 2.045229642132703, 2.0422724563012378,
];

/**
 * The two-sided 95% Student-t quantile t_{0.975, ν} for integer ν ≥ 1: a table
 * up to ν = 30, beyond it the Cornish–Fisher expansion in 1/ν around Z95
 * (four terms, error < 3e−8 at ν = 31 and falling as ν⁻⁵), rather than Z95
 * itself, which would be 4% narrow at ν = 31.
 */
export function studentTQuantile95(dof: number): number {
  if (!Number.isInteger(dof) || dof < 1) throw new RangeError(`studentTQuantile95: dof must be an integer ≥ 1, got ${dof}`);
  if (dof <= STUDENT_T_975.length) return STUDENT_T_975[dof - 1];
  const z = Z95;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const v = 1 / dof;
  return z + v * (g1 + v * (g2 + v * (g3 + v * g4)));
}
