/**
 * Excess exponential rates: the slope of log(reference(t)/value(t)) against t,
 * e.g. how much faster than gradient flow a discrete method drives E‖∇f‖² down
 * (experiments/hb-directional-smoothness.json). A straight-line fit with the same
 * interval rules as the log-log fits ({@link lineFit}, unweighted: paired deterministic curves
 * carry no Monte Carlo error in their ratio).
 */
import { lineFit, type LogLogFit } from './loglog-slope';

/** One time point of two positive curves. */
export interface RatePoint {
  t: number;
  reference: number;
  value: number;
}

/**
 * Least-squares slope of log(reference/value) against t over the points with
 * lo ≤ t ≤ hi: a positive slope means `value` decays faster than `reference` by
 * that rate. Throws for fewer than 2 points in the window or non-positive values.
 */
export function logRatioSlope(points: readonly RatePoint[], window: readonly [number, number]): LogLogFit {
  const [lo, hi] = window;
  const inside = points.filter(({ t }) => t >= lo && t <= hi);
  if (inside.length < 2) throw new RangeError(`logRatioSlope: need at least 2 points with ${lo} ≤ t ≤ ${hi}, got ${inside.length}`);
  inside.forEach(({ reference, value }, i) => {
    if (!(reference > 0 && value > 0)) throw new RangeError(`logRatioSlope: point ${i} has reference ${reference} and value ${value}; both must be > 0`);
  });
  return lineFit(inside.map(({ t }) => t), inside.map(({ reference, value }) => Math.log(reference / value)));
}
