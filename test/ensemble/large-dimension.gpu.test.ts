import { describe, expect, it } from 'vitest';
import { MAX_PRIVATE_MODEL_WORDS } from '../../src/ensemble/kernels';
import { pathDifferences, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { ouSpec } from '../support/ou-spec';

/** A deterministic SPD matrix with eigenvalues in about [0.5, 1.5] and coupling between all coordinates. */
function coupledSpd(d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0.4 / d) * (1 + 0.1 * Math.cos(i + j))));
}

/** Worst-case f32 drift of `steps` steps: (2d + 4) roundings of magnitudes ≲ 4 per step, plus the normal gap. */
function f32Bound(d: number, steps: number): number {
  return steps * ((2 * d + 4) * 2 ** -24 * 4 * 4 + 2e-6);
}

describe('large dimensions: the model in private memory for small d, read from storage beyond', () => {
  it.each([
    { d: 8, sigma: 'scalar', steps: 40 },
    { d: 64, sigma: 'matrix', steps: 40 },
    { d: 128, sigma: 'diagonal', steps: 8 },
  ])('d = $d ($sigma σ, $steps steps) follows the float64 reference path by path', async ({ d, sigma, steps }) => {
    const gpu = await testDevice();
    const A = coupledSpd(d);
    const S = sigma === 'matrix' ? A.map((row) => row.map((v) => 0.5 * v)) : sigma === 'diagonal' ? Array.from({ length: d }, (_, i) => 0.3 + 0.001 * i) : 0.5;
    const spec = ouSpec({ A, sigma: S, x0: Array.from({ length: d }, (_, i) => Math.sin(i)), dt: 0.02, trajectories: 300, steps, checkpoints: [0, steps / 2, steps], seed: `d${d}` });
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: 300 });
    const c = await runEnsembleReference(spec, { trackTrajectories: 300 });
    const diff = pathDifferences(g.tracked!, c.tracked!);
    expect(diff.maxAbs).toBeLessThan(f32Bound(d, steps));
    expect(g.count[2]).toBe(300);
    // The paths moved: a frozen or truncated kernel would leave x near x0.
    expect(Math.max(...Array.from(c.tracked![2], (v, i) => Math.abs(v - c.tracked![0][i])))).toBeGreaterThan(0.1);
  });

  it('the private/storage switch sits where documented: d = 8 fits in private memory, d = 64 does not', () => {
    const words = (d: number) => 2 * d + d * d + d + 3;
    expect(words(8)).toBeLessThanOrEqual(MAX_PRIVATE_MODEL_WORDS);
    expect(words(64)).toBeGreaterThan(MAX_PRIVATE_MODEL_WORDS);
  });

  it('d = 256 runs path by path where the adapter allows it, and fails with a clear message where a loop limit forbids it', async () => {
    const gpu = await testDevice();
    const d = 256;
    const spec = ouSpec({ A: coupledSpd(d), sigma: 0.4, x0: new Array(d).fill(1), dt: 0.02, trajectories: 64, steps: 4, seed: 'd256' });
    if (gpu.adapter.maxLoopIterations !== null) {
      // llvmpipe over OpenGL ES (path A): one gradient alone is a d² = 65,536-trip loop, past the
      // 65,535 loop iterations an invocation may run; the loop-budget probe refuses it before the run.
      await expect(runEnsembleGpu(gpu, spec)).rejects.toThrow(/too large for this adapter.*--backend vulkan/);
      return;
    }
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: 64 });
    const c = await runEnsembleReference(spec, { trackTrajectories: 64 });
    expect(pathDifferences(g.tracked!, c.tracked!).maxAbs).toBeLessThan(f32Bound(d, 4));
  });
});
