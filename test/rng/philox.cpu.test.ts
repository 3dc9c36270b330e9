import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import kat from '../fixtures/philox-kat.json';
import {
  PHILOX_M0,
  PHILOX_M1,
  PHILOX_W0,
  PHILOX_W1,
  philox4x32_10,
  philox4x32_10Into,
  philoxMulhilo,
} from '../../src/rng/philox';
import { hex, toHex, xorshift32 } from '../support/test-words';

/** Independent Philox4x32-10 in BigInt, straight from Salmon et al. (SC'11). */
function philoxBigInt(ctr: number[], key: number[]): number[] {
  const mask = (1n << 32n) - 1n;
  let c = ctr.map(BigInt);
  const k = key.map(BigInt);
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k[0] = (k[0] + 0x9e3779b9n) & mask;
      k[1] = (k[1] + 0xbb67ae85n) & mask;
    }
    const p0 = 0xd2511f53n * c[0];
    const p1 = 0xcd9e8d57n * c[2];
    c = [((p1 >> 32n) ^ c[1] ^ k[0]) & mask, p1 & mask, ((p0 >> 32n) ^ c[3] ^ k[1]) & mask, p0 & mask];
  }
  return c.map(Number);
}

describe('Philox4x32-10 (Random123)', () => {
  it('the fixture holds six vectors, in test/fixtures/philox-kat.json', () => {
    expect(kat.algorithm).toBe('Philox4x32-10');
    expect(kat.vectors).toHaveLength(6);
  });

  it.each(kat.vectors.map((v, i) => [i, v] as const))('matches known-answer vector %i bit for bit', (_i, v) => {
    const out = philox4x32_10(v.counter.map(hex), v.key.map(hex));
    expect(Array.from(out, toHex)).toEqual(v.output);
    const into = philox4x32_10Into(
      hex(v.counter[0]), hex(v.counter[1]), hex(v.counter[2]), hex(v.counter[3]),
      hex(v.key[0]), hex(v.key[1]), new Uint32Array(4),
    );
    expect(Array.from(into, toHex)).toEqual(v.output);
  });

  it('agrees with an independent BigInt implementation on 2000 pseudo-random counters and keys', () => {
    const next = xorshift32(20240607);
    const out = new Uint32Array(4);
    for (let i = 0; i < 2000; i++) {
      const c = [next(), next(), next(), next()];
      const k = [next(), next()];
      philox4x32_10Into(c[0], c[1], c[2], c[3], k[0], k[1], out);
      expect(Array.from(out)).toEqual(philoxBigInt(c, k));
    }
  });

  it('philoxMulhilo gives the exact 64-bit product, including the extremes', () => {
    const next = xorshift32(7);
    const pairs: [number, number][] = [[0, 0], [0xffffffff, 0xffffffff], [0xffffffff, 1], [0x10000, 0x10000], [PHILOX_M0, 0xffffffff]];
    for (let i = 0; i < 10000; i++) pairs.push([next(), next()]);
    for (const [a, b] of pairs) {
      const p = BigInt(a) * BigInt(b);
      expect(philoxMulhilo(a, b)).toEqual([Number(p & 0xffffffffn), Number(p >> 32n)]);
    }
  });

  it('takes words modulo 2^32 and rejects counters or keys of the wrong length', () => {
    const a = philox4x32_10([-1, 2 ** 32 + 3, 5, 0], [1, 2]);
    const b = philox4x32_10([0xffffffff, 3, 5, 0], [1, 2]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(() => philox4x32_10([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => philox4x32_10([1, 2, 3, 4], [1])).toThrow(RangeError);
  });

  it('shaders/lib/philox.wgsl declares the same constants as the TypeScript twin', () => {
    const wgsl = readFileSync(new URL('../../shaders/lib/philox.wgsl', import.meta.url), 'utf8');
    const constant = (name: string): number => {
      const m = new RegExp(`const ${name}: u32 = (0x[0-9A-Fa-f]+)u;`).exec(wgsl);
      if (!m) throw new Error(`${name} not found in philox.wgsl`);
      return Number(m[1]);
    };
    expect(constant('PHILOX_M0')).toBe(PHILOX_M0);
    expect(constant('PHILOX_M1')).toBe(PHILOX_M1);
    expect(constant('PHILOX_W0')).toBe(PHILOX_W0);
    expect(constant('PHILOX_W1')).toBe(PHILOX_W1);
    expect(wgsl).toMatch(/fn philox_mulhilo\(a: u32, b: u32\) -> vec2<u32>/);
    expect(wgsl).toMatch(/fn philox4x32_10\(ctr: vec4<u32>, key: vec2<u32>\) -> vec4<u32>/);
  });
});
