import type { Experiment } from '../experiment';
import type { AdapterDescription } from '../gpu/adapter-description';
import { EnsembleStatistics } from '../stats/ensemble-statistics';
import { experimentHash } from './experiment-hash';
import { RNG_STREAM_VERSION } from '../rng/streams';
import type { ReferenceComparison } from './experiment-result';
import type { MeasuredRun, Measurements } from './measure';
import type { Shard, ShardRange } from './shard';
import { mergeStrong, type StrongComparison } from './strong-errors';
import { storeRun, type StoredRun } from './stored-run';

/**
 * What `sdeflow run --shard i/n --out part-i.json` writes: the shard's mergeable
 * statistics (counts, moment sums, histogram, region and exit counts) for every
 * planned run, the normalized experiment and its fingerprint.
 */
export interface PartFile {
  format: 'sdeflow-part/v1';
  /** The random-number stream the shard drew (absent in parts of stream version 1). */
  rngStreamVersion?: number;
  experimentHash: string;
  shard: Shard;
  range: ShardRange;
  device: AdapterDescription;
  experiment: Experiment;
  runs: StoredRun[];
  strong: StrongComparison[];
}

export function toPartFile(experiment: Experiment, m: Measurements): PartFile {
  if (!m.shard) throw new Error('a part file holds one shard of a run (--shard i/n)');
  return {
    format: 'sdeflow-part/v1',
    rngStreamVersion: RNG_STREAM_VERSION,
    experimentHash: experimentHash(experiment),
    shard: m.shard,
    range: m.range,
    device: m.device,
    experiment,
    runs: m.runs.map(storeRun),
    strong: m.strong,
  };
}

/** A part that cannot be merged, with the reason in the message. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * Joins the parts of one sharded run back into its measurements. Refuses parts of
 * different experiments (fingerprints), of different shard counts, and a set that
 * repeats or misses a shard. Shards merge in index order: counts add exactly,
 * moments merge by Chan/Pébay in float64 (equal to the unsharded run to rounding).
 */
export function mergeParts(parts: PartFile[]): { experiment: Experiment; measurements: Measurements; shards: number } {
  if (parts.length === 0) throw new MergeError('no parts to merge');
  parts.forEach((p, i) => {
    if (p?.format !== 'sdeflow-part/v1') throw new MergeError(`part ${i + 1} is not an sdeflow part file (format ${JSON.stringify(p?.format)}); write parts with sdeflow run --shard i/n --out FILE`);
  });
  parts.forEach((p, i) => {
    const version = p.rngStreamVersion ?? 1;
    if (version !== RNG_STREAM_VERSION) {
      throw new MergeError(
        `part ${i + 1} (shard ${p.shard?.index}/${p.shard?.count}) was drawn with random-number stream version ${version}, and this sdeflow draws version ${RNG_STREAM_VERSION}: the other shards would not continue its numbers; merge it with the sdeflow that wrote it, or run every shard again`,
      );
    }
  });
  const hash = parts[0].experimentHash;
  const stranger = parts.find((p) => p.experimentHash !== hash);
  if (stranger) {
    throw new MergeError(`parts come from different experiments: shard ${parts[0].shard.index}/${parts[0].shard.count} has fingerprint ${hash}, shard ${stranger.shard.index}/${stranger.shard.count} has ${stranger.experimentHash}`);
  }
  const n = parts[0].shard.count;
  const other = parts.find((p) => p.shard.count !== n);
  if (other) throw new MergeError(`parts split the run differently: ${parts[0].shard.index}/${n} and ${other.shard.index}/${other.shard.count}`);
  const seen = new Map<number, number>();
  parts.forEach((p, i) => {
    if (seen.has(p.shard.index)) throw new MergeError(`shard ${p.shard.index}/${n} is given twice (parts ${seen.get(p.shard.index)! + 1} and ${i + 1}); shards must not overlap`);
    seen.set(p.shard.index, i);
  });
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing; all ${n} parts are needed`);
  const ordered = [...parts].sort((a, b) => a.shard.index - b.shard.index);
  const experiment = ordered[0].experiment;
  const runs: MeasuredRun[] = ordered[0].runs.map((r, k) => {
    const statistics = EnsembleStatistics.fromJSON(r.statistics);
    const timing = { ...r.timing };
    for (const part of ordered.slice(1)) {
      statistics.merge(EnsembleStatistics.fromJSON(part.runs[k].statistics));
      timing.seconds += part.runs[k].timing.seconds;
      timing.compileSeconds += part.runs[k].timing.compileSeconds;
      timing.trajectorySteps += part.runs[k].timing.trajectorySteps;
    }
    const references = ordered.map((p) => p.runs[k].reference).filter((x): x is ReferenceComparison => x !== undefined);
    const stationarity = ordered.flatMap((p) => p.runs[k].stationarity ?? []);
    return {
      index: r.index,
      statistics,
      timing,
      ...(references.length > 0 ? { reference: mergeReferences(references) } : {}),
      ...(r.stationarity ? { stationarity } : {}),
    };
  });
  const measurements: Measurements = {
    device: ordered[0].device,
    range: { first: 0, trajectories: experiment.trajectories },
    runs,
    strong: mergeStrong(ordered.map((p) => p.strong)),
  };
  return { experiment, measurements, shards: n };
}

function mergeReferences(parts: ReferenceComparison[]): ReferenceComparison {
  const trajectories = parts.reduce((s, p) => s + p.trajectories, 0);
  return {
    trajectories,
    maxAbsDifference: Math.max(...parts.map((p) => p.maxAbsDifference)),
    rmsDifference: Math.sqrt(parts.reduce((s, p) => s + p.trajectories * p.rmsDifference ** 2, 0) / trajectories),
    referenceSeconds: parts.reduce((s, p) => s + p.referenceSeconds, 0),
  };
}
