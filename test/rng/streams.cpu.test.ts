import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { philox4x32_10 } from '../../src/rng/philox';
import { normalFromWord, uniformFromWord } from '../../src/rng/random';
import { keyFromSeed } from '../../src/rng/seed';
import {
  RNG_STREAM_VERSION,
  RngPurpose,
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
    expect(RngPurpose).toEqual({ NOISE: 0, MINIBATCH: 1, INIT: 2, STEPSIZE: 3, SWITCH: 4, BRIDGE: 5, TEST: 0xffff });
  });

  it('normals4Into and uniforms4Into map the 4 Philox words of the counter, writing at the offset', () => {
    const words = philox4x32_10(rngCounter(2 ** 33 + 17, 99, RngPurpose.INIT, 2), key);
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
    expect(lines[0]).toBe('// #include "lib/philox.wgsl"');
    expect(lines[1]).toBe('// #include "lib/random.wgsl"');
    expect(wgsl).toContain(`const RNG_STREAM_VERSION: u32 = ${RNG_STREAM_VERSION}u;`);
    const declared = [...wgsl.matchAll(/const RNG_PURPOSE_([A-Z]+): u32 = (0x[0-9A-Fa-f]+|\d+)u;/g)].map(
      (m) => [m[1], Number(m[2])] as const,
    );
    expect(Object.fromEntries(declared)).toEqual(RngPurpose);
    expect(wgsl).toMatch(/fn rng_counter\(traj_lo: u32, traj_hi: u32, step: u32, purpose: u32, block: u32\) -> vec4<u32>/);
  });
});
