/**
 * A line through the origin, y ≈ c·x, fitted by weighted least squares with
 * weights 1/SE² (the inverse variances of y): e.g. the amplitude of one basis
 * function in a measured field, or the constant c in a prediction "measured =
 * c·predicted". Its standard error is 1/√(Σ xᵢ²/SEᵢ²), exact for independent
 * Gaussian errors of known size (not rescaled by the residual χ²).
 */

/** One measurement y at x with the standard error of y. */
export interface ProportionalPoint {
  x: number;
  y: number;
  standardError: number;
}

/** c in y ≈ c·x with its standard error and the number of points fitted. */
export interface ProportionalFit {
  value: number;
  standardError: number;
  points: number;
}

/**
 * c = Σ xᵢyᵢ/SEᵢ² / Σ xᵢ²/SEᵢ². Throws RangeError for no points, a non-finite
 * x or y, a standard error that is not finite and > 0 (naming the index), or
 * all x = 0 (c undefined).
 */
export function proportionalFit(points: readonly ProportionalPoint[]): ProportionalFit {
  if (points.length === 0) throw new RangeError('proportionalFit: need at least 1 point, got 0');
  let sxx = 0;
  let sxy = 0;
  points.forEach(({ x, y, standardError }, i) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`proportionalFit: points[${i}] = (${x}, ${y}) must be finite`);
    if (!(standardError > 0) || !Number.isFinite(standardError)) throw new RangeError(`proportionalFit: points[${i}].standardError = ${standardError} must be finite and > 0`);
    const w = 1 / (standardError * standardError);
    sxx += w * x * x;
    sxy += w * x * y;
  });
  if (!(sxx > 0)) throw new RangeError('proportionalFit: all x are 0, so c is undefined');
  return { value: sxy / sxx, standardError: 1 / Math.sqrt(sxx), points: points.length };
}
