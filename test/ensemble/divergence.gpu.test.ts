import { describe, expect, it } from 'vitest';
import { RngPurpose, runEnsembleGpu } from '../../src/internal';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { testDevice } from '../support/gpu';
import { ouSpec } from '../support/ou-spec';

const FLT_MAX = 3.4028234663852886e38;
const N = 2 ** 16;

/** The initial states the INIT stream gives (f64 from the same words as the GPU's f32). */
function initialStates(key: readonly [number, number], std: number): number[] {
  const z = new Float64Array(1);
  return Array.from({ length: N }, (_, i) => Math.fround(std) * new TrajectoryStream(key, i).normals(0, RngPurpose.INIT, 1, z)[0]);
}

describe('trajectories that overflow are counted as diverged, never averaged in', () => {
  it('unstable EM (x ← 2x) from x0 ~ N(0, 1e37): the diverged count at each checkpoint is the one the initial normals predict', async () => {
    const gpu = await testDevice();
    const std = 1e37;
    const checkpoints = [0, 2, 3, 4, 5];
    // f = −x²/2 (A = −1), dt = 1, σ = 0: EM doubles x each step, so x_k = 2^k x0 overflows f32
    // exactly when |x0| > FLT_MAX / 2^k.
    const spec = ouSpec({ A: [[-1]], sigma: 0, x0: [0], x0std: [std], dt: 1, trajectories: N, steps: 5, checkpoints, seed: 'overflow' });
    const result = await runEnsembleGpu(gpu, spec);
    const x0 = initialStates(spec.key, std);
    checkpoints.forEach((k, c) => {
      const threshold = FLT_MAX / 2 ** k;
      const predicted = x0.filter((v) => Math.abs(v) > threshold).length;
      // GPU and CPU normals differ by ≤ 2e-6: only draws that close to the threshold are ambiguous.
      const ambiguous = x0.filter((v) => Math.abs(Math.abs(v) - threshold) <= 2e-6 * std).length;
      expect(Math.abs(result.diverged[c] - predicted), `step ${k}`).toBeLessThanOrEqual(ambiguous);
      expect(result.count[c] + result.diverged[c]).toBe(N);
    });
    expect(result.diverged[3]).toBeGreaterThan(1000); // ≈ 0.034 N at step 4: real divergence is exercised
    expect(result.diverged[0]).toBe(0);
  });

  it('states that are ±Inf from the start stay diverged under a contraction, and the mean is that of the finite ones', async () => {
    const gpu = await testDevice();
    const std = 1e38; // |z| > 3.4 overflows f32 in x0 = std·z
    const checkpoints = [0, 1, 3];
    const spec = ouSpec({ A: [[1]], sigma: 0, x0: [0], x0std: [std], dt: 0.5, trajectories: N, steps: 3, checkpoints, seed: 'inf-start' });
    const result = await runEnsembleGpu(gpu, spec);
    const x0 = initialStates(spec.key, std);
    const finite = x0.filter((v) => Math.abs(v) < FLT_MAX * (1 - 1e-5));
    const ambiguous = x0.filter((v) => Math.abs(Math.abs(v) - FLT_MAX) <= 2e-6 * std).length;
    expect(N - finite.length).toBeGreaterThan(10);
    checkpoints.forEach((k, c) => {
      expect(Math.abs(result.diverged[c] - (N - finite.length)), `step ${k}`).toBeLessThanOrEqual(ambiguous);
      if (k === 0) return; // at step 0 the finite values reach FLT_MAX, beyond f32 moment arithmetic
      const scale = 0.5 ** k;
      const mean = (finite.reduce((s, v) => s + v, 0) / finite.length) * scale;
      const sd = Math.sqrt(finite.reduce((s, v) => s + v * v, 0) / finite.length) * scale;
      expect(Number.isFinite(result.mean[c][0])).toBe(true);
      // f32 block moments of the same survivors: rounding only, far below one standard error (sd/√N).
      expect(Math.abs(result.mean[c][0] - mean)).toBeLessThan(1e-3 * sd / Math.sqrt(N));
    });
  });
});
