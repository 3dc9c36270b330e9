import type { EnsembleStatistics } from '../stats/ensemble-statistics';
import type { EnsembleResult } from './ensemble-spec';

/** Builds a runner's result from its statistics: the coordinates' counts, means and variances are read off them. */
export function ensembleResult(statistics: EnsembleStatistics, rest: Omit<EnsembleResult, 'statistics' | 'checkpoints' | 'count' | 'diverged' | 'mean' | 'variance'>): EnsembleResult {
  const dim = statistics.layout.dim;
  const coords = Array.from({ length: dim }, (_, i) => i);
  return {
    statistics,
    checkpoints: statistics.checkpoints.map((c) => c.step),
    count: statistics.checkpoints.map((c) => c.count),
    diverged: statistics.checkpoints.map((_, c) => statistics.diverged(c)),
    mean: statistics.checkpoints.map((c) => coords.map((i) => c.features.mean[i])),
    variance: statistics.checkpoints.map((c) => coords.map((i) => c.features.variance(i))),
    ...rest,
  };
}
