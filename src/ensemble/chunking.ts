import type { EnsembleOptions, EnsembleSpec } from './ensemble-spec';
import type { StatisticsLayout } from '../stats/statistics-layout';
import { RECORD_WORDS, REDUCE_BLOCK, REDUCE_THREADS } from './layout';

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
 * result: only how the work is cut.
 */
export function resolveChunking(
  spec: EnsembleSpec,
  options: EnsembleOptions,
  limits: GPUSupportedLimits,
  maxLoopIterations: number | null = null,
  paramWords = 0,
  partialWords = 1 + 4 * spec.dim,
): ChunkPlan {
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
  const byLoopLimit = stepsWithinLoopLimit(spec.dim, maxLoopIterations, paramWords, spec.escape !== undefined);
  const stepsPerDispatch = Math.max(1, Math.min(options.stepsPerDispatch ?? Infinity, byWork, byLoopLimit));
  return { chunkSize, blocksPerChunk, slots, stepsPerDispatch, tracked };
}

/**
 * An upper bound on the dynamic loop iterations one step of the current
 * models runs if the compiler unrolls nothing: the step loop, the d×d loops of
 * a quadratic gradient and a full σ (2d²), the per-coordinate loops and the
 * Philox rounds (well within 16d + 16).
 */
export function loopIterationsPerStep(dim: number, escape = false): number {
  // The escape observer adds the region margin, its normal and nᵀΣn (d² + 6d).
  return 2 * dim * dim + 16 * dim + 16 + (escape ? dim * dim + 6 * dim : 0);
}

/** Steps one dispatch may take under an adapter's loop-iteration limit (Infinity without one). */
export function stepsWithinLoopLimit(dim: number, maxLoopIterations: number | null, paramWords: number, escape = false): number {
  if (maxLoopIterations === null) return Infinity;
  const fixed = paramWords + 2 * dim + 64; // copying the model and the state in and out
  const steps = Math.floor((maxLoopIterations - fixed) / loopIterationsPerStep(dim, escape));
  if (steps < 1) {
    throw new RangeError(
      `d = ${dim} is too large for this adapter: llvmpipe over OpenGL ES stops every loop after ${maxLoopIterations} iterations per invocation, ` +
        `and one step needs up to ${loopIterationsPerStep(dim, escape)}. Use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.`,
    );
  }
  return steps;
}

/**
 * An upper bound on the loop iterations one invocation of the reduction kernel
 * runs (shaders/reduce/statistics.wgsl): features, histograms, regions and
 * co-moments of its REDUCE_BLOCK / REDUCE_THREADS trajectories, with f(x)
 * costed as a dense quadratic (d² + d).
 */
export function reduceLoopIterations(layout: StatisticsLayout, regionLevels: number): number {
  const d = layout.dim;
  const loss = d * d + d;
  const perThread = REDUCE_BLOCK / REDUCE_THREADS;
  const features = layout.features + (layout.lossFeature < layout.features ? loss : 0) + (layout.distanceFeature < layout.features ? 2 * d : 0);
  const counters = layout.histogramFeatures + (layout.histogramFeatures > d ? loss : 0) + d + layout.regionNames.length * d + regionLevels * loss;
  const perTrajectory = 2 * d + features + counters;
  const tree = layout.features * (perThread + 8);
  const covariance = layout.covarianceDim ** 2 + (Math.ceil(layout.covarianceWords / REDUCE_THREADS) + 1) * REDUCE_BLOCK;
  return perThread * perTrajectory + tree + covariance;
}

/** Refuses statistics whose reduction cannot run under an adapter's loop-iteration limit. */
export function checkReduceLoopLimit(layout: StatisticsLayout, regionLevels: number, maxLoopIterations: number | null): void {
  if (maxLoopIterations === null) return;
  const needed = reduceLoopIterations(layout, regionLevels);
  if (needed > maxLoopIterations) {
    throw new RangeError(
      `the statistics asked for at d = ${layout.dim} need up to ${needed} loop iterations per reduction invocation, and llvmpipe over OpenGL ES stops every loop after ${maxLoopIterations}. ` +
        'Record fewer of covariance, loss and level regions, or use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.',
    );
  }
}
