/**
 * Byte layouts shared with the WGSL kernels, and the structural constants of
 * the ensemble kernels. RunControl mirrors `struct RunControl` in
 * shaders/lib/ensemble_bindings.wgsl; ReduceControl and LevelControl mirror
 * the ones in shaders/reduce/statistics.wgsl and shaders/reduce/level_difference.wgsl
 * (offsets tested in test/compose).
 */

/** Trajectories per reduction block: a constant, so partials never depend on the chunk size. */
export const REDUCE_BLOCK = 256;
/** Threads per reduction workgroup (each folds REDUCE_BLOCK / REDUCE_THREADS trajectories). */
export const REDUCE_THREADS = 64;
/** Invocations per workgroup of the initialize and integrate kernels. */
export const WORKGROUP_SIZE = 64;
/** u32 words per trajectory record: word 0 is the divergence step, word 1 the first exit step (escape observer). */
export const RECORD_WORDS = 2;

/** RunControl's 11 words, rounded up to its WGSL struct alignment (8, for vec2 key). */
export const RUN_CONTROL_BYTES = 48;
export const REDUCE_CONTROL_BYTES = 32;
/** LevelControl's 8 words (shaders/reduce/level_difference.wgsl). */
export const LEVEL_CONTROL_BYTES = 32;

/** Passes of the loop canary that ends every ensemble kernel (shaders/lib/loop_canary.wgsl). */
export const LOOP_CANARY_TRIPS = 2;
/** u32 words of the loop-cuts buffer: 0 initialize/integrate, 1 reduce. */
export const LOOP_CUT_WORDS = 2;
/** A loop-cuts word while no invocation was cut. */
export const NO_LOOP_CUT = 0xffffffff;

export interface RunControl {
  key: readonly [number, number];
  offset: number;
  count: number;
  stepBegin: number;
  stepCount: number;
  groupsX: number;
  /** A loop-budget probe: first exits do not stop trajectories (DeviceChunk's probe). */
  probe?: boolean;
  /** The run's noise replica, the generator's key word k2 (src/rng/streams.ts); 0 by default. */
  replica?: number;
}

/**
 * Packs RunControl: key (0, 4), offset lo/hi (8, 12), count (16), step_begin (20), step_count (24),
 * groups_x (28), canary_trips (32), probe (36), replica (40), padding (44).
 */
export function packRunControl(c: RunControl): Uint32Array<ArrayBuffer> {
  return new Uint32Array([c.key[0], c.key[1], c.offset >>> 0, Math.floor(c.offset / 2 ** 32), c.count, c.stepBegin, c.stepCount, c.groupsX, LOOP_CANARY_TRIPS, c.probe ? 1 : 0, c.replica ?? 0, 0]);
}

export interface ReduceControl {
  count: number;
  groupsX: number;
  outBlock: number;
  step: number;
  countersAt: number;
  lastCheckpoint: boolean;
}

/**
 * Packs ReduceControl (shaders/reduce/statistics.wgsl): count (0), groups_x (4), out_block (8),
 * record_words (12), step (16), counters_at (20), last_checkpoint (24), canary_trips (28).
 */
export function packReduceControl(c: ReduceControl): Uint32Array<ArrayBuffer> {
  return new Uint32Array([c.count, c.groupsX, c.outBlock, RECORD_WORDS, c.step, c.countersAt, c.lastCheckpoint ? 1 : 0, LOOP_CANARY_TRIPS]);
}

export interface LevelControl {
  count: number;
  groupsX: number;
  coarseFirst: number;
  hasCoarse: boolean;
  /** The fine run's last step (named by a LoopCutError). */
  step: number;
  /** First word of the coarse records in the coarse buffer (after capacity × d state words). */
  coarseRecordsAt: number;
}

/**
 * Packs LevelControl (shaders/reduce/level_difference.wgsl): count (0), groups_x (4), coarse_first (8),
 * record_words (12), has_coarse (16), canary_trips (20), step (24), coarse_records_at (28).
 */
export function packLevelControl(c: LevelControl): Uint32Array<ArrayBuffer> {
  return new Uint32Array([c.count, c.groupsX, c.coarseFirst, RECORD_WORDS, c.hasCoarse ? 1 : 0, LOOP_CANARY_TRIPS, c.step, c.coarseRecordsAt]);
}

/**
 * Workgroup grid for `groups` workgroups: 1-D up to the per-dimension limit,
 * else 2-D (rows of `x`), since WebGPU caps each dimension (65,535 by default).
 */
export function dispatchGrid(groups: number, maxPerDimension: number): { x: number; y: number } {
  if (groups <= maxPerDimension) return { x: Math.max(groups, 1), y: 1 };
  const y = Math.ceil(groups / maxPerDimension);
  return { x: Math.ceil(groups / y), y };
}
