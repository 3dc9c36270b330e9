import { describe, expect, it } from 'vitest';
import type { DoubleWellObjective } from '../../src/objectives/double-well';
import { dynamicsDescriptor, keyFromSeed, objectiveDescriptor, pathDifferences, runEnsembleGpu, runEnsembleReference, type EnsembleSpec } from '../../src/internal';
import { NORMAL_F32_MAX_ABS_DIFF } from '../../src/rng/random';
import { testDevice } from '../support/gpu';

const U = 2 ** -24; // unit roundoff of f32
const DIM = 2;
const HEIGHT = 0.25;
const DT = 0.01;
const SIGMA = 0.5;
const STEPS = 200;
const TRAJECTORIES = 2048;
const CHECKPOINTS = Array.from({ length: 11 }, (_, i) => i * 20);
const MAX_ABS_NORMAL = 6.4; // |Φ⁻¹| of the word-to-normal map never exceeds 6.34

function doubleWellSpec(): EnsembleSpec {
  const objective: DoubleWellObjective = {
    kind: 'double-well',
    dim: DIM,
    height: HEIGHT,
    saddle: 0,
    left: { depth: HEIGHT, width: 1 },
    right: { depth: HEIGHT, width: 1 },
  };
  return {
    dim: DIM,
    objective: { descriptor: objectiveDescriptor('double-well'), value: objective },
    dynamics: { descriptor: dynamicsDescriptor('gradient-sde'), value: { kind: 'gradient-sde', dt: DT, sigma: SIGMA, integrator: 'euler-maruyama' } },
    initial: { mean: [-1, 1], std: [0, 0] },
    trajectories: TRAJECTORIES,
    steps: STEPS,
    checkpoints: CHECKPOINTS,
    key: keyFromSeed('double-well'),
  };
}

/**
 * Worst-case |x_gpu − x_cpu| after K Euler–Maruyama steps on the double well,
 * both runs fed the same Philox normals. σ is scalar and ∇²f diagonal, so each
 * coordinate's error obeys e_{k+1} = (1 − dt f''(ξ_k)) e_k + δ_k with ξ_k between
 * the two paths. f''(ξ) = 4h(3ξ² − 1) ≥ −4h (the saddle), and for |ξ| ≤ M with
 * dt·4h(3M² − 1) ≤ 2 the factor lies in [−1, 1 + 4h dt]: |e_K| ≤ Σ_{j<K} (1 + 4h dt)^j · max|δ|
 * (≈ 632 for 200 steps of 4h dt = 0.01 — the saddle's e² growth, a path that sat
 * on the saddle the whole time; near the wells errors decay instead).
 * The local error δ of one f32 step, with M = max|x| and G = 4hM(M² + 1) ≥ |∇f|:
 * - ∇f = 4h·x·fma(x, x, −1): h stored in f32, one fma, two products, allowing a
 *   non-fused x·x − 1 too: 5u·G, times dt;
 * - x − dt·g (one fma) and + √dt·noise (one add), dt stored in f32: 3u·(M + dt·G);
 * - √dt·(σ·z): √dt, σ stored in f32, two products: 4u·σ√dt·|z|max;
 * - the GPU/CPU normal gap: σ√dt·NORMAL_F32_MAX_ABS_DIFF.
 * The float64 reference's own rounding (≈ 1e-16 relative) is negligible.
 */
function doubleWellF32ErrorBound(maxAbsState: number): number {
  const M = maxAbsState;
  const G = 4 * HEIGHT * M * (M * M + 1);
  if (DT * 4 * HEIGHT * (3 * M * M - 1) > 2) throw new Error(`M = ${M} is past the EM stability range of dt = ${DT}`);
  const noise = SIGMA * Math.sqrt(DT);
  const local = 5 * U * DT * G + 3 * U * (M + DT * G) + 4 * U * noise * MAX_ABS_NORMAL + noise * NORMAL_F32_MAX_ABS_DIFF;
  const growth = 1 + 4 * HEIGHT * DT;
  const amplification = (growth ** STEPS - 1) / (growth - 1);
  return amplification * local;
}

function maxAbs(states: ArrayLike<number>[]): number {
  return Math.max(...states.map((s) => Math.max(...Array.from(s, Math.abs))));
}

describe('double well on the GPU against the float64 reference', () => {
  it('gradient SDE, Euler–Maruyama, 2-D from (−1, 1), σ = 0.5, 2,048 trajectories × 200 steps of dt = 0.01: equal path by path to f32 rounding', async () => {
    const gpu = await testDevice();
    const spec = doubleWellSpec();
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
    const c = await runEnsembleReference(spec, { trackTrajectories: TRAJECTORIES });
    expect(g.tracked!.length).toBe(CHECKPOINTS.length);
    expect(g.count.every((n) => n === TRAJECTORIES)).toBe(true);

    const diff = pathDifferences(g.tracked!, c.tracked!);
    const M = maxAbs(c.tracked!);
    const bound = doubleWellF32ErrorBound(M);
    // Paths that ended in the other well than they started in: the runs cross the saddle,
    // where the dynamics are most sensitive, not only sit in the (contracting) wells.
    const final = c.tracked![CHECKPOINTS.length - 1];
    let crossed = 0;
    for (let t = 0; t < TRAJECTORIES; t++) if (Math.sign(final[t * DIM]) !== Math.sign(spec.initial.mean[0])) crossed++;
    console.info(
      `double-well EM path-by-path: max |Δ| = ${diff.maxAbs.toExponential(3)}, RMS = ${diff.rms.toExponential(3)}, ` +
        `f32 bound = ${bound.toExponential(3)} (max|x| = ${M.toFixed(3)}), ${crossed}/${TRAJECTORIES} paths crossed x₁ = 0`,
    );
    expect(diff.maxAbs).toBeLessThanOrEqual(bound);
    expect(crossed).toBeGreaterThan(0);

    // The same Euler–Maruyama law on both sides: the ensemble means agree far inside one standard error.
    const last = CHECKPOINTS.length - 1;
    for (let i = 0; i < DIM; i++) {
      const se = Math.sqrt(c.variance[last][i] / TRAJECTORIES);
      expect(Math.abs(g.mean[last][i] - c.mean[last][i])).toBeLessThan(0.01 * se);
    }
  });
});
