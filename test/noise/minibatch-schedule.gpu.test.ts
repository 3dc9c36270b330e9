import { describe, expect, it } from 'vitest';
import { pathDifferences, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import type { LeastSquaresObjective } from '../../src/objectives/least-squares';
import type { ReferenceObjective } from '../../src/objectives/objective-descriptor';
import { testDevice } from '../support/gpu';
import { referenceOf, sgdExperiment, specOf } from './finite-sum-fixtures';
import { maxAbsAlongPaths, sgdF32ErrorBound } from './sgd-f32-bound';

const Z_MAX = 5;

describe('SGD with a growing mini-batch schedule: GPU paths equal the float64 reference path by path (least squares, N = 64, d = 4, b = 1, 2, 4, 8, 16, 32 every 40 steps)', () => {
  const TRAJECTORIES = 256;
  const STEPS = 240;
  const LS = { kind: 'least-squares', generate: { samples: 64, features: 4, noise: 0.5, seed: 'schedule-paths' } };
  const SCHEDULE = { kind: 'stages', every: 40, values: [1, 2, 4, 8, 16, 32] };

  it.each([false, true])('replacement %s: within the f32 error bound, and far from a run at the largest stage throughout', async (replacement) => {
    const gpu = await testDevice();
    const run = (batchSize: unknown) =>
      specOf(sgdExperiment({ objective: LS, noise: { kind: 'minibatch', batchSize, replacement }, lr: 0.05, x0: [2, -1, 0.5, 1], trajectories: TRAJECTORIES, steps: STEPS, seed: `schedule-paths-${replacement}` }), [0, 1, 40, 41, 120, 200, 240]);
    const spec = run(SCHEDULE);
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
    const r = await runEnsembleReference(spec, { trackTrajectories: TRAJECTORIES });
    const diff = pathDifferences(g.tracked!, r.tracked!);
    // The bound of minibatch-paths.gpu.test.ts at the largest stage b = 32 (‖J_k‖₂ ≤ 1 whatever b_k is; the bound grows with b).
    const bound = sgdF32ErrorBound(spec.objective.value as LeastSquaresObjective, 0.05, 32, maxAbsAlongPaths(spec, TRAJECTORIES), STEPS);
    // Power: a GPU that ignored the table and used its array bound (b = 32) every step would be this far off.
    const largest = await runEnsembleReference(run(32), { trackTrajectories: TRAJECTORIES });
    const wrong = pathDifferences(largest.tracked!, r.tracked!);
    console.info(`schedule paths, ${replacement ? 'with' : 'without'} replacement: max |Δ| = ${diff.maxAbs.toExponential(3)}, f32 bound = ${bound.toExponential(3)}, constant b = 32 instead: ${wrong.maxAbs.toExponential(3)} (${gpu.adapter.backend})`);
    expect(g.count.every((n) => n === TRAJECTORIES)).toBe(true);
    expect(diff.maxAbs).toBeLessThanOrEqual(bound);
    expect(wrong.maxAbs).toBeGreaterThan(10 * bound);
  });
});

/**
 * Σ₁(x)_ii = (1/N) Σ_i (∂_i f_s(x) − ∂_i f(x))² per coordinate, the per-sample variance,
 * and ∇f(x), from the float64 twin.
 */
function perSample(f: ReferenceObjective, x: Float64Array, d: number): { grad: Float64Array; variance: Float64Array } {
  const N = f.sampleCount!;
  const grad = new Float64Array(d);
  f.grad(x, grad);
  const variance = new Float64Array(d);
  const g = new Float64Array(d);
  for (let s = 0; s < N; s++) {
    g.fill(0);
    f.sampleGradAdd!(x, s, 1, g);
    for (let i = 0; i < d; i++) variance[i] += (g[i] - grad[i]) ** 2 / N;
  }
  return { grad, variance };
}

describe('gradient-noise variance at each stage of a batch schedule against the finite-sum formula (least squares, N = 20, d = 3, 2^14 trajectories, 5 SE)', () => {
  const LS = { kind: 'least-squares', generate: { samples: 20, features: 3, noise: 0.5, seed: 'schedule-variance' } };
  const EVERY = 4;
  const STAGES = [1, 2, 4, 8, 16];
  const ETA = 0.0625; // exact in f32
  const TRAJECTORIES = 2 ** 14;

  it.each([true, false])('replacement %s: E(g_k − ∇f(x_k))² = E Σ₁(x_k)/b_k, times (N − b_k)/(N − 1) without replacement', async (replacement) => {
    const gpu = await testDevice();
    // The noise of step k is read off each path: g_k = (x_k − x_{k+1})/η, at the first step of every stage.
    const firsts = STAGES.map((_, m) => m * EVERY);
    const checkpoints = [...new Set([0, ...firsts.flatMap((k) => [k, k + 1])])].sort((a, b) => a - b);
    const experiment = sgdExperiment({
      objective: LS,
      noise: { kind: 'minibatch', batchSize: { kind: 'stages', every: EVERY, values: STAGES }, replacement },
      lr: ETA,
      x0: [1, -0.5, 0.25],
      trajectories: TRAJECTORIES,
      steps: firsts.at(-1)! + 1,
      seed: `schedule-variance-${replacement}`,
    });
    const spec = specOf(experiment, checkpoints);
    const result = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
    const f = referenceOf(experiment);
    const N = f.sampleCount!;
    const d = 3;
    const factor = (b: number, withReplacement: boolean) => (withReplacement ? 1 / b : (N - b) / (b * (N - 1)));
    const x = new Float64Array(d);
    STAGES.forEach((b, m) => {
      const k = firsts[m];
      const before = result.tracked![checkpoints.indexOf(k)];
      const after = result.tracked![checkpoints.indexOf(k + 1)];
      // Per trajectory: the squared noise e² and its conditional mean Σ₁(x_k)_ii·factor; their difference has mean 0.
      const z: number[] = [];
      const zPrevious: number[] = [];
      for (let i = 0; i < d; i++) {
        let sum = 0;
        let sumSq = 0;
        let expected = 0;
        let sumPrevious = 0;
        let sumSqPrevious = 0;
        for (let t = 0; t < TRAJECTORIES; t++) {
          for (let j = 0; j < d; j++) x[j] = before[t * d + j];
          const { grad, variance } = perSample(f, x, d);
          const e = (before[t * d + i] - after[t * d + i]) / ETA - grad[i];
          const v = variance[i] * factor(b, replacement);
          sum += e * e - v;
          sumSq += (e * e - v) ** 2;
          expected += v / TRAJECTORIES;
          // The same statistic against the previous stage's b: what a GPU that missed the stage change would show.
          const vPrevious = variance[i] * factor(m > 0 ? STAGES[m - 1] : 2, replacement);
          sumPrevious += e * e - vPrevious;
          sumSqPrevious += (e * e - vPrevious) ** 2;
        }
        const se = (s: number, s2: number) => Math.sqrt((s2 / TRAJECTORIES - (s / TRAJECTORIES) ** 2) / TRAJECTORIES);
        z.push(sum / TRAJECTORIES / se(sum, sumSq));
        zPrevious.push(sumPrevious / TRAJECTORIES / se(sumPrevious, sumSqPrevious));
        if (i === 0) console.info(`stage ${m} (b = ${b}, step ${k}) ${replacement ? 'with' : 'without'} replacement: E e₀² = ${(expected + sum / TRAJECTORIES).toExponential(3)}, formula ${expected.toExponential(3)}`);
      }
      console.info(`  z = [${z.map((v) => v.toFixed(2)).join(', ')}], against the neighbouring stage's b: z = [${zPrevious.map((v) => v.toFixed(1)).join(', ')}]`);
      expect(Math.max(...z.map(Math.abs))).toBeLessThan(Z_MAX);
      expect(Math.max(...zPrevious.map(Math.abs))).toBeGreaterThan(Z_MAX);
    });
  });
});
