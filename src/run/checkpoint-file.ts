/**
 * The checkpoint file of `sdeflow run FILE --checkpoint F` (format
 * `sdeflow-checkpoint/v1`): an experiment's progress (src/run/measure.ts,
 * MeasureProgress) with everything needed to continue it with the same bits —
 * the normalized experiment and its fingerprint, the RNG stream version, how the
 * run was started, the finished runs' mergeable statistics, and the run in
 * progress with its snapshot (raw GPU words as base64). Floats are written so
 * that they read back identically, −0, NaN and ±Infinity included. Node only
 * (Buffer); the CLI reads and writes it.
 */
import type { EnsembleSnapshot } from '../ensemble/ensemble-snapshot';
import type { Experiment } from '../experiment';
import type { AdapterDescription } from '../gpu/adapter-description';
import { RNG_STREAM_VERSION } from '../rng/streams';
import { EnsembleStatistics, type EnsembleStatisticsJson } from '../stats/ensemble-statistics';
import { experimentHash } from './experiment-hash';
import type { MeasureProgress } from './measure';
import type { Shard } from './shard';
import { restoreRun, storeRun, type StoredRun } from './stored-run';

export const CHECKPOINT_FORMAT = 'sdeflow-checkpoint/v1';

/** How the run was started (what `sdeflow resume` repeats). */
export interface CheckpointInvocation {
  /** The experiment file, as given, and the fingerprint of the experiment read from it. */
  file: string;
  /** `--trajectories`, when it replaced the file's count. */
  trajectories?: string;
  shard?: Shard;
  out?: string;
  csv?: string;
  device: 'gpu' | 'cpu';
  backend?: string;
}

interface StoredSnapshot {
  chunkSize: number;
  offset: number;
  step: number;
  checkpointsDone: number;
  trajectorySteps: number;
  seconds: number;
  chunk?: { state: string; records: string; aux: string };
  counters: string;
  tracked?: string;
  statistics: EnsembleStatisticsJson;
}

export interface CheckpointFile {
  format: typeof CHECKPOINT_FORMAT;
  rngStreamVersion: number;
  experimentHash: string;
  experiment: Experiment;
  invocation: CheckpointInvocation;
  /** The device it ran on: a resumed run equals the uninterrupted one bit for bit on the same device. */
  device: AdapterDescription;
  /** When it was written (ISO 8601). */
  written: string;
  /** True once every run has finished: resuming then only reports. */
  complete: boolean;
  runs: StoredRun[];
  /** Tracked paths of finished runs for strong errors: per run, per checkpoint, raw f32 (GPU) or f64 (CPU) bytes. */
  tracked: { index: number; float64: boolean; states: string[] }[];
  current?: { index: number; snapshot: StoredSnapshot };
}

/** A checkpoint that cannot be resumed, with the reason in the message. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

const toBase64 = (bytes: ArrayBufferLike | ArrayBufferView) =>
  (ArrayBuffer.isView(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes)).toString('base64');

/** Decodes base64 into a fresh ArrayBuffer of its own (aligned for any typed array). */
function fromBase64(text: string): ArrayBuffer {
  const b = Buffer.from(text, 'base64');
  const out = new ArrayBuffer(b.byteLength);
  new Uint8Array(out).set(b);
  return out;
}

const F64_TAG = '$f64';

/** JSON text in which every number reads back as the same float64: −0, NaN and ±Infinity become tagged strings. */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { [F64_TAG]: Object.is(v, -0) ? '-0' : String(v) } : v));
}

/** Parses {@link exactJson} text. */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, (_key, v) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v[F64_TAG] === 'string') {
      return v[F64_TAG] === '-0' ? -0 : Number(v[F64_TAG]);
    }
    return v;
  });
}

/** The checkpoint of `progress` (the statistics serialized now: the live objects go on changing). */
export function toCheckpointFile(experiment: Experiment, invocation: CheckpointInvocation, device: AdapterDescription, progress: MeasureProgress, complete = false): CheckpointFile {
  const file: CheckpointFile = {
    format: CHECKPOINT_FORMAT,
    rngStreamVersion: RNG_STREAM_VERSION,
    experimentHash: experimentHash(experiment),
    experiment,
    invocation,
    device,
    written: new Date().toISOString(),
    complete,
    runs: progress.runs.map(storeRun),
    tracked: [...progress.tracked].map(([index, states]) => ({ index, float64: states[0] instanceof Float64Array, states: states.map(toBase64) })),
  };
  const current = progress.current;
  if (current) {
    const s = current.snapshot;
    file.current = {
      index: current.index,
      snapshot: {
        chunkSize: s.chunkSize,
        offset: s.offset,
        step: s.step,
        checkpointsDone: s.checkpointsDone,
        trajectorySteps: s.trajectorySteps,
        seconds: s.seconds,
        ...(s.chunk ? { chunk: { state: toBase64(s.chunk.state), records: toBase64(s.chunk.records), aux: toBase64(s.chunk.aux) } } : {}),
        counters: toBase64(s.counters),
        ...(s.tracked ? { tracked: toBase64(s.tracked) } : {}),
        statistics: s.statistics.toJSON(),
      },
    };
  }
  return file;
}

/**
 * Reads checkpoint text back into its file and the progress to resume from.
 * Refuses text that is not a checkpoint, one written with another RNG stream
 * version (its numbers would differ), and one whose experiment does not match
 * its own fingerprint (damaged or edited).
 */
export function readCheckpoint(text: string, where: string): { file: CheckpointFile; progress: MeasureProgress } {
  let file: CheckpointFile;
  try {
    file = parseExactJson(text) as CheckpointFile;
  } catch (e) {
    throw new CheckpointError(`${where} is not a checkpoint: ${(e as Error).message}`);
  }
  if (file?.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(`${where} is not an sdeflow checkpoint (format ${JSON.stringify((file as { format?: unknown } | null)?.format)}, expected ${CHECKPOINT_FORMAT})`);
  }
  if (file.rngStreamVersion !== RNG_STREAM_VERSION) {
    throw new CheckpointError(
      `${where} was written with random-number stream version ${file.rngStreamVersion}, and this sdeflow draws version ${RNG_STREAM_VERSION}: the rest of the run would not continue the same paths`,
    );
  }
  if (experimentHash(file.experiment) !== file.experimentHash) {
    throw new CheckpointError(`${where} is damaged or was edited: its experiment no longer matches its fingerprint ${file.experimentHash}`);
  }
  const progress: MeasureProgress = {
    runs: file.runs.map(restoreRun),
    tracked: new Map(file.tracked.map((t) => [t.index, t.states.map((s) => (t.float64 ? new Float64Array(fromBase64(s)) : new Float32Array(fromBase64(s))))])),
  };
  if (file.current) {
    const s = file.current.snapshot;
    const snapshot: EnsembleSnapshot = {
      chunkSize: s.chunkSize,
      offset: s.offset,
      step: s.step,
      checkpointsDone: s.checkpointsDone,
      trajectorySteps: s.trajectorySteps,
      seconds: s.seconds,
      counters: fromBase64(s.counters),
      statistics: EnsembleStatistics.fromJSON(s.statistics),
      ...(s.chunk ? { chunk: { state: fromBase64(s.chunk.state), records: fromBase64(s.chunk.records), aux: fromBase64(s.chunk.aux) } } : {}),
      ...(s.tracked ? { tracked: fromBase64(s.tracked) } : {}),
    };
    progress.current = { index: file.current.index, snapshot };
  }
  return { file, progress };
}

/** Where a checkpoint stands, for messages: "run 2 of 5, trajectories from 4096 at step 300". */
export function describeCheckpoint(file: CheckpointFile, runs: number): string {
  if (file.complete) return `all ${runs} runs finished`;
  const c = file.current;
  if (!c) return `${file.runs.length} of ${runs} runs finished`;
  // The CPU reference goes trajectory by trajectory: its snapshots fall between two.
  if (file.invocation.device === 'cpu') return `${file.runs.length} of ${runs} runs finished, run ${c.index} from trajectory ${c.snapshot.offset}`;
  return `${file.runs.length} of ${runs} runs finished, run ${c.index} at step ${c.snapshot.step} of the chunk from trajectory ${c.snapshot.offset}`;
}
