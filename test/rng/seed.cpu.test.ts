import { describe, expect, it } from 'vitest';
import { keyFromSeed } from '../../src/rng/seed';

describe('keyFromSeed', () => {
  it('is deterministic: the same seed always gives the same two u32 words', () => {
    for (const seed of ['sdeflow', '', 'β-seed ✓', 0, 42, 2 ** 40, -3.5]) {
      const a = keyFromSeed(seed);
      const b = keyFromSeed(seed);
      expect(a).toEqual(b);
      expect(a).toHaveLength(2);
      for (const w of a) expect(w >>> 0).toBe(w);
    }
  });

  it('gives different keys for different seeds that are not repetitions of one another (1000 numbers, 1000 strings)', () => {
    const seen = new Set<string>();
    for (let i = 1000; i < 2000; i++) {
      seen.add(keyFromSeed(i).join(','));
      seen.add(keyFromSeed(`seed-${i}`).join(','));
    }
    expect(seen.size).toBe(2000);
  });

  it('gives distinct keys to a seed and its repetitions (the length prefix defeats ARC4 key cycling): 1, 11, 111; ab, abab', () => {
    expect(keyFromSeed(11)).not.toEqual(keyFromSeed(1));
    expect(keyFromSeed(111)).not.toEqual(keyFromSeed(1));
    expect(keyFromSeed(1212)).not.toEqual(keyFromSeed(12));
    expect(keyFromSeed('abab')).not.toEqual(keyFromSeed('ab'));
  });

  it('gives 100,000 distinct keys to the seeds 0…99,999', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(keyFromSeed(i).join(','));
    expect(seen.size).toBe(100_000);
  });

  it('maps a number and its decimal string to the same key (7 and "7")', () => {
    expect(keyFromSeed(7)).toEqual(keyFromSeed('7'));
    expect(keyFromSeed(0.5)).toEqual(keyFromSeed('0.5'));
    expect(keyFromSeed(7)).not.toEqual(keyFromSeed('7 '));
  });

  it('is the first two seedrandom int32 outputs of `${length}:${seed}`, as pinned by these values', () => {
    expect(keyFromSeed('sdeflow')).toEqual([3306361465, 3837861507]);
    expect(keyFromSeed(42)).toEqual([673810815, 2139357958]);
  });

  it('rejects non-finite numbers', () => {
    expect(() => keyFromSeed(NaN)).toThrow(RangeError);
    expect(() => keyFromSeed(Infinity)).toThrow(RangeError);
  });
});
