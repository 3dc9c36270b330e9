import type { EnsembleOptions, EnsembleSpec } from './ensemble-spec';
import { RECORD_WORDS, REDUCE_BLOCK } from './layout';

/** Bytes of block partials kept on the GPU before one readback. */
const PARTIAL_BUDGET_BYTES = 8 * 2 ** 20;
/** Trajectory-steps per dispatch by default: long enough to amortize a submit, short enough for watchdogs and progress. */
const DISPATCH_TRAJECTORY_STEPS = 2 ** 26;
/** Largest buffer of one checkpoint's block partials. */
const MAX_PARTIAL_SLOT_BYTES = 64 * 2 ** 20;
/** Default cap on trajectories per chunk (keeps memory moderate on shared machines). */
const DEFAULT_MAX_CHUNK = 2 ** 22;

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
 * result: only how the work is cut. On an adapter that cuts loops short
 * (llvmpipe over OpenGL ES) the device chunk lowers the steps per dispatch to
 * what its loop-budget probe measures (loop-budget-probe.ts).
 */
export function resolveChunking(spec: EnsembleSpec, options: EnsembleOptions, limits: GPUSupportedLimits, partialWords = 1 + 4 * spec.dim): ChunkPlan {
  const bytesPerTrajectory = Math.max(spec.dim * 4, RECORD_WORDS * 4);
  const bufferCap = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const byLimits = Math.floor(bufferCap / bytesPerTrajectory / REDUCE_BLOCK) * REDUCE_BLOCK;
  const roundUp = (n: number) => Math.ceil(n / REDUCE_BLOCK) * REDUCE_BLOCK;
  const requested = options.chunkSize !== undefined ? roundUp(Math.max(1, options.chunkSize)) : DEFAULT_MAX_CHUNK;
  const tracked = Math.min(options.trackTrajectories ?? 0, spec.trajectories);
  // One checkpoint's block partials must fit one buffer (covariance partials are large).
  const byPartials = Math.floor(Math.min(bufferCap, MAX_PARTIAL_SLOT_BYTES) / (partialWords * 4)) * REDUCE_BLOCK;
  let chunkSize = Math.min(requested, byLimits, byPartials, roundUp(spec.trajectories));
  if (tracked > chunkSize) {
    throw new RangeError(`trackTrajectories (${tracked}) must fit in one chunk (${chunkSize} trajectories)`);
  }
  chunkSize = Math.max(chunkSize, REDUCE_BLOCK);
  const blocksPerChunk = chunkSize / REDUCE_BLOCK;
  const slotBytes = blocksPerChunk * partialWords * 4;
  const slots = Math.max(1, Math.min(spec.checkpoints.length, Math.floor(PARTIAL_BUDGET_BYTES / slotBytes)));
  const byWork = Math.max(1, Math.floor(DISPATCH_TRAJECTORY_STEPS / (Math.min(chunkSize, spec.trajectories) * Math.max(1, spec.dim / 4))));
  const stepsPerDispatch = Math.max(1, Math.min(options.stepsPerDispatch ?? Infinity, byWork));
  return { chunkSize, blocksPerChunk, slots, stepsPerDispatch, tracked };
}
