import type { EnsembleOptions, EnsembleSpec } from './ensemble-spec';
import type { StatisticsLayout } from '../stats/statistics-layout';
import type { ObjectiveLoopIterations } from '../objectives/objective-descriptor';
import { MAX_PRIVATE_MODEL_WORDS, specNoise, specStatisticsLayout } from './kernels';
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
  // Only a model small enough for private memory is copied in (a loop of paramWords trips); a larger one is read in place.
  const copiedWords = paramWords <= MAX_PRIVATE_MODEL_WORDS ? paramWords : 0;
  const byLoopLimit = stepsWithinLoopLimit(spec.dim, maxLoopIterations, copiedWords, specLoopIterationsPerStep(spec));
  const stepsPerDispatch = Math.max(1, Math.min(options.stepsPerDispatch ?? Infinity, byWork, byLoopLimit));
  return { chunkSize, blocksPerChunk, slots, stepsPerDispatch, tracked };
}

/**
 * An upper bound on the dynamic loop iterations one step runs, if the compiler
 * unrolls nothing, for models that declare no costs of their own: the step
 * loop, the d×d loops of a quadratic gradient and a full σ (2d²), the
 * per-coordinate loops and the Philox rounds (well within 16d + 16).
 */
export function loopIterationsPerStep(dim: number, escape = false): number {
  // The escape observer adds the region margin, its normal and nᵀΣn (d² + 6d).
  return 2 * dim * dim + 16 * dim + 16 + (escape ? dim * dim + 6 * dim : 0);
}

/** The loop costs of the spec's objective: its own, else a dense d×d quadratic's. */
export function objectiveLoopIterations(spec: EnsembleSpec): ObjectiveLoopIterations {
  const d = spec.dim;
  return spec.objective.descriptor.loopIterationsPerStep?.(spec.objective.value, d) ?? { grad: d * d, loss: d * d + d };
}

/**
 * An upper bound on the loop iterations of one step of the spec's model: 16d + 16
 * for the dynamics' per-coordinate loops and Philox rounds, the gradient oracle
 * (the noise module's declared cost, e.g. a mini-batch's b sample gradients and
 * Floyd's b² search, else the objective's gradient plus a d×d noise factor) and the
 * escape observer (d² + 6d, plus f and ∇f of a level region when the objective
 * declares their costs). Models that declare nothing get {@link loopIterationsPerStep}.
 */
export function specLoopIterationsPerStep(spec: EnsembleSpec): number {
  const d = spec.dim;
  const objective = objectiveLoopIterations(spec);
  const noise = specNoise(spec);
  const gradient = noise.descriptor.loopIterationsPerStep?.(noise.value, objective, d) ?? objective.grad + d * d;
  const declared = spec.objective.descriptor.loopIterationsPerStep !== undefined;
  const escape = spec.escape ? d * d + 6 * d + (declared ? objective.loss + objective.grad : 0) : 0;
  const own = spec.dynamics.descriptor.loopIterationsPerStep?.(spec.dynamics.value, d, objective);
  return (own ?? 16 * d + 16 + gradient) + escape;
}

/**
 * Steps one dispatch may take under an adapter's loop-iteration limit (Infinity
 * without one), given the loop iterations of one step (default: a dense
 * quadratic's, {@link loopIterationsPerStep}).
 */
export function stepsWithinLoopLimit(dim: number, maxLoopIterations: number | null, paramWords: number, perStep: number = loopIterationsPerStep(dim)): number {
  if (maxLoopIterations === null) return Infinity;
  const fixed = paramWords + 2 * dim + 64; // copying the model and the state in and out
  const steps = Math.floor((maxLoopIterations - fixed) / perStep);
  if (steps < 1) {
    throw new RangeError(
      `one step of this model (d = ${dim}) needs up to ${perStep} loop iterations, and llvmpipe over OpenGL ES stops every loop after ${maxLoopIterations} iterations per invocation: ` +
        'the model is too large for this adapter (a finite sum\'s full gradient costs about N·d, a mini-batch about b·d plus b² without replacement). ' +
        'Use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.',
    );
  }
  return steps;
}

/**
 * An upper bound on the loop iterations one invocation of the reduction kernel
 * runs (shaders/reduce/statistics.wgsl): features, histograms, regions and
 * co-moments of its REDUCE_BLOCK / REDUCE_THREADS trajectories, with f(x)
 * costed `lossIterations` (default: a dense quadratic's d² + d).
 */
export function reduceLoopIterations(layout: StatisticsLayout, regionLevels: number, lossIterations?: number): number {
  const d = layout.dim;
  const loss = lossIterations ?? d * d + d;
  const perThread = REDUCE_BLOCK / REDUCE_THREADS;
  // ‖∇f‖² and the smoothness cost a gradient (and a Hessian-vector product), costed like f.
  const derivatives = (layout.gradientFeature < layout.features ? loss + d : 0) + (layout.smoothnessFeature < layout.features ? 2 * loss + 2 * d : 0);
  const features = layout.features + (layout.lossFeature < layout.features ? loss : 0) + (layout.distanceFeature < layout.features ? 2 * d : 0) + derivatives;
  const counters = layout.histogramFeatures + (layout.histogramFeatures > d ? loss : 0) + d + layout.regionNames.length * d + regionLevels * loss;
  const perTrajectory = 2 * d + features + counters;
  const tree = layout.features * (perThread + 8);
  const covariance = layout.covarianceDim ** 2 + (Math.ceil(layout.covarianceWords / REDUCE_THREADS) + 1) * REDUCE_BLOCK;
  return perThread * perTrajectory + tree + covariance;
}

/** Refuses statistics whose reduction cannot run under an adapter's loop-iteration limit. */
export function checkReduceLoopLimit(layout: StatisticsLayout, regionLevels: number, maxLoopIterations: number | null, lossIterations?: number): void {
  if (maxLoopIterations === null) return;
  const needed = reduceLoopIterations(layout, regionLevels, lossIterations);
  if (needed > maxLoopIterations) {
    throw new RangeError(
      `the statistics asked for at d = ${layout.dim} need up to ${needed} loop iterations per reduction invocation, and llvmpipe over OpenGL ES stops every loop after ${maxLoopIterations}. ` +
        'Record fewer of covariance, loss and level regions, or use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.',
    );
  }
}
