/**
 * The random stream layout — which Threefry counter each random number comes
 * from. The TypeScript twin of `shaders/lib/rng_streams.wgsl` and
 * `shaders/lib/trajectory.wgsl`.
 *
 * Generator (version {@link RNG_STREAM_VERSION}): Threefry4x32-20
 * (`./threefry`), chosen over version 1's Philox4x32-10 because it is
 * faster in WGSL on both software paths (docs/results/rng-generators.md).
 *
 * Key: [k0, k1, k2, k3] = [{@link keyFromSeed}(seed)[0], …[1], replica, 0].
 * The replica is 0 except where a run asks for noise independent of another
 * run with the same seed (an uncoupled sweep value, a multilevel Monte Carlo
 * level); k3 is reserved and 0.
 *
 * Counter of the Brownian increments (purpose NOISE), packed densely on the
 * experiment's finest time grid: normal number n = j·d + i (fine step j,
 * coordinate i of d) is word n mod 4 of NOISE block b = ⌊n/4⌋, and
 *
 * | word | content                                        |
 * | ---- | ---------------------------------------------- |
 * | c0   | trajectory index, low 32 bits                  |
 * | c1   | b mod 2^32                                     |
 * | c2   | `NOISE << 16 \| ⌊b / 2^32⌋` (NOISE = 0)         |
 * | c3   | trajectory index, high bits (traj / 2^32)       |
 *
 * Fine steps below 2^32 and d ≤ 2^16 give n < 2^48, b < 2^46, so ⌊b/2^32⌋
 * fits c2's 16 low bits: no two (trajectory, fine step, coordinate) share a
 * word. A step of 2^r fine steps uses, per coordinate, the sum of its 2^r
 * fine normals times 2^(−r/2) ({@link brownianIncrementInto}).
 *
 * Counter of every other purpose (one block of 4 words per (step, purpose,
 * block), as in version 1):
 *
 * | word | content                                        |
 * | ---- | ---------------------------------------------- |
 * | c0   | trajectory index, low 32 bits                  |
 * | c1   | step index                                     |
 * | c2   | `purpose << 16 \| block` (block: draw block)    |
 * | c3   | trajectory index, high bits (traj / 2^32)       |
 *
 * Every number is a pure function of (seed, replica, trajectory, step or
 * fine-grid index, purpose, block), never of a thread id, chunk or dispatch
 * order, and adding draws to one purpose never shifts another.
 *
 * @module
 */
import { threefry4x32_20Into } from './threefry';
import { normalFromWord, uniformFromWord } from './random';
import type { RngKey } from './seed';

/**
 * Version of the stream contract (generator, counter layout, key derivation,
 * word → uniform/normal maps). Mirrored as `RNG_STREAM_VERSION` in WGSL;
 * golden values in test/rng/golden.cpu.test.ts pin it. Bump it whenever
 * users' numbers would change. Version 1 (Philox4x32-10, one NOISE block per
 * step) results stay readable; version 1 checkpoints cannot be continued.
 */
export const RNG_STREAM_VERSION = 2;

/**
 * Purposes of random draws (the high 16 bits of c2), mirrored in WGSL as
 * `RNG_PURPOSE_NOISE`, … . Each purpose has its own counter space.
 */
export const RngPurpose = {
  /** Brownian increments / diffusion noise, packed densely on the finest grid. */
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
  /** The extra normals of an SDE model's substeps inside one step of its method. */
  SUBSTEP: 6,
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
 * The counter [c0, c1, c2, c3] of (trajectory, step, purpose, block):
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
 * Writes the 4 raw Threefry words of (key, traj, step, purpose, block) into
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
  replica = 0,
): Uint32Array {
  checkArgs(traj, step, purpose, block);
  checkReplica(replica);
  return threefry4x32_20Into(traj >>> 0, step, (purpose << 16) | block, Math.floor(traj / TWO_32), key[0], key[1], replica, 0, out);
}

function checkReplica(replica: number): void {
  if (replica >>> 0 !== replica) throw new RangeError(`rng: replica must be a u32, got ${replica}`);
}

/** Blocks of the dense Brownian stream: b < 2^46 (fine steps < 2^32, d ≤ 2^16). */
const MAX_BROWNIAN_BLOCK = 2 ** 46;

/**
 * Writes the 4 raw words of NOISE block `block` of the dense Brownian stream
 * (normals n = j·d + i are word n mod 4 of block ⌊n/4⌋) into `out[0..3]`.
 *
 * @example
 * ```ts
 * const w = brownianWords4Into(keyFromSeed(1), 0, 0, new Uint32Array(4));
 * ```
 */
export function brownianWords4Into(key: RngKey, traj: number, block: number, out: Uint32Array, replica = 0): Uint32Array {
  if (!(Number.isSafeInteger(traj) && traj >= 0)) {
    throw new RangeError(`rng: trajectory index must be an integer in [0, 2^53), got ${traj}`);
  }
  if (!(Number.isSafeInteger(block) && block >= 0 && block < MAX_BROWNIAN_BLOCK)) {
    throw new RangeError(`rng: Brownian block must be an integer in [0, 2^46), got ${block}`);
  }
  checkReplica(replica);
  const hi = Math.floor(block / TWO_32);
  return threefry4x32_20Into(traj >>> 0, block >>> 0, (RngPurpose.NOISE << 16) | hi, Math.floor(traj / TWO_32), key[0], key[1], replica, 0, out);
}

/**
 * The unit Brownian increment of step k of a trajectory whose steps span 2^r
 * fine steps of the dense stream, d coordinates: coordinate i is
 * 2^(−r/2)·Σ_{m<2^r} N((k·2^r + m)·d + i), N(n) the normal of word n mod 4 of
 * block ⌊n/4⌋. The float64 twin of `lib/brownian.wgsl`, without its cache
 * (see {@link BrownianStream} for the cached hot path).
 *
 * @example
 * ```ts
 * const z = brownianIncrementInto(keyFromSeed(1), 0, 5, 1, 0, new Float64Array(1));
 * ```
 */
export function brownianIncrementInto(
  key: RngKey,
  traj: number,
  k: number,
  dim: number,
  refineLog2: number,
  out: Float64Array,
  replica = 0,
): Float64Array {
  return new BrownianStream(key, traj, dim, refineLog2, replica).incrementInto(k, out);
}

/**
 * One trajectory's dense Brownian stream with the last block kept, so
 * consecutive steps that share a block draw it once (as the kernel does).
 */
export class BrownianStream {
  private readonly words = new Uint32Array(4);
  private block = -1;
  private readonly fine: number;
  private readonly scale: number;

  constructor(
    readonly key: RngKey,
    readonly trajectory: number,
    readonly dim: number,
    readonly refineLog2 = 0,
    readonly replica = 0,
  ) {
    if (!(Number.isInteger(dim) && dim >= 1 && dim <= 65536)) throw new RangeError(`rng: Brownian dimension must be in [1, 2^16], got ${dim}`);
    if (!(Number.isInteger(refineLog2) && refineLog2 >= 0 && refineLog2 <= 31)) {
      throw new RangeError(`rng: fine steps per step must be 2^r with r in [0, 31], got r = ${refineLog2}`);
    }
    this.fine = 2 ** refineLog2;
    this.scale = 1 / Math.sqrt(this.fine);
  }

  /** Normal number n of the dense stream. */
  normal(n: number): number {
    const block = Math.floor(n / 4);
    if (block !== this.block) {
      brownianWords4Into(this.key, this.trajectory, block, this.words, this.replica);
      this.block = block;
    }
    return normalFromWord(this.words[n - 4 * block]);
  }

  /** The unit increment of step k (d normals) into `out[0..d−1]`. */
  incrementInto(k: number, out: Float64Array): Float64Array {
    const d = this.dim;
    if (!(Number.isSafeInteger(k) && k >= 0 && k * this.fine < TWO_32)) {
      throw new RangeError(`rng: step ${k} of ${this.fine} fine steps lies past fine step 2^32`);
    }
    out.fill(0, 0, d);
    const first = k * this.fine * d;
    for (let t = 0; t < this.fine * d; t++) out[t % d] += this.normal(first + t);
    if (this.fine > 1) for (let i = 0; i < d; i++) out[i] *= this.scale;
    return out;
  }
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
  replica = 0,
): Float64Array {
  rngWords4Into(key, traj, step, purpose, block, scratch, replica);
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
  replica = 0,
): T {
  rngWords4Into(key, traj, step, purpose, block, scratch, replica);
  out[offset] = uniformFromWord(scratch[0]);
  out[offset + 1] = uniformFromWord(scratch[1]);
  out[offset + 2] = uniformFromWord(scratch[2]);
  out[offset + 3] = uniformFromWord(scratch[3]);
  return out;
}
