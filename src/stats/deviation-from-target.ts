/**
 * How far an ensemble is from a target point u, from its moments alone: the
 * mean squared deviation E‖X − u‖² and the bias ‖E X − u‖, each with a
 * standard error, e.g. a scheme's error against the exact solution u(T) of the
 * flow it approximates.
 */

/** A number estimated from a finite ensemble, with its standard error. */
export interface Estimate {
  value: number;
  standardError: number;
}

/** The moments of n samples of X at one checkpoint. */
export interface EnsembleMoments {
  mean: readonly number[];
  covariance: readonly (readonly number[])[];
  count: number;
}

function checkTarget(caller: string, mean: readonly number[], target: readonly number[]): number[] {
  if (mean.length !== target.length) throw new RangeError(`${caller}: the mean has ${mean.length} coordinates but the target ${target.length}`);
  return mean.map((m, i) => m - target[i]);
}

/**
 * E‖X − u‖² = ‖δ‖² + tr C with δ = E X − u and C the covariance. Standard error
 * from the Gaussian approximation Var‖X − u‖² ≈ 2 tr(C²) + 4 δᵀCδ over the
 * `count` samples (exact for Gaussian X; the plug-in moments' own error is ignored).
 */
export function meanSquaredDeviation(moments: EnsembleMoments, target: readonly number[]): Estimate {
  const { mean, covariance: C, count } = moments;
  const delta = checkTarget('meanSquaredDeviation', mean, target);
  if (C.length !== mean.length) throw new RangeError(`meanSquaredDeviation: the covariance has ${C.length} rows but the mean ${mean.length} coordinates`);
  if (!(count >= 1)) throw new RangeError(`meanSquaredDeviation: count must be ≥ 1, got ${count}`);
  const d = mean.length;
  let value = 0;
  let variance = 0;
  for (let i = 0; i < d; i++) {
    value += delta[i] * delta[i] + C[i][i];
    for (let j = 0; j < d; j++) variance += 2 * C[i][j] * C[j][i] + 4 * delta[i] * C[i][j] * delta[j];
  }
  return { value, standardError: Math.sqrt(Math.max(0, variance) / count) };
}

/**
 * ‖E X − u‖ with its delta-method standard error √(Σ (δᵢ·SEᵢ)²)/‖δ‖ from the
 * per-coordinate standard errors of the mean (correlations between coordinates
 * ignored). At δ = 0 the norm is not differentiable: the standard error is then
 * the largest SEᵢ, the size of the noise the norm would show.
 */
export function biasNorm(mean: readonly number[], meanStandardError: readonly number[], target: readonly number[]): Estimate {
  const delta = checkTarget('biasNorm', mean, target);
  if (meanStandardError.length !== mean.length) throw new RangeError(`biasNorm: ${meanStandardError.length} standard errors for ${mean.length} coordinates`);
  const norm = Math.hypot(...delta);
  if (norm === 0) return { value: 0, standardError: Math.max(...meanStandardError) };
  return { value: norm, standardError: Math.hypot(...delta.map((di, i) => di * meanStandardError[i])) / norm };
}
