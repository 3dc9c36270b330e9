/**
 * Byte layouts shared with the WGSL kernels, and the structural constants of
 * the ensemble kernels. RunControl mirrors `struct RunControl` in
 * shaders/lib/ensemble_bindings.wgsl; ReduceControl mirrors the one in
 * shaders/reduce/moments.wgsl (offsets tested in test/compose).
 */

/** Trajectories per reduction block: a constant, so partials never depend on the chunk size. */
export const REDUCE_BLOCK = 256;
/** Threads per reduction workgroup (each folds REDUCE_BLOCK / REDUCE_THREADS trajectories). */
export const REDUCE_THREADS = 64;
/** Invocations per workgroup of the initialize and integrate kernels. */
export const WORKGROUP_SIZE = 64;
/** u32 words per trajectory record: word 0 is the divergence step, word 1 the first exit step (escape observer). */
export const RECORD_WORDS = 2;

export const RUN_CONTROL_BYTES = 32;
export const REDUCE_CONTROL_BYTES = 32;

export interface RunControl {
  key: readonly [number, number];
  offset: number;
  count: number;
  stepBegin: number;
  stepCount: number;
  groupsX: number;
}

/** Packs RunControl: key (0, 4), offset lo/hi (8, 12), count (16), step_begin (20), step_count (24), groups_x (28). */
export function packRunControl(c: RunControl): Uint32Array<ArrayBuffer> {
  return new Uint32Array([c.key[0], c.key[1], c.offset >>> 0, Math.floor(c.offset / 2 ** 32), c.count, c.stepBegin, c.stepCount, c.groupsX]);
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
 * record_words (12), step (16), counters_at (20), last_checkpoint (24), pad (28).
 */
export function packReduceControl(c: ReduceControl): Uint32Array<ArrayBuffer> {
  return new Uint32Array([c.count, c.groupsX, c.outBlock, RECORD_WORDS, c.step, c.countersAt, c.lastCheckpoint ? 1 : 0, 0]);
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
