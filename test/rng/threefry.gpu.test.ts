import { describe, expect, it } from 'vitest';
import kat from '../fixtures/threefry-kat.json';
import { threefry4x32_20 } from '../../src/rng/threefry';
import { probeThreefry } from '../support/gpu-probe';
import { testDevice } from '../support/gpu';

const hex = (words: string[]) => words.map((w) => parseInt(w, 16));

describe('Threefry4x32-20 on the GPU (shaders/lib/threefry.wgsl)', () => {
  it('passes every known-answer vector on the GPU, bit for bit', async () => {
    const gpu = await testDevice();
    const out = await probeThreefry(gpu, kat.vectors.map((v) => ({ counter: hex(v.counter), key: hex(v.key) })));
    kat.vectors.forEach((v, i) => {
      expect(Array.from(out.subarray(i * 4, i * 4 + 4))).toEqual(hex(v.output));
    });
  });

  it('matches the TypeScript twin on 2^16 counters and keys, word for word', async () => {
    const gpu = await testDevice();
    const n = 2 ** 16;
    const items = Array.from({ length: n }, (_, i) => ({
      counter: [i * 2654435761 >>> 0, i >>> 3, (i * 40503) >>> 0, 0xdeadbeef ^ i],
      key: [0x12345678 ^ (i >>> 10), 0x9abcdef0, (i * 0x85ebca6b) >>> 0, ~i >>> 0],
    }));
    const out = await probeThreefry(gpu, items);
    let mismatches = 0;
    for (let i = 0; i < n; i++) {
      const expected = threefry4x32_20(items[i].counter, items[i].key);
      for (let j = 0; j < 4; j++) if (out[i * 4 + j] !== expected[j]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
