/**
 * From a run's seed to the 64-bit Philox key.
 *
 * @module
 */
import seedrandom from 'seedrandom';

/** A Philox4x32 key: two u32 words [k0, k1]. */
export type RngKey = readonly [number, number];

/**
 * The 64-bit Philox key of a seed: the first two 32-bit outputs of
 * seedrandom's ARC4 generator seeded with `String(seed)`:
 * `const r = seedrandom(String(seed)); k0 = r.int32() >>> 0; k1 = r.int32() >>> 0`.
 *
 * Numbers go through `String`, so `7` and `"7"` give the same key (and so do
 * `0.5` and `"0.5"`; `-0` and `0` too). Non-finite numbers are rejected,
 * since they usually mean a bug upstream. Part of the stream contract
 * (`RNG_STREAM_VERSION`): changing it changes users' numbers.
 *
 * Limitation (stream version 1): seedrandom's ARC4 repeats its key over 256
 * bytes, so a seed and its repetitions give the same key — `1`, `11` and
 * `111` are one key, as are `12` and `1212`, or `"ab"` and `"abab"`. Choose
 * seeds that are not repetitions of each other (e.g. 1000, 1001, …, or
 * `"run-1"`, `"run-2"`, … ).
 *
 * @example
 * ```ts
 * const key = keyFromSeed('sdeflow');   // [3077396224, 3724833069]
 * keyFromSeed(7); // same as keyFromSeed('7')
 * ```
 */
export function keyFromSeed(seed: string | number): [number, number] {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`keyFromSeed: seed must be a finite number or a string, got ${seed}`);
  }
  if (typeof seed !== 'number' && typeof seed !== 'string') {
    throw new TypeError(`keyFromSeed: seed must be a string or a number, got ${typeof seed}`);
  }
  const r = seedrandom(String(seed));
  const k0 = r.int32() >>> 0;
  const k1 = r.int32() >>> 0;
  return [k0, k1];
}
