/**
 * A measured run as the part files (`--shard`) and the checkpoint files store it:
 * the mergeable statistics as JSON, the rest as it is.
 */
import { EnsembleStatistics, type EnsembleStatisticsJson } from '../stats/ensemble-statistics';
import type { MeasuredRun } from './measure';

export interface StoredRun {
  index: number;
  statistics: EnsembleStatisticsJson;
  timing: MeasuredRun['timing'];
  reference?: MeasuredRun['reference'];
  stationarity?: number[];
}

export function storeRun(r: MeasuredRun): StoredRun {
  return {
    index: r.index,
    statistics: r.statistics.toJSON(),
    timing: r.timing,
    ...(r.reference ? { reference: r.reference } : {}),
    ...(r.stationarity ? { stationarity: r.stationarity } : {}),
  };
}

export function restoreRun(r: StoredRun): MeasuredRun {
  return {
    index: r.index,
    statistics: EnsembleStatistics.fromJSON(r.statistics),
    timing: r.timing,
    ...(r.reference ? { reference: r.reference } : {}),
    ...(r.stationarity ? { stationarity: r.stationarity } : {}),
  };
}
