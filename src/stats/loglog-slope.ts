/**
 * Power-law exponents from measurements, e.g. the weak/strong order of a
 * scheme (error ∝ Δ^slope) or a scaling law in η: a straight-line fit of
 * log y against log x with a 95% interval on the slope, so that a test can
 * assert "the interval contains 1" instead of eyeballing a plot.
 */

import { studentTQuantile95, Z95 } from './intervals';

/** One measurement y(x) > 0, optionally with the standard error of y. */
export interface LogLogPoint {
  x: number;
  y: number;
  standardError?: number;
}

/** log y ≈ intercept + slope·log x (natural logs), with the slope's standard error and 95% interval. */
export interface LogLogFit {
  slope: number;
  intercept: number;
  standardError: number;
  lo: number;
  hi: number;
  /** Number of points fitted. */
  points: number;
  /**
   * sqrt(Σ wᵢrᵢ²/(n − 2)) of the residuals rᵢ in log y: with standard
   * errors it is the root reduced χ² (≈ 1 for a good fit); without, the
   * scatter in log units. NaN for n = 2.
   */
  residualStandardError: number;
}

function checkPoints(points: readonly LogLogPoint[]): boolean {
  if (points.length < 2) throw new RangeError(`logLogSlope: need at least 2 points, got ${points.length}`);
  points.forEach(({ x, y }, i) => {
    if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logLogSlope: points[${i}].x = ${x} must be finite and > 0`);
    if (!(y > 0) || !Number.isFinite(y)) throw new RangeError(`logLogSlope: points[${i}].y = ${y} must be finite and > 0`);
  });
  const weighted = points.every((point) => point.standardError !== undefined);
  if (weighted) {
    points.forEach(({ standardError }, i) => {
      if (!(standardError! > 0) || !Number.isFinite(standardError)) {
        throw new RangeError(`logLogSlope: points[${i}].standardError = ${standardError} must be finite and > 0`);
      }
    });
  }
  return weighted;
}

/**
 * Least-squares fit of log y = intercept + slope·log x.
 *
 * - All standard errors given: weights wᵢ = 1/(SEᵢ/yᵢ)², the delta-method
 *   variance of log yᵢ. The slope's SE is 1/sqrt(Σwᵢ(log xᵢ − x̄)²), scaled
 *   up by sqrt(max(1, χ²/(n − 2))) when n > 2, so a fit that misses its own
 *   error bars (model error, e.g. a pre-asymptotic point) widens the interval
 *   but a lucky one does not narrow it. Interval: slope ± Z95·SE.
 * - Otherwise unweighted: SE from the residual scatter, interval with the
 *   Student t quantile on n − 2 degrees of freedom (NaN for n = 2, where two
 *   points fix the line and say nothing about its uncertainty).
 *
 * Throws RangeError for fewer than 2 points, non-positive or non-finite x, y
 * or standard errors (naming the index), and for all-equal x.
 */
export function logLogSlope(points: readonly LogLogPoint[]): LogLogFit {
  const weighted = checkPoints(points);
  return lineFit(
    points.map(({ x }) => Math.log(x)),
    points.map(({ y }) => Math.log(y)),
    weighted ? points.map(({ y, standardError }) => (y / standardError!) ** 2) : undefined,
  );
}

/**
 * Least-squares line v ≈ intercept + slope·u with the interval rules of
 * {@link logLogSlope}: `weightsOfV` (inverse variances of v) or none (unweighted,
 * Student t interval). Throws RangeError when all u are equal.
 */
export function lineFit(u: readonly number[], v: readonly number[], weightsOfV?: readonly number[]): LogLogFit {
  const weighted = weightsOfV !== undefined;
  const n = u.length;
  const weights = weightsOfV ?? u.map(() => 1);

  let weightSum = 0;
  let uMean = 0;
  let vMean = 0;
  for (let i = 0; i < n; i++) {
    weightSum += weights[i];
    uMean += weights[i] * u[i];
    vMean += weights[i] * v[i];
  }
  uMean /= weightSum;
  vMean /= weightSum;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = u[i] - uMean;
    sxx += weights[i] * dx * dx;
    sxy += weights[i] * dx * (v[i] - vMean);
  }
  if (!(sxx > 0)) throw new RangeError('logLogSlope: all x are equal, so the slope is undefined');
  const slope = sxy / sxx;
  const intercept = vMean - slope * uMean;

  let weightedResidualSquares = 0;
  for (let i = 0; i < n; i++) {
    const residual = v[i] - intercept - slope * u[i];
    weightedResidualSquares += weights[i] * residual * residual;
  }
  const residualVariance = n > 2 ? weightedResidualSquares / (n - 2) : NaN;

  let standardError: number;
  let quantile: number;
  if (weighted) {
    const inflation = n > 2 ? Math.sqrt(Math.max(1, residualVariance)) : 1;
    standardError = inflation / Math.sqrt(sxx);
    quantile = Z95;
  } else {
    standardError = Math.sqrt(residualVariance / sxx);
    quantile = n > 2 ? studentTQuantile95(n - 2) : NaN;
  }
  return {
    slope,
    intercept,
    standardError,
    lo: slope - quantile * standardError,
    hi: slope + quantile * standardError,
    points: n,
    residualStandardError: Math.sqrt(residualVariance),
  };
}
