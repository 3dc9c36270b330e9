import { describe, expect, it } from 'vitest';
import kat from '../fixtures/philox-kat.json';
import { philox4x32_10 } from '../../src/rng/philox';
import { NORMAL_F32_MAX_ABS_DIFF, normalFromWord, uniformFromWord } from '../../src/rng/random';
import { probeRng } from '../support/gpu-probe';
import { testDevice } from '../support/gpu';

const hex = (words: string[]) => words.map((w) => parseInt(w, 16));

describe('Philox4x32-10 and its transforms on the GPU', () => {
  it('passes every known-answer vector on the GPU, bit for bit', async () => {
    const gpu = await testDevice();
    const items = kat.vectors.map((v) => ({ counter: hex(v.counter), key: hex(v.key) }));
    const out = await probeRng(gpu, items);
    kat.vectors.forEach((v, i) => {
      expect(Array.from(out.words.subarray(i * 4, i * 4 + 4))).toEqual(hex(v.output));
    });
  });

  it('matches the TypeScript mirror on 2^18 counters: words and uniforms bit-identical, normals within the f32 bound', async () => {
    const gpu = await testDevice();
    const n = 2 ** 18;
    const items = Array.from({ length: n }, (_, i) => ({
      counter: [i * 2654435761 >>> 0, i >>> 3, (i * 40503) >>> 0, 0xdeadbeef ^ i],
      key: [0x12345678 ^ (i >>> 10), 0x9abcdef0],
    }));
    const out = await probeRng(gpu, items);
    let wordMismatches = 0;
    let uniformMismatches = 0;
    let maxNormalDiff = 0;
    let maxAbsZ = 0;
    for (let i = 0; i < n; i++) {
      const expected = philox4x32_10(items[i].counter, items[i].key);
      for (let j = 0; j < 4; j++) {
        const w = expected[j];
        if (out.words[i * 4 + j] !== w) wordMismatches++;
        if (out.uniforms[i * 4 + j] !== Math.fround(uniformFromWord(w))) uniformMismatches++;
        const z = normalFromWord(w);
        maxAbsZ = Math.max(maxAbsZ, Math.abs(z));
        if (Math.abs(z) < 6) maxNormalDiff = Math.max(maxNormalDiff, Math.abs(out.normals[i * 4 + j] - z));
      }
    }
    expect(wordMismatches).toBe(0);
    expect(uniformMismatches).toBe(0);
    expect(maxNormalDiff).toBeLessThanOrEqual(NORMAL_F32_MAX_ABS_DIFF);
    expect(maxAbsZ).toBeGreaterThan(4); // the sample reaches well into the tails
  });

  it('reaches past 6σ on the GPU at the extreme words, symmetric, within the f32 bound of the CPU', async () => {
    const gpu = await testDevice();
    const extreme = [0, 1, 2, 3, 7, 100, 2 ** 32 - 1, 2 ** 32 - 2, 2 ** 32 - 4, 2 ** 32 - 101];
    const items = [{ counter: extreme.slice(0, 4), key: [0, 0], raw: true }, { counter: extreme.slice(4, 8), key: [0, 0], raw: true }, { counter: [...extreme.slice(8), 0x80000000, 0x7fffffff], key: [0, 0], raw: true }];
    const out = await probeRng(gpu, items);
    const words = items.flatMap((it) => it.counter);
    words.forEach((w, i) => {
      const z = normalFromWord(w);
      expect(Math.abs(out.normals[i] - z)).toBeLessThanOrEqual(NORMAL_F32_MAX_ABS_DIFF);
    });
    expect(out.normals[0]).toBeLessThan(-6.3); // w = 0
    expect(out.normals[6]).toBeGreaterThan(6.3); // w = 2^32 − 1
    expect(out.normals[6]).toBe(-out.normals[0]); // ~w gives −z exactly
  });
});
