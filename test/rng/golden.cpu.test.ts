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
    ['sdeflow', 0, 0, 0, [1.22352809112, 1.70397221955, -1.56054137235, -1.17927899869]],
    [42, 2 ** 32 + 5, 7, 3, [-0.695215054171, -0.209821040882, -0.475411372875, -0.534882210566]],
  ] as const)('seed %j, trajectory %d, step %d, NOISE, block %d gives the pinned first four normals', (seed, traj, step, block, expected) => {
    const z = normals4Into(keyFromSeed(seed), traj, step, RngPurpose.NOISE, block, new Float64Array(4));
    for (let i = 0; i < 4; i++) expect(Math.abs(z[i] - expected[i]), `normal ${i}`).toBeLessThan(1e-11);
  });
});
