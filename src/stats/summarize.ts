import type { EnsembleStatistics } from './ensemble-statistics';
import { histogramQuantileInterval, type Histogram } from './histogram-quantiles';
import { normalInterval, wilsonInterval, Z95, type Interval } from './intervals';

/** Probabilities at which quantiles are reported (read off the histograms). */
export const QUANTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * One reported statistic in the result's single uncertainty format: the estimate,
 * its standard error and a 95% interval. For means and moments the interval is
 * value ± 1.96 SE; for fractions it is Wilson's (SE √(p(1 − p)/n)); for quantiles
 * the order-statistic interval, whose SE is its width / (2·1.96) (an equivalent,
 * at least a bin width / 3.92).
 */
export interface Estimate extends Interval {
  standardError: number;
}

/** A scalar observable per checkpoint: value, standard error and 95% interval [lo, hi] (value ± 1.96 SE). */
export interface ScalarSeries {
  value: number[];
  standardError: number[];
  lo: number[];
  hi: number[];
}

/** 95% intervals value ± 1.96 SE of a [checkpoint][…] table of estimates. */
export interface IntervalTable<T> {
  lo: T;
  hi: T;
}

/** A fraction successes/n with its binomial standard error and Wilson 95% interval. */
export function fractionEstimate(successes: number, n: number): Estimate {
  const interval = wilsonInterval(successes, n);
  return { ...interval, standardError: n > 0 ? Math.sqrt((interval.value * (1 - interval.value)) / n) : NaN };
}

/** An asymptotically normal estimate: value, standard error and value ± 1.96 SE. */
export function normalEstimate(value: number, standardError: number): Estimate {
  return { ...normalInterval(value, standardError), standardError };
}

/** An interval-first estimate (order statistics): the standard error it is equivalent to, width / (2·1.96). */
function intervalEstimate(i: Interval): Estimate {
  return { ...i, standardError: (i.hi - i.lo) / (2 * Z95) };
}

function intervalTable(value: number[][], se: number[][]): IntervalTable<number[][]> {
  return { lo: value.map((row, k) => row.map((v, i) => v - Z95 * se[k][i])), hi: value.map((row, k) => row.map((v, i) => v + Z95 * se[k][i])) };
}

/** Fixed-bin histograms of one quantity at every checkpoint, with quantiles read off them. */
export interface HistogramSeries {
  range: [number, number];
  bins: number;
  /** counts[checkpoint][bin]; underflow/overflow count values below lo / at or above hi. */
  counts: number[][];
  underflow: number[];
  overflow: number[];
  /**
   * Quantiles at QUANTILE_LEVELS, interpolated inside the histogram bin (resolution one
   * bin width); the interval is the distribution-free order-statistic interval.
   */
  quantiles: { p: number[]; value: Estimate[][] };
}

/** Occupancy of a named region at every checkpoint: fraction with its standard error and Wilson 95% interval. */
export interface RegionSeries {
  inside: number[];
  fraction: Estimate[];
}

/** First-exit statistics of a run. */
export interface EscapeSummary {
  /** Whether exits between steps were detected by the Brownian-bridge test. */
  bridge: boolean;
  exited: number;
  /** Finite trajectories that never exited by the last step (right-censored). */
  censored: number;
  /** Fraction exited by the last step: binomial SE, Wilson 95%. */
  fraction: Estimate;
  /**
   * Mean exit time (model time) with a normal 95% interval. With no censored
   * trajectory it is the plain mean of τ; otherwise the restricted mean E[min(τ, T)],
   * a lower bound of the mean exit time (`meanTimeKind` says which).
   */
  meanTime: Estimate;
  meanTimeKind: 'mean' | 'restricted-mean';
  /** Mean exit time of the trajectories that exited (conditional on exiting by T). */
  meanTimeOfExited: number;
  /** Median exit time from the exit-time histogram with an order-statistic interval; null while fewer than half have exited. */
  medianTime: Estimate | null;
  /** Survival S(t) = P(τ > t) at every checkpoint: binomial SE, Wilson 95%. */
  survival: { t: number[]; S: number[]; standardError: number[]; lo: number[]; hi: number[] };
  /** Exit times histogram: bin k counts exits in [k·binWidth, (k+1)·binWidth) of model time. */
  histogram: { binWidth: number; counts: number[] };
}

export interface StatisticsSummary {
  /** Finite trajectories at each checkpoint (the ones every statistic averages). */
  count: number[];
  /** Trajectories left out at each checkpoint because they became NaN/±Inf. */
  diverged: number[];
  /** [checkpoint][coordinate] */
  mean: number[][];
  meanStandardError: number[][];
  /** 95% intervals of the means, mean ± 1.96 SE. */
  meanInterval: IntervalTable<number[][]>;
  /** Unbiased sample variance; its standard error uses the fourth moment. */
  variance: number[][];
  varianceStandardError: number[][];
  varianceInterval: IntervalTable<number[][]>;
  covariance?: number[][][];
  /**
   * Standard errors of the covariance entries from the fourth co-moments (valid for any
   * law with a fourth moment); the diagonal is varianceStandardError.
   */
  covarianceStandardError?: number[][][];
  covarianceInterval?: IntervalTable<number[][][]>;
  loss?: ScalarSeries;
  distance?: ScalarSeries;
  /** E‖∇f‖². */
  gradient?: ScalarSeries;
  /** E[∇fᵀH∇f/‖∇f‖²]. */
  smoothness?: ScalarSeries;
  histogram?: { coordinates: HistogramSeries[]; loss?: HistogramSeries };
  regions?: Record<string, RegionSeries>;
  escape?: EscapeSummary;
}

/**
 * Turns merged ensemble statistics into reported numbers, each with its standard
 * error or 95% interval. `stepLength` converts steps into model time.
 */
export function summarizeStatistics(s: EnsembleStatistics, stepLength: number, histogram?: { range: [number, number]; lossRange?: [number, number] }, bridge = false): StatisticsSummary {
  const { layout } = s;
  const cps = s.checkpoints;
  const coords = Array.from({ length: layout.dim }, (_, i) => i);
  const scalar = (f: number): ScalarSeries => {
    const value = cps.map((c) => c.features.mean[f]);
    const standardError = cps.map((c) => c.features.meanStandardError(f));
    return { value, standardError, lo: value.map((v, k) => v - Z95 * standardError[k]), hi: value.map((v, k) => v + Z95 * standardError[k]) };
  };
  const mean = cps.map((c) => coords.map((i) => c.features.mean[i]));
  const meanStandardError = cps.map((c) => coords.map((i) => c.features.meanStandardError(i)));
  const variance = cps.map((c) => coords.map((i) => c.features.variance(i)));
  const varianceStandardError = cps.map((c) => coords.map((i) => c.features.varianceStandardError(i)));
  const out: StatisticsSummary = {
    count: cps.map((c) => c.count),
    diverged: cps.map((_, c) => s.diverged(c)),
    mean,
    meanStandardError,
    meanInterval: intervalTable(mean, meanStandardError),
    variance,
    varianceStandardError,
    varianceInterval: intervalTable(variance, varianceStandardError),
  };
  if (layout.covarianceDim > 0) {
    const covariance = cps.map((c) => c.coMoments!.covariance());
    out.covariance = covariance;
    // Off the diagonal from the fourth co-moments; on it the variance's standard error itself (the same quantity).
    const se = cps.map((c) => c.coMoments!.covarianceStandardError().map((row, i) => row.map((v, j) => (i === j ? c.features.varianceStandardError(i) : v))));
    out.covarianceStandardError = se;
    out.covarianceInterval = {
      lo: covariance.map((C, k) => C.map((row, i) => row.map((v, j) => v - Z95 * se[k][i][j]))),
      hi: covariance.map((C, k) => C.map((row, i) => row.map((v, j) => v + Z95 * se[k][i][j]))),
    };
  }
  if (layout.lossFeature < layout.features) out.loss = scalar(layout.lossFeature);
  if (layout.distanceFeature < layout.features) out.distance = scalar(layout.distanceFeature);
  if (layout.gradientFeature < layout.features) out.gradient = scalar(layout.gradientFeature);
  if (layout.smoothnessFeature < layout.features) out.smoothness = scalar(layout.smoothnessFeature);
  let at = 0;
  if (layout.histogramFeatures > 0 && histogram) {
    const series = (k: number, range: [number, number]) => histogramSeries(s, at + k * (layout.bins + 2), range);
    out.histogram = { coordinates: coords.map((i) => series(i, histogram.range)) };
    if (layout.histogramFeatures > layout.dim && histogram.lossRange) out.histogram.loss = series(layout.dim, histogram.lossRange);
    at += layout.histogramFeatures * (layout.bins + 2);
  }
  if (layout.regionNames.length > 0) {
    out.regions = Object.fromEntries(
      layout.regionNames.map((name, r) => {
        const inside = cps.map((c) => c.counters[at + r]);
        return [name, { inside, fraction: inside.map((k, c) => fractionEstimate(k, cps[c].count)) }];
      }),
    );
    at += layout.regionNames.length;
  }
  if (layout.escape) out.escape = summarizeEscape(s, at, stepLength, bridge);
  return out;
}

function histogramSeries(s: EnsembleStatistics, at: number, range: [number, number]): HistogramSeries {
  const bins = s.layout.bins;
  const counts = s.checkpoints.map((c) => c.counters.slice(at + 1, at + 1 + bins));
  const underflow = s.checkpoints.map((c) => c.counters[at]);
  const overflow = s.checkpoints.map((c) => c.counters[at + bins + 1]);
  const value = s.checkpoints.map((_, c) => {
    const h: Histogram = { lo: range[0], hi: range[1], counts: counts[c], underflow: underflow[c], overflow: overflow[c] };
    return QUANTILE_LEVELS.map((p) => intervalEstimate(histogramQuantileInterval(h, p)));
  });
  return { range, bins, counts, underflow, overflow, quantiles: { p: [...QUANTILE_LEVELS], value } };
}

function summarizeEscape(s: EnsembleStatistics, at: number, h: number, bridge: boolean): EscapeSummary {
  const { layout } = s;
  const cps = s.checkpoints;
  const last = cps[cps.length - 1];
  const n = last.count;
  const exited = last.counters[at];
  const censored = n - exited;
  const f = layout.escapeFeature;
  const restricted = normalEstimate(last.features.mean[f] * h, last.features.meanStandardError(f) * h);
  // Σ min(τ, T) = Σ_exited τ + censored·T, so the exited ones' mean follows exactly.
  const meanTimeOfExited = exited > 0 ? ((last.features.mean[f] * n - censored * last.step) / exited) * h : NaN;
  const width = layout.escapeBinWidth;
  const timeHistogram: Histogram = { lo: 0, hi: layout.escapeTimeBins * width * h, counts: s.escapeTimes, underflow: 0, overflow: censored };
  const survival = cps.map((c) => fractionEstimate(c.count - c.counters[at], c.count));
  return {
    bridge,
    exited,
    censored,
    fraction: fractionEstimate(exited, n),
    meanTime: restricted,
    meanTimeKind: censored === 0 ? 'mean' : 'restricted-mean',
    meanTimeOfExited,
    medianTime: exited * 2 > n ? intervalEstimate(histogramQuantileInterval(timeHistogram, 0.5)) : null,
    survival: { t: cps.map((c) => c.step * h), S: survival.map((i) => i.value), standardError: survival.map((i) => i.standardError), lo: survival.map((i) => i.lo), hi: survival.map((i) => i.hi) },
    histogram: { binWidth: width * h, counts: [...s.escapeTimes] },
  };
}
