import { describe, expect, it } from 'vitest';
import { exactTransition, sigmaMatrix } from '../../src/dynamics/gradient-sde';
import { pathDifferences, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { affineF32ErrorBound } from '../support/f32-error-model';
import { testDevice } from '../support/gpu';
import { CORRELATED_2D, ouSpec } from '../support/ou-spec';

const TRAJECTORIES = 1000;
const STEPS = 1000;
const CHECKPOINTS = Array.from({ length: 11 }, (_, i) => i * 100);

function maxAbs(states: ArrayLike<number>[]): number {
  return Math.max(...states.map((s) => Math.max(...Array.from(s, Math.abs))));
}

describe('GPU trajectories follow the float64 reference path by path (same random numbers)', () => {
  it('Euler–Maruyama, 2-D correlated OU from a Gaussian x0, 1,000 trajectories × 1,000 steps: every checkpoint within the f32 error bound', async () => {
    const gpu = await testDevice();
    const spec = ouSpec({ ...CORRELATED_2D, x0std: [0.5, 0.25], dt: 0.01, trajectories: TRAJECTORIES, steps: STEPS, checkpoints: CHECKPOINTS, seed: 'paths' });
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
    const c = await runEnsembleReference(spec, { trackTrajectories: TRAJECTORIES });
    const diff = pathDifferences(g.tracked!, c.tracked!);
    const { A, b, sigma } = CORRELATED_2D;
    const dt = 0.01;
    const bound = affineF32ErrorBound({
      M: A.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - dt * v)),
      c: b.map((v) => dt * v),
      S: sigmaMatrix(sigma, 2).map((row) => row.map((v) => Math.sqrt(dt) * v)),
      steps: STEPS,
      maxAbsState: maxAbs(c.tracked!),
      maxAbsNormal: 6.4,
    });
    console.info(`EM path-by-path: max |Δ| = ${diff.maxAbs.toExponential(3)}, RMS = ${diff.rms.toExponential(3)}, f32 bound = ${bound.toExponential(3)}`);
    expect(g.tracked!.length).toBe(CHECKPOINTS.length);
    expect(diff.maxAbs).toBeLessThanOrEqual(bound);
    // The paths are really compared: they move far more than the differences.
    expect(maxAbs(c.tracked!)).toBeGreaterThan(1);
  });

  it('the exact OU transition, same case: every checkpoint within the f32 error bound', async () => {
    const gpu = await testDevice();
    const spec = ouSpec({ ...CORRELATED_2D, dt: 0.01, integrator: 'exact', trajectories: TRAJECTORIES, steps: STEPS, checkpoints: CHECKPOINTS, seed: 'paths' });
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
    const c = await runEnsembleReference(spec, { trackTrajectories: TRAJECTORIES });
    const diff = pathDifferences(g.tracked!, c.tracked!);
    const { E, c: offset, L } = exactTransition(spec.dynamics.value as never, spec.objective.value as never, 2);
    const bound = affineF32ErrorBound({ M: E, c: offset, S: L, steps: STEPS, maxAbsState: maxAbs(c.tracked!), maxAbsNormal: 6.4 });
    console.info(`exact path-by-path: max |Δ| = ${diff.maxAbs.toExponential(3)}, RMS = ${diff.rms.toExponential(3)}, f32 bound = ${bound.toExponential(3)}`);
    expect(diff.maxAbs).toBeLessThanOrEqual(bound);
  });
});

describe('the GPU block reduction against float64 moments of the same trajectories', () => {
  it('mean and variance at every checkpoint agree with the reference to f32 rounding (5,000 trajectories, not a multiple of the block)', async () => {
    const gpu = await testDevice();
    const spec = ouSpec({ ...CORRELATED_2D, x0std: [0.5, 0.25], dt: 0.02, trajectories: 5000, steps: 100, checkpoints: [0, 10, 50, 100], seed: 'reduce' });
    const g = await runEnsembleGpu(gpu, spec);
    const c = await runEnsembleReference(spec);
    spec.checkpoints.forEach((_, k) => {
      expect(g.count[k]).toBe(5000);
      for (let i = 0; i < 2; i++) {
        const sd = Math.sqrt(c.variance[k][i]);
        // Paths differ by ≤ ~4e-6 (above) and f32 Welford/Chan adds ~1e-6 relative: far below one SE (sd/√5000 ≈ 0.014 sd).
        expect(Math.abs(g.mean[k][i] - c.mean[k][i])).toBeLessThan(1e-4 * sd);
        expect(Math.abs(g.variance[k][i] - c.variance[k][i])).toBeLessThan(1e-4 * c.variance[k][i]);
      }
    });
  });
});
