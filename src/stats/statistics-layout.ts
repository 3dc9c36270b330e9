import type { EscapeRequest, StatisticsRequest } from './statistics-request';

/** Marks an absent feature in the WGSL constants (shaders/reduce/statistics.wgsl). */
export const NO_FEATURE = 0xffffffff;
/** Exit step of a trajectory that never left the escape region. */
export const ESCAPE_NEVER = 0xffffffff;
/** Most bins of the exit-step histogram; wider bins (whole steps) beyond that. */
export const MAX_ESCAPE_TIME_BINS = 4096;

/**
 * Where every statistic sits: feature indices of the moment partials, words of a
 * block partial, and the counter words (histograms, regions, exits). One object
 * describes both the GPU buffers and the float64 reference's accumulators.
 */
export interface StatisticsLayout {
  dim: number;
  /** Feature names in order: x0…x{d−1}, then 'loss', 'distance', 'gradient', 'smoothness', 'escapeStep' where present. */
  featureNames: string[];
  features: number;
  lossFeature: number;
  distanceFeature: number;
  gradientFeature: number;
  smoothnessFeature: number;
  escapeFeature: number;
  covarianceDim: number;
  /** Upper-triangle pairs i ≤ j of the covariance: d(d + 1)/2 (0 without covariance). */
  covarianceWords: number;
  /**
   * f32 words of one block partial: count, 4 per feature (mean, M2, M3, M4), then with
   * covariance four blocks of covarianceWords: the co-moments C and the mixed moments
   * M21, M12, M22 (src/stats/co-moments.ts).
   */
  partialWords: number;
  bins: number;
  /** Histogrammed quantities: d coordinates, plus f(x) with a loss range. */
  histogramFeatures: number;
  regionNames: string[];
  escape: boolean;
  escapeBinWidth: number;
  escapeTimeBins: number;
  /** Counter words per checkpoint: histograms, then regions, then the exit count. */
  countersPerCheckpoint: number;
  /** Counter words before the first checkpoint's (the exit-step histogram). */
  countersHead: number;
  counterWords: number;
}

export function statisticsLayout(dim: number, steps: number, checkpoints: number, request: StatisticsRequest = {}, escape?: EscapeRequest): StatisticsLayout {
  const featureNames = Array.from({ length: dim }, (_, i) => `x${i}`);
  const add = (on: boolean | undefined, name: string) => {
    if (!on) return NO_FEATURE;
    featureNames.push(name);
    return featureNames.length - 1;
  };
  const lossFeature = add(request.loss, 'loss');
  const distanceFeature = add(request.distance, 'distance');
  const gradientFeature = add(request.gradient, 'gradient');
  const smoothnessFeature = add(request.smoothness, 'smoothness');
  const escapeFeature = add(escape !== undefined, 'escapeStep');
  const covarianceDim = request.covariance ? dim : 0;
  const covarianceWords = (covarianceDim * (covarianceDim + 1)) / 2;
  const bins = request.histogram?.bins ?? 0;
  const histogramFeatures = request.histogram ? dim + (request.histogram.lossRange ? 1 : 0) : 0;
  const regionNames = (request.regions ?? []).map((r) => r.name);
  const escapeBinWidth = escape ? Math.max(1, Math.ceil((steps + 1) / MAX_ESCAPE_TIME_BINS)) : 1;
  const escapeTimeBins = escape ? Math.floor(steps / escapeBinWidth) + 1 : 0;
  const countersPerCheckpoint = histogramFeatures * (bins + 2) + regionNames.length + (escape ? 1 : 0);
  const countersHead = escapeTimeBins;
  return {
    dim,
    featureNames,
    features: featureNames.length,
    lossFeature,
    distanceFeature,
    gradientFeature,
    smoothnessFeature,
    escapeFeature,
    covarianceDim,
    covarianceWords,
    partialWords: 1 + 4 * featureNames.length + 4 * covarianceWords,
    bins,
    histogramFeatures,
    regionNames,
    escape: escape !== undefined,
    escapeBinWidth,
    escapeTimeBins,
    countersPerCheckpoint,
    countersHead,
    counterWords: countersHead + checkpoints * countersPerCheckpoint,
  };
}

/** First counter word of checkpoint c. */
export function countersAt(layout: StatisticsLayout, c: number): number {
  return layout.countersHead + c * layout.countersPerCheckpoint;
}

/** The WGSL constants of the reduction kernel for this layout (offsets of the parameters come separately). */
export function statisticsConstants(layout: StatisticsLayout): Record<string, number> {
  return {
    FEATURES: layout.features,
    LOSS_FEATURE: layout.lossFeature,
    DISTANCE_FEATURE: layout.distanceFeature,
    GRADIENT_FEATURE: layout.gradientFeature,
    SMOOTHNESS_FEATURE: layout.smoothnessFeature,
    ESCAPE_FEATURE: layout.escapeFeature,
    COV_DIM: Math.max(1, layout.covarianceDim),
    COV_WORDS: layout.covarianceWords,
    BINS: Math.max(1, layout.bins),
    HIST_FEATURES: layout.histogramFeatures,
    REGION_COUNT: layout.regionNames.length,
    HAS_COUNTERS: layout.countersPerCheckpoint > 0 ? 1 : 0,
    ESCAPE_BIN_WIDTH: layout.escapeBinWidth,
    ESCAPE_TIME_BINS: Math.max(1, layout.escapeTimeBins),
  };
}
