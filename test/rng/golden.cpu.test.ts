import { describe, expect, it } from 'vitest';
import { keyFromSeed } from '../../src/rng/seed';
import { RNG_STREAM_VERSION, RngPurpose, normals4Into } from '../../src/rng/streams';

// Golden values of stream version 1, computed once by this implementation.
// If this test fails, users' numbers changed: restore the layout, or bump
// RNG_STREAM_VERSION (TS and WGSL), say so in the changelog and update these.
describe('random stream contract, version 1', () => {
  it('RNG_STREAM_VERSION is 1', () => {
    expect(RNG_STREAM_VERSION).toBe(1);
  });

  it.each([
    ['sdeflow', 0, 0, 0, [-0.205011356985, 1.39859604069, -0.505712914519, 0.399776315552]],
    [42, 2 ** 32 + 5, 7, 3, [1.15619017159, 0.927914756709, 0.797669090814, 0.188275934918]],
  ] as const)('seed %j, trajectory %d, step %d, NOISE, block %d gives the pinned first four normals', (seed, traj, step, block, expected) => {
    const z = normals4Into(keyFromSeed(seed), traj, step, RngPurpose.NOISE, block, new Float64Array(4));
    for (let i = 0; i < 4; i++) expect(Math.abs(z[i] - expected[i]), `normal ${i}`).toBeLessThan(1e-11);
  });
});
