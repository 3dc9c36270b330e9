/**
 * Threefry4x32-20, the counter-based generator of Salmon, Moraes, Dror and
 * Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11 (Random123),
 * built on the Threefish cipher of Skein — the bit-exact TypeScript twin of
 * `shaders/lib/threefry.wgsl`.
 *
 * A call maps a 128-bit counter and a 128-bit key to 128 random bits with
 * adds, rotations and xors only. Checked against the Random123 known-answer
 * vectors (test/fixtures/threefry-kat.json). The generator of random-number
 * stream version 2 (`./streams`); docs/results/rng-generators.md measures it
 * against version 1's Philox4x32-10 in WGSL.
 *
 * @module
 */

/** Skein key-schedule parity word for 32-bit Threefry (SKEIN_KS_PARITY32). */
export const THREEFRY_PARITY = 0x1bd11bda;

/**
 * Rotation constants R_32x4 of Random123, one pair per round mod 8: round r
 * rotates by `THREEFRY_ROTATIONS[r % 8]`.
 */
export const THREEFRY_ROTATIONS: readonly (readonly [number, number])[] = [
  [10, 26], [11, 21], [13, 27], [23, 5], [6, 20], [17, 11], [25, 10], [18, 20],
];

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

// Key schedule scratch (k0, k1, k2, k3, parity word), reused so a call allocates nothing.
const KS = new Int32Array(5);

/**
 * Allocation-free Threefry4x32-20: writes the four output words of
 * (counter [c0, c1, c2, c3], key [k0, k1, k2, k3]) into `out[0..3]`. All
 * inputs are taken modulo 2^32; the state is kept in int32.
 *
 * @example
 * ```ts
 * const out = new Uint32Array(4);
 * threefry4x32_20Into(0, 0, 0, 0, 0, 0, 0, 0, out);
 * out[0].toString(16); // '9c6ca96a' (Random123 KAT)
 * ```
 */
export function threefry4x32_20Into(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  k2: number,
  k3: number,
  out: Uint32Array,
): Uint32Array {
  const ks = KS;
  ks[0] = k0;
  ks[1] = k1;
  ks[2] = k2;
  ks[3] = k3;
  ks[4] = THREEFRY_PARITY ^ k0 ^ k1 ^ k2 ^ k3;
  let x0 = (c0 + ks[0]) | 0;
  let x1 = (c1 + ks[1]) | 0;
  let x2 = (c2 + ks[2]) | 0;
  let x3 = (c3 + ks[3]) | 0;
  // Five groups of four rounds; odd groups rotate by R0…R3, even ones by R4…R7
  // (THREEFRY_ROTATIONS, written out here for speed). Even rounds mix (x0, x1)
  // and (x2, x3), odd rounds (x0, x3) and (x2, x1). After group s, word i gets
  // ks[(s + i) mod 5] and word 3 also s.
  for (let s = 1; s <= 5; s++) {
    if (s & 1) {
      x0 = (x0 + x1) | 0; x1 = rotl(x1, 10) ^ x0;
      x2 = (x2 + x3) | 0; x3 = rotl(x3, 26) ^ x2;
      x0 = (x0 + x3) | 0; x3 = rotl(x3, 11) ^ x0;
      x2 = (x2 + x1) | 0; x1 = rotl(x1, 21) ^ x2;
      x0 = (x0 + x1) | 0; x1 = rotl(x1, 13) ^ x0;
      x2 = (x2 + x3) | 0; x3 = rotl(x3, 27) ^ x2;
      x0 = (x0 + x3) | 0; x3 = rotl(x3, 23) ^ x0;
      x2 = (x2 + x1) | 0; x1 = rotl(x1, 5) ^ x2;
    } else {
      x0 = (x0 + x1) | 0; x1 = rotl(x1, 6) ^ x0;
      x2 = (x2 + x3) | 0; x3 = rotl(x3, 20) ^ x2;
      x0 = (x0 + x3) | 0; x3 = rotl(x3, 17) ^ x0;
      x2 = (x2 + x1) | 0; x1 = rotl(x1, 11) ^ x2;
      x0 = (x0 + x1) | 0; x1 = rotl(x1, 25) ^ x0;
      x2 = (x2 + x3) | 0; x3 = rotl(x3, 10) ^ x2;
      x0 = (x0 + x3) | 0; x3 = rotl(x3, 18) ^ x0;
      x2 = (x2 + x1) | 0; x1 = rotl(x1, 20) ^ x2;
    }
    x0 = (x0 + ks[s % 5]) | 0;
    x1 = (x1 + ks[(s + 1) % 5]) | 0;
    x2 = (x2 + ks[(s + 2) % 5]) | 0;
    x3 = (x3 + ks[(s + 3) % 5] + s) | 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

/**
 * Threefry4x32-20 of a 4-word counter and a 4-word key (words taken modulo
 * 2^32); returns a fresh `Uint32Array(4)`. For loops, prefer
 * {@link threefry4x32_20Into}.
 *
 * @example
 * ```ts
 * const x = threefry4x32_20([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
 *                           [0xa4093822, 0x299f31d0, 0x082efa98, 0xec4e6c89]);
 * x[0].toString(16); // '59cd1dbb' (Random123 KAT)
 * ```
 */
export function threefry4x32_20(ctr: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  if (ctr.length !== 4) throw new RangeError(`threefry4x32_20: counter needs 4 words, got ${ctr.length}`);
  if (key.length !== 4) throw new RangeError(`threefry4x32_20: key needs 4 words, got ${key.length}`);
  return threefry4x32_20Into(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], key[2], key[3], new Uint32Array(4));
}
