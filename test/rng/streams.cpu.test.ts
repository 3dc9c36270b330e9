import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { threefry4x32_20 } from '../../src/rng/threefry';
import { normalFromWord, uniformFromWord } from '../../src/rng/random';
import { keyFromSeed } from '../../src/rng/seed';
import {
  BrownianStream,
  RNG_STREAM_VERSION,
  RngPurpose,
  brownianIncrementInto,
  brownianWords4Into,
  normals4Into,
  rngCounter,
  rngWords4Into,
  uniforms4Into,
} from '../../src/rng/streams';

const key = keyFromSeed('streams');

describe('stream layout', () => {
  it('puts trajectory low bits in c0, step in c1, purpose << 16 | block in c2, trajectory high bits in c3', () => {
    expect(rngCounter(0, 0, RngPurpose.NOISE, 0)).toEqual([0, 0, 0, 0]);
    expect(rngCounter(2 ** 32 + 5, 7, RngPurpose.NOISE, 3)).toEqual([5, 7, 3, 1]);
    expect(rngCounter(2 ** 53 - 1, 0xffffffff, RngPurpose.TEST, 0xffff)).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 2 ** 21 - 1]);
    expect(rngCounter(123, 4, RngPurpose.STEPSIZE, 9)).toEqual([123, 4, (3 << 16) | 9, 0]);
  });

  it('rejects arguments that would alias another counter', () => {
    expect(() => rngCounter(-1, 0, 0, 0)).toThrow(RangeError);
    expect(() => rngCounter(2 ** 53, 0, 0, 0)).toThrow(RangeError);
    expect(() => rngCounter(1.5, 0, 0, 0)).toThrow(RangeError);
    expect(() => rngCounter(0, 2 ** 32, 0, 0)).toThrow(RangeError);
    expect(() => rngCounter(0, 0, 0x10000, 0)).toThrow(RangeError);
    expect(() => rngCounter(0, 0, 0, 0x10000)).toThrow(RangeError);
    expect(() => normals4Into(key, 0, 0, 0, 65536, new Float64Array(4))).toThrow(RangeError);
  });

  it('has distinct 16-bit purposes, including TEST = 0xFFFF', () => {
    const values = Object.values(RngPurpose);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(v & 0xffff).toBe(v);
    expect(RngPurpose).toEqual({ NOISE: 0, MINIBATCH: 1, INIT: 2, STEPSIZE: 3, SWITCH: 4, BRIDGE: 5, SUBSTEP: 6, TEST: 0xffff });
  });

  it('normals4Into and uniforms4Into map the 4 Threefry words of the counter under key (k0, k1, replica, 0), writing at the offset', () => {
    const words = threefry4x32_20(rngCounter(2 ** 33 + 17, 99, RngPurpose.INIT, 2), [key[0], key[1], 0, 0]);
    const replica7 = threefry4x32_20(rngCounter(2 ** 33 + 17, 99, RngPurpose.INIT, 2), [key[0], key[1], 7, 0]);
    expect(Array.from(rngWords4Into(key, 2 ** 33 + 17, 99, RngPurpose.INIT, 2, new Uint32Array(4), 7))).toEqual(Array.from(replica7));
    expect(Array.from(rngWords4Into(key, 2 ** 33 + 17, 99, RngPurpose.INIT, 2, new Uint32Array(4)))).toEqual(Array.from(words));
    const z = new Float64Array(10);
    normals4Into(key, 2 ** 33 + 17, 99, RngPurpose.INIT, 2, z, 3);
    expect(Array.from(z.subarray(3, 7))).toEqual(Array.from(words, normalFromWord));
    expect(z[2]).toBe(0);
    expect(z[7]).toBe(0);
    const u = uniforms4Into(key, 2 ** 33 + 17, 99, RngPurpose.INIT, 2, new Float32Array(4));
    expect(Array.from(u)).toEqual(Array.from(words, uniformFromWord));
  });

  it('gives different numbers for each purpose, block, step, trajectory half and key', () => {
    const seen = new Set<number>();
    const z = new Float64Array(4);
    const variants: [readonly [number, number], number, number, number, number][] = [
      [key, 1, 2, 0, 0], [key, 1, 2, 1, 0], [key, 1, 2, 0, 1], [key, 1, 3, 0, 0],
      [key, 2 ** 32 + 1, 2, 0, 0], [keyFromSeed('other'), 1, 2, 0, 0],
    ];
    for (const [k, traj, step, purpose, block] of variants) {
      normals4Into(k, traj, step, purpose, block, z);
      seen.add(z[0]);
    }
    expect(seen.size).toBe(variants.length);
  });

  it('shaders/lib/rng_streams.wgsl mirrors RNG_STREAM_VERSION and every RngPurpose, and includes its libraries first', () => {
    const wgsl = readFileSync(new URL('../../shaders/lib/rng_streams.wgsl', import.meta.url), 'utf8');
    const lines = wgsl.split('\n');
    expect(lines[0]).toBe('// #include "lib/threefry.wgsl"');
    expect(lines[1]).toBe('// #include "lib/random.wgsl"');
    expect(wgsl).toContain(`const RNG_STREAM_VERSION: u32 = ${RNG_STREAM_VERSION}u;`);
    const declared = [...wgsl.matchAll(/const RNG_PURPOSE_([A-Z]+): u32 = (0x[0-9A-Fa-f]+|\d+)u;/g)].map(
      (m) => [m[1], Number(m[2])] as const,
    );
    expect(Object.fromEntries(declared)).toEqual(RngPurpose);
    expect(wgsl).toMatch(/fn rng_counter\(traj_lo: u32, traj_hi: u32, step: u32, purpose: u32, block: u32\) -> vec4<u32>/);
  });
});

describe('dense Brownian stream (version 2)', () => {
  it('normal n = j·d + i is word n mod 4 of NOISE block ⌊n/4⌋, whose counter is (traj lo, block lo, block hi, traj hi)', () => {
    const traj = 2 ** 32 + 9;
    const block = 2 ** 33 + 5;
    const words = threefry4x32_20([9, 5, 2, 1], [key[0], key[1], 0, 0]);
    expect(Array.from(brownianWords4Into(key, traj, block, new Uint32Array(4)))).toEqual(Array.from(words));
    // d = 3: step 5 covers normals 15, 16, 17 = word 3 of block 3, words 0 and 1 of block 4.
    const z = brownianIncrementInto(key, 11, 5, 3, 0, new Float64Array(3));
    const b3 = brownianWords4Into(key, 11, 3, new Uint32Array(4)).slice();
    const b4 = brownianWords4Into(key, 11, 4, new Uint32Array(4)).slice();
    expect(Array.from(z)).toEqual([normalFromWord(b3[3]), normalFromWord(b4[0]), normalFromWord(b4[1])]);
  });

  it('a step of 2^r fine steps is the sum of its fine increments over √(2^r): coarse paths are the fine path summed', () => {
    for (const d of [1, 2, 3, 5]) {
      const fine = new BrownianStream(key, 4, d, 0);
      const coarse = new BrownianStream(key, 4, d, 3);
      const zf = new Float64Array(d);
      const zc = new Float64Array(d);
      for (let k = 0; k < 5; k++) {
        coarse.incrementInto(k, zc);
        const sum = new Float64Array(d);
        for (let m = 0; m < 8; m++) {
          fine.incrementInto(8 * k + m, zf);
          for (let i = 0; i < d; i++) sum[i] += zf[i];
        }
        for (let i = 0; i < d; i++) expect(Math.abs(zc[i] - sum[i] / Math.sqrt(8)), `d = ${d}, k = ${k}, i = ${i}`).toBeLessThan(1e-14);
      }
    }
  });

  it('uses every word at d = 1: four consecutive steps are the four normals of one block', () => {
    const w = brownianWords4Into(key, 0, 6, new Uint32Array(4)).slice();
    const s = new BrownianStream(key, 0, 1);
    const z = new Float64Array(1);
    for (let lane = 0; lane < 4; lane++) expect(s.incrementInto(24 + lane, z)[0]).toBe(normalFromWord(w[lane]));
  });

  it('another replica (key word k2) gives independent numbers; NOISE never meets a per-step purpose of the same step', () => {
    const a = brownianIncrementInto(key, 3, 2, 4, 0, new Float64Array(4));
    const b = brownianIncrementInto(key, 3, 2, 4, 0, new Float64Array(4), 1);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(Array.from(brownianWords4Into(key, 3, 2, new Uint32Array(4)))).not.toEqual(Array.from(rngWords4Into(key, 3, 2, RngPurpose.INIT, 0, new Uint32Array(4))));
  });

  it('rejects blocks, steps, dimensions and refinements outside the documented field split', () => {
    expect(() => brownianWords4Into(key, 0, 2 ** 46, new Uint32Array(4))).toThrow(/\[0, 2\^46\)/);
    expect(() => new BrownianStream(key, 0, 65537)).toThrow(RangeError);
    expect(() => new BrownianStream(key, 0, 1, 32)).toThrow(RangeError);
    expect(() => new BrownianStream(key, 0, 1, 4).incrementInto(2 ** 28, new Float64Array(1))).toThrow(/past fine step 2\^32/);
    expect(() => rngWords4Into(key, 0, 0, 0, 0, new Uint32Array(4), -1)).toThrow(/replica/);
  });
});
