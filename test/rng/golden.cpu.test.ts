import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleReference } from '../../src/internal';
import { keyFromSeed } from '../../src/rng/seed';
import { BrownianStream, RNG_STREAM_VERSION, RngPurpose, brownianIncrementInto, normals4Into } from '../../src/rng/streams';

// Golden values of stream version 2 (Threefry4x32-20, dense Brownian
// packing), computed once by this implementation. If this test fails, users'
// numbers changed: restore the layout, or bump RNG_STREAM_VERSION (TS and
// WGSL), say so in the changelog and update these.
//
// Field split (src/rng/streams.ts): key (k0, k1) from the seed, k2 the
// replica, k3 = 0; NOISE block b at counter (traj lo, b mod 2^32, ⌊b/2^32⌋,
// traj hi) with b < 2^46; every other purpose at (traj lo, step,
// purpose << 16 | block, traj hi).
describe('random stream contract, version 2', () => {
  it('RNG_STREAM_VERSION is 2', () => {
    expect(RNG_STREAM_VERSION).toBe(2);
  });

  const close = (got: ArrayLike<number>, expected: readonly number[]) => {
    for (let i = 0; i < expected.length; i++) expect(Math.abs(got[i] - expected[i]), `normal ${i}`).toBeLessThan(1e-11);
  };

  it('seed "sdeflow", trajectory 0, step 0 at d = 4 gives the pinned Brownian increment (NOISE block 0)', () => {
    close(brownianIncrementInto(keyFromSeed('sdeflow'), 0, 0, 4, 0, new Float64Array(4)), [0.977604985194, -0.510628016697, 0.25580563984, -0.45678970875]);
  });

  it('seed 42, trajectory 2^32 + 5, NOISE block 2^32 + 3 (its high word in c2) gives the pinned four normals', () => {
    const s = new BrownianStream(keyFromSeed(42), 2 ** 32 + 5, 1, 0);
    close(Array.from({ length: 4 }, (_, l) => s.normal(4 * (2 ** 32 + 3) + l)), [-1.12202677864, 0.99851579614, -0.282981113558, 0.300924167003]);
  });

  it('seed "sdeflow", step 7 of 4 fine steps at d = 3 gives the pinned coarse increment', () => {
    close(brownianIncrementInto(keyFromSeed('sdeflow'), 0, 7, 3, 2, new Float64Array(3)), [0.357027923972, -1.01432109081, -0.992698200382]);
  });

  // SUBSTEP normals: m = 4 substeps are the leaves of the step's virtual Brownian tree, m = 3 the mean-subtracted ξ_j.
  for (const [m, pinned] of [
    [4, 0.632358325151],
    [3, 0.617509999895],
  ] as const) {
    it(`seed "sdeflow", SME-1 by Euler–Maruyama with m = ${m} substeps, one step of lr = 0.2 on f = x²/2 from x = 1, gives the pinned state`, async () => {
      const file = { seed: 'sdeflow', objective: { kind: 'quadratic', A: [[1]] }, noise: { kind: 'gaussian', cov: 1 }, dynamics: [{ kind: 'sme', lr: 0.2, integrator: 'euler-maruyama', substeps: m }], x0: [1], trajectories: 1, steps: 1 };
      const experiment = assertExperiment(file);
      const result = await runEnsembleReference(ensembleSpec(experiment, expandRuns(experiment)[0]), { keepFinalState: true });
      expect(Math.abs(result.finalState![0] - pinned)).toBeLessThan(1e-11);
    });
  }

  it('seed 42, trajectory 2^32 + 5, step 7, INIT, block 3 gives the pinned four normals', () => {
    close(normals4Into(keyFromSeed(42), 2 ** 32 + 5, 7, RngPurpose.INIT, 3, new Float64Array(4)), [1.10637020906, 0.0892912452889, 0.181788839006, -1.10657997481]);
  });
});
