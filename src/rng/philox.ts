/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw,
 * "Parallel random numbers: as easy as 1, 2, 3", SC'11 (Random123) — the
 * bit-exact TypeScript twin of `shaders/lib/philox.wgsl`.
 *
 * A Philox call maps a 128-bit counter and a 64-bit key to 128 random bits;
 * it has no state, so every number is a pure function of (key, counter).
 * Checked against the Random123 known-answer vectors
 * (test/fixtures/philox-kat.json).
 *
 * @module
 */

/** Philox4x32 multiplier for the counter word pair (c0, c1). */
export const PHILOX_M0 = 0xd2511f53;
/** Philox4x32 multiplier for the counter word pair (c2, c3). */
export const PHILOX_M1 = 0xcd9e8d57;
/** Weyl increment of key word 0 per round (golden ratio, 2^32 / φ). */
export const PHILOX_W0 = 0x9e3779b9;
/** Weyl increment of key word 1 per round (√3 − 1)·2^32. */
export const PHILOX_W1 = 0xbb67ae85;

// Multipliers split into 16-bit limbs.
const M0_LO = PHILOX_M0 & 0xffff;
const M0_HI = PHILOX_M0 >>> 16;
const M1_LO = PHILOX_M1 & 0xffff;
const M1_HI = PHILOX_M1 >>> 16;

/**
 * High word of the 64-bit product (aHi·2^16 + aLo)·b, from 16-bit limbs in
 * int32 arithmetic — the same route as WGSL `philox_mulhilo`: the four
 * limb products fit in 32 bits, and the carry out of bits 16–31 of the low
 * word is at most 3·(2^16 − 1). Returns the word as int32.
 */
function mulhiLimbs(aLo: number, aHi: number, b: number): number {
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const ll = Math.imul(aLo, bLo) >>> 0;
  const lh = Math.imul(aLo, bHi) >>> 0;
  const hl = Math.imul(aHi, bLo) >>> 0;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (Math.imul(aHi, bHi) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
}

/**
 * Exact 32×32→64-bit product of two u32 values, as `[lo, hi]` — the same
 * contract as WGSL `philox_mulhilo` (x = lo, y = hi).
 *
 * @example
 * ```ts
 * philoxMulhilo(0xffffffff, 0xffffffff); // [1, 0xfffffffe]
 * ```
 */
export function philoxMulhilo(a: number, b: number): [number, number] {
  return [Math.imul(a, b) >>> 0, mulhiLimbs(a & 0xffff, (a >>> 16) & 0xffff, b | 0) >>> 0];
}

/**
 * Allocation-free Philox4x32-10: writes the four output words of
 * (counter [c0, c1, c2, c3], key [k0, k1]) into `out[0..3]`. All inputs are
 * taken modulo 2^32. This is the CPU reference's hot path (about 0.1 µs a
 * call in Node 20 on one core): the state is kept in int32 so V8 never boxes
 * it, and the round loop is written out as in Random123.
 *
 * @example
 * ```ts
 * const out = new Uint32Array(4);
 * philox4x32_10Into(0, 0, 0, 0, 0, 0, out);
 * out[0].toString(16); // '6627e8d5' (Random123 KAT)
 * ```
 */
export function philox4x32_10Into(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): Uint32Array {
  c0 |= 0;
  c1 |= 0;
  c2 |= 0;
  c3 |= 0;
  k0 |= 0;
  k1 |= 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhiLimbs(M0_LO, M0_HI, c0);
    const lo0 = Math.imul(PHILOX_M0, c0);
    const hi1 = mulhiLimbs(M1_LO, M1_HI, c2);
    const lo1 = Math.imul(PHILOX_M1, c2);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    // Key schedule: bumped between rounds (the bump after round 10 is unused).
    k0 = (k0 + PHILOX_W0) | 0;
    k1 = (k1 + PHILOX_W1) | 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/**
 * Philox4x32-10 of a 4-word counter and a 2-word key (words taken modulo
 * 2^32); returns a fresh `Uint32Array(4)`. For loops, prefer
 * {@link philox4x32_10Into}.
 *
 * @example
 * ```ts
 * const x = philox4x32_10([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
 *                         [0xa4093822, 0x299f31d0]);
 * x[0].toString(16); // 'd16cfe09' (Random123 KAT)
 * ```
 */
export function philox4x32_10(ctr: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  if (ctr.length !== 4) throw new RangeError(`philox4x32_10: counter needs 4 words, got ${ctr.length}`);
  if (key.length !== 2) throw new RangeError(`philox4x32_10: key needs 2 words, got ${key.length}`);
  return philox4x32_10Into(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], new Uint32Array(4));
}
