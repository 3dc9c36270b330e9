import type { EnsembleOptions, EnsembleSpec } from './ensemble-spec';
import { partialWords, RECORD_WORDS, REDUCE_BLOCK } from './layout';

/** Largest ensemble index the 64-bit counter layout and JS numbers both handle exactly. */
const MAX_TRAJECTORIES = 2 ** 32 - 1;
/** Bytes of block partials kept on the GPU before one readback. */
const PARTIAL_BUDGET_BYTES = 8 * 2 ** 20;
/** Trajectory-steps per dispatch by default: long enough to amortize a submit, short enough for watchdogs and progress. */
const DISPATCH_TRAJECTORY_STEPS = 2 ** 26;
/** Default cap on trajectories per chunk (keeps memory moderate on shared machines). */
const DEFAULT_MAX_CHUNK = 2 ** 22;

/** Rejects specs the runner cannot honour, before any GPU work. */
export function checkSpec(spec: EnsembleSpec): void {
  const { trajectories, steps, checkpoints } = spec;
  if (!Number.isInteger(trajectories) || trajectories < 1 || trajectories > MAX_TRAJECTORIES) {
    throw new RangeError(`trajectories must be an integer in [1, ${MAX_TRAJECTORIES}], got ${trajectories}`);
  }
  if (!Number.isInteger(steps) || steps < 0 || steps >= 2 ** 32) throw new RangeError(`steps must be an integer in [0, 2^32), got ${steps}`);
  if (checkpoints.length === 0 || checkpoints.some((c, i) => !Number.isInteger(c) || c < 0 || c > steps || (i > 0 && c <= checkpoints[i - 1]))) {
    throw new RangeError(`checkpoints must be ascending integers in [0, ${steps}]`);
  }
  if (spec.dim < 1 || !Number.isInteger(spec.dim)) throw new RangeError(`dim must be a positive integer, got ${spec.dim}`);
}

export interface ChunkPlan {
  chunkSize: number;
  blocksPerChunk: number;
  /** Checkpoints whose partials are kept on the GPU between readbacks. */
  slots: number;
  stepsPerDispatch: number;
  tracked: number;
}

/**
 * Chooses chunk size (a multiple of the reduction block, within the buffer
 * limits), partial slots and steps per dispatch. None of these change any
 * result: only how the work is cut.
 */
export function resolveChunking(spec: EnsembleSpec, options: EnsembleOptions, limits: GPUSupportedLimits): ChunkPlan {
  const bytesPerTrajectory = Math.max(spec.dim * 4, RECORD_WORDS * 4);
  const bufferCap = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const byLimits = Math.floor(bufferCap / bytesPerTrajectory / REDUCE_BLOCK) * REDUCE_BLOCK;
  const roundUp = (n: number) => Math.ceil(n / REDUCE_BLOCK) * REDUCE_BLOCK;
  const requested = options.chunkSize !== undefined ? roundUp(Math.max(1, options.chunkSize)) : DEFAULT_MAX_CHUNK;
  const tracked = Math.min(options.trackTrajectories ?? 0, spec.trajectories);
  let chunkSize = Math.min(requested, byLimits, roundUp(spec.trajectories));
  if (tracked > chunkSize) {
    throw new RangeError(`trackTrajectories (${tracked}) must fit in one chunk (${chunkSize} trajectories)`);
  }
  chunkSize = Math.max(chunkSize, REDUCE_BLOCK);
  const blocksPerChunk = chunkSize / REDUCE_BLOCK;
  const slotBytes = blocksPerChunk * partialWords(spec.dim) * 4;
  const slots = Math.max(1, Math.min(spec.checkpoints.length, Math.floor(PARTIAL_BUDGET_BYTES / slotBytes)));
  const byWork = Math.max(1, Math.floor(DISPATCH_TRAJECTORY_STEPS / (Math.min(chunkSize, spec.trajectories) * Math.max(1, spec.dim / 4))));
  const stepsPerDispatch = Math.max(1, Math.min(options.stepsPerDispatch ?? Infinity, byWork));
  return { chunkSize, blocksPerChunk, slots, stepsPerDispatch, tracked };
}
