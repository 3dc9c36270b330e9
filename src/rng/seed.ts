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
 * seedrandom's ARC4 generator seeded with the seed's text prefixed by its
 * length, `${s.length}:${s}` where s = String(seed):
 * `const r = seedrandom(\`${s.length}:${s}\`); k0 = r.int32() >>> 0; k1 = r.int32() >>> 0`.
 *
 * Numbers go through `String`, so `7` and `"7"` give the same key (and so do
 * `0.5` and `"0.5"`; `-0` and `0` too). Non-finite numbers are rejected,
 * since they usually mean a bug upstream. Part of the stream contract
 * (`RNG_STREAM_VERSION`): changing it changes users' numbers.
 *
 * Why the length prefix: seedrandom's ARC4 key schedule cycles its key, so
 * plain `String(seed)` would give `1`, `11` and `111` one key (and `12` and
 * `1212`, `"ab"` and `"abab"`). With the length in front, no seed is a
 * repetition of another's text, and seeds 0…99,999 give 100,000 distinct keys.
 *
 * @example
 * ```ts
 * const key = keyFromSeed('sdeflow');   // [3306361465, 3837861507]
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
  const text = String(seed);
  const r = seedrandom(`${text.length}:${text}`);
  const k0 = r.int32() >>> 0;
  const k1 = r.int32() >>> 0;
  return [k0, k1];
}
