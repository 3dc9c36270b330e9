/**
 * The random stream layout — which Philox counter each random number comes
 * from. The TypeScript twin of `shaders/lib/rng_streams.wgsl`.
 *
 * Counter layout (version {@link RNG_STREAM_VERSION}):
 *
 * | word | content                                        |
 * | ---- | ---------------------------------------------- |
 * | c0   | trajectory index, low 32 bits                  |
 * | c1   | step index on the finest time grid             |
 * | c2   | `purpose << 16 \| block` (block: draw block)    |
 * | c3   | trajectory index, high bits (traj / 2^32)       |
 *
 * Key: {@link keyFromSeed}. One Philox call gives 4 words, hence 4 uniforms
 * or 4 normals per (trajectory, step, purpose, block); a consumer needing
 * more numbers per step uses blocks 0, 1, 2, …. Every number is a pure
 * function of (seed, trajectory, step, purpose, block), never of a thread
 * id, chunk or dispatch order, and adding draws to one purpose never shifts
 * another.
 *
 * @module
 */
import { philox4x32_10Into } from './philox';
import { normalFromWord, uniformFromWord } from './random';
import type { RngKey } from './seed';

/**
 * Version of the stream contract (counter layout, key derivation, word →
 * uniform/normal maps). Mirrored as `RNG_STREAM_VERSION` in WGSL; golden
 * values in test/rng/golden.cpu.test.ts pin it. Bump it whenever users'
 * numbers would change.
 */
export const RNG_STREAM_VERSION = 1;

/**
 * Purposes of random draws (the high 16 bits of c2), mirrored in WGSL as
 * `RNG_PURPOSE_NOISE`, … . Each purpose has its own counter space.
 */
export const RngPurpose = {
  /** Brownian increments / diffusion noise. */
  NOISE: 0,
  /** Minibatch sampling. */
  MINIBATCH: 1,
  /** Random initial states. */
  INIT: 2,
  /** Random step-size factors (schedules' `randomScale`). */
  STEPSIZE: 3,
  /** Regime / switching decisions. */
  SWITCH: 4,
  /** Brownian-bridge refinement. */
  BRIDGE: 5,
  /** Tests and probes only; never used by a model. */
  TEST: 0xffff,
} as const;

/** The name of a purpose, e.g. `'NOISE'`. */
export type RngPurposeName = keyof typeof RngPurpose;
/** A purpose's numeric value (16 bits). */
export type RngPurposeValue = (typeof RngPurpose)[RngPurposeName];

const TWO_32 = 2 ** 32;

function checkArgs(traj: number, step: number, purpose: number, block: number): void {
  if (!(Number.isSafeInteger(traj) && traj >= 0)) {
    throw new RangeError(`rng: trajectory index must be an integer in [0, 2^53), got ${traj}`);
  }
  if (step >>> 0 !== step) throw new RangeError(`rng: step must be a u32, got ${step}`);
  if ((purpose & 0xffff) !== purpose) throw new RangeError(`rng: purpose must be 16 bits, got ${purpose}`);
  if ((block & 0xffff) !== block) throw new RangeError(`rng: block must be 16 bits, got ${block}`);
}

/**
 * The Philox counter [c0, c1, c2, c3] of (trajectory, step, purpose, block):
 * c0 = traj mod 2^32, c1 = step, c2 = purpose << 16 | block,
 * c3 = ⌊traj / 2^32⌋. `traj` is an integer below 2^53, `step` a u32,
 * `purpose` and `block` 16-bit; anything else throws.
 *
 * @example
 * ```ts
 * rngCounter(2 ** 32 + 5, 7, RngPurpose.NOISE, 3); // [5, 7, 3, 1]
 * ```
 */
export function rngCounter(
  traj: number,
  step: number,
  purpose: number,
  block: number,
): [number, number, number, number] {
  checkArgs(traj, step, purpose, block);
  return [traj >>> 0, step, ((purpose << 16) | block) >>> 0, Math.floor(traj / TWO_32)];
}

/**
 * Writes the 4 raw Philox words of (key, traj, step, purpose, block) into
 * `out[0..3]` without allocating.
 *
 * @example
 * ```ts
 * const w = rngWords4Into(keyFromSeed(1), 0, 0, RngPurpose.TEST, 0, new Uint32Array(4));
 * ```
 */
export function rngWords4Into(
  key: RngKey,
  traj: number,
  step: number,
  purpose: number,
  block: number,
  out: Uint32Array,
): Uint32Array {
  checkArgs(traj, step, purpose, block);
  return philox4x32_10Into(
    traj >>> 0,
    step,
    (purpose << 16) | block,
    Math.floor(traj / TWO_32),
    key[0],
    key[1],
    out,
  );
}

const scratch = new Uint32Array(4);

/**
 * The CPU reference's hot path: writes the 4 standard normals of
 * (key, traj, step, purpose, block) into `out[offset..offset+3]`, the
 * float64 twins of WGSL `rng_normal4` (same words, same PPND7 formula; they
 * differ from the GPU's only by f32 rounding). No allocation.
 *
 * @example
 * ```ts
 * const z = new Float64Array(4);
 * normals4Into(keyFromSeed('sdeflow'), 0, 0, RngPurpose.NOISE, 0, z, 0);
 * ```
 */
export function normals4Into(
  key: RngKey,
  traj: number,
  step: number,
  purpose: number,
  block: number,
  out: Float64Array,
  offset = 0,
): Float64Array {
  rngWords4Into(key, traj, step, purpose, block, scratch);
  out[offset] = normalFromWord(scratch[0]);
  out[offset + 1] = normalFromWord(scratch[1]);
  out[offset + 2] = normalFromWord(scratch[2]);
  out[offset + 3] = normalFromWord(scratch[3]);
  return out;
}

/**
 * Writes the 4 uniforms in (0, 1) of (key, traj, step, purpose, block) into
 * `out[offset..offset+3]`, bit-identical to WGSL `rng_uniform4` (each is an
 * exact f32). No allocation.
 *
 * @example
 * ```ts
 * const u = new Float64Array(4);
 * uniforms4Into(keyFromSeed(42), 3, 0, RngPurpose.STEPSIZE, 0, u, 0);
 * ```
 */
export function uniforms4Into<T extends Float64Array | Float32Array>(
  key: RngKey,
  traj: number,
  step: number,
  purpose: number,
  block: number,
  out: T,
  offset = 0,
): T {
  rngWords4Into(key, traj, step, purpose, block, scratch);
  out[offset] = uniformFromWord(scratch[0]);
  out[offset + 1] = uniformFromWord(scratch[1]);
  out[offset + 2] = uniformFromWord(scratch[2]);
  out[offset + 3] = uniformFromWord(scratch[3]);
  return out;
}
