import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import kat from '../fixtures/threefry-kat.json';
import { THREEFRY_PARITY, THREEFRY_ROTATIONS, threefry4x32_20, threefry4x32_20Into } from '../../src/rng/threefry';
import { hex, toHex, xorshift32 } from '../support/test-words';


/**
 * Independent Threefry4x32 in BigInt, straight from Salmon et al. (SC'11) and
 * Skein's Threefish: a generic round loop over a word array with the key
 * schedule as a 5-word table.
 */
function threefryBigInt(ctr: number[], key: number[], rounds = 20): number[] {
  const mask = (1n << 32n) - 1n;
  const rot: [number, number][] = [[10, 26], [11, 21], [13, 27], [23, 5], [6, 20], [17, 11], [25, 10], [18, 20]];
  const rotl = (x: bigint, r: number) => ((x << BigInt(r)) | (x >> BigInt(32 - r))) & mask;
  const ks = key.map(BigInt);
  ks.push(0x1bd11bdan ^ ks[0] ^ ks[1] ^ ks[2] ^ ks[3]);
  const x = ctr.map((c, i) => (BigInt(c) + ks[i]) & mask);
  for (let r = 0; r < rounds; r++) {
    const pairs: [number, number][] = r % 2 === 0 ? [[0, 1], [2, 3]] : [[0, 3], [2, 1]];
    pairs.forEach(([i, j], p) => {
      x[i] = (x[i] + x[j]) & mask;
      x[j] = rotl(x[j], rot[r % 8][p]) ^ x[i];
    });
    if (r % 4 === 3) {
      const s = (r + 1) / 4;
      for (let i = 0; i < 4; i++) x[i] = (x[i] + ks[(s + i) % 5]) & mask;
      x[3] = (x[3] + BigInt(s)) & mask;
    }
  }
  return x.map(Number);
}

describe('Threefry4x32-20 (Random123)', () => {
  it('the fixture holds six vectors, in test/fixtures/threefry-kat.json', () => {
    expect(kat.algorithm).toBe('Threefry4x32-20');
    expect(kat.vectors).toHaveLength(6);
  });

  it.each(kat.vectors.map((v, i) => [i, v] as const))('matches known-answer vector %i bit for bit', (_i, v) => {
    const out = threefry4x32_20(v.counter.map(hex), v.key.map(hex));
    expect(Array.from(out, toHex)).toEqual(v.output);
    const [c0, c1, c2, c3] = v.counter.map(hex);
    const [k0, k1, k2, k3] = v.key.map(hex);
    const into = threefry4x32_20Into(c0, c1, c2, c3, k0, k1, k2, k3, new Uint32Array(4));
    expect(Array.from(into, toHex)).toEqual(v.output);
  });

  it('the BigInt reference reproduces Random123’s 13- and 72-round vectors (so it is a faithful second implementation)', () => {
    const pi = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];
    const piKey = [0xa4093822, 0x299f31d0, 0x082efa98, 0xec4e6c89];
    expect(threefryBigInt(pi, piKey, 13).map(toHex)).toEqual(['4aa71d8f', '734738c2', '431fc6a8', 'ae6debf1']);
    expect(threefryBigInt(pi, piKey, 72).map(toHex)).toEqual(['09930adf', '7f27bd55', '9ed68ce1', '97f803f6']);
  });

  it('agrees with the independent BigInt implementation on 2000 pseudo-random counters and keys', () => {
    const next = xorshift32(20261207);
    const out = new Uint32Array(4);
    for (let i = 0; i < 2000; i++) {
      const c = [next(), next(), next(), next()];
      const k = [next(), next(), next(), next()];
      threefry4x32_20Into(c[0], c[1], c[2], c[3], k[0], k[1], k[2], k[3], out);
      expect(Array.from(out)).toEqual(threefryBigInt(c, k));
    }
  });

  it('takes words modulo 2^32 and rejects counters or keys of the wrong length', () => {
    const a = threefry4x32_20([-1, 2 ** 32 + 3, 5, 0], [1, 2, -2, 0]);
    const b = threefry4x32_20([0xffffffff, 3, 5, 0], [1, 2, 0xfffffffe, 0]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(() => threefry4x32_20([1, 2, 3], [1, 2, 3, 4])).toThrow(/counter needs 4 words, got 3/);
    expect(() => threefry4x32_20([1, 2, 3, 4], [1, 2])).toThrow(/key needs 4 words, got 2/);
  });

  it('shaders/lib/threefry.wgsl uses the same parity word and rotation constants, in order', () => {
    const wgsl = readFileSync(new URL('../../shaders/lib/threefry.wgsl', import.meta.url), 'utf8');
    const parity = /const THREEFRY_PARITY: u32 = (0x[0-9A-Fa-f]+)u;/.exec(wgsl);
    expect(parity && Number(parity[1])).toBe(THREEFRY_PARITY);
    const body = (name: string): string => {
      const m = new RegExp(`fn ${name}\\(v: vec4<u32>\\) -> vec4<u32> \\{([^}]*)\\}`).exec(wgsl);
      if (!m) throw new Error(`fn ${name} not found in threefry.wgsl`);
      return m[1];
    };
    const rotations = [...(body('threefry_rounds_0_3') + body('threefry_rounds_4_7')).matchAll(/threefry_rotl\(x\.[xyzw], (\d+)u\)/g)].map((m) => Number(m[1]));
    expect(rotations).toEqual(THREEFRY_ROTATIONS.flat());
    expect(wgsl).toMatch(/fn threefry4x32_20\(ctr: vec4<u32>, key: vec4<u32>\) -> vec4<u32>/);
  });
});
