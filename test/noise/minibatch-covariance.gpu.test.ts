import { describe, expect, it } from 'vitest';
import { runEnsembleGpu } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { minibatchCovariance, momentsWithStandardErrors, referenceOf, sampleGradients, sgdExperiment, specOf } from './finite-sum-fixtures';

const TRAJECTORIES = 2 ** 16;
const Z_MAX = 5;

/**
 * One SGD step with lr = 1 from a fixed x0 on every trajectory: x1 = x0 − g with g
 * the trajectory's mini-batch gradient at x0, so the ensemble of x1 is a sample of
 * the stochastic gradient's law (docs/math.md §6): mean x0 − ∇f(x0), covariance Σ₁/b
 * with replacement and Σ₁(N − b)/(b(N − 1)) without. The GPU computes x1 in f32
 * (errors ~1e-7, far below the standard errors ≈ 1e-3 of 2^16 samples).
 */
async function oneStepLaw(objective: Record<string, unknown>, x0: number[], batchSize: number, replacement: boolean) {
  const gpu = await testDevice();
  const experiment = sgdExperiment({
    objective,
    noise: { kind: 'minibatch', batchSize, replacement },
    lr: 1,
    x0,
    trajectories: TRAJECTORIES,
    steps: 1,
    seed: `covariance-${objective.kind}-${batchSize}-${replacement}`,
  });
  const result = await runEnsembleGpu(gpu, specOf(experiment), { keepFinalState: true });
  const d = x0.length;
  const f = referenceOf(experiment);
  const { mean: fullGradient } = sampleGradients(f, x0);
  const expected = minibatchCovariance(f, x0, batchSize, replacement);
  const other = minibatchCovariance(f, x0, batchSize, !replacement);
  const m = momentsWithStandardErrors(result.finalState!, d);
  const meanZ = x0.map((x, i) => (m.mean[i] - (x - fullGradient[i])) / m.meanSe[i]);
  const covZ: number[] = [];
  const otherZ: number[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      covZ.push((m.cov[i][j] - expected.sigmaB[i][j]) / m.covSe[i][j]);
      otherZ.push((m.cov[i][j] - other.sigmaB[i][j]) / m.covSe[i][j]);
    }
  }
  return { meanZ, covZ, otherZ, m, expected };
}

const fmt = (zs: number[]) => zs.map((z) => z.toFixed(2)).join(', ');
const maxAbs = (zs: number[]) => Math.max(...zs.map(Math.abs));

const LEAST_SQUARES = { kind: 'least-squares', generate: { samples: 20, features: 3, noise: 0.5, seed: 'covariance' } };
const LOGISTIC = { kind: 'logistic', generate: { samples: 20, features: 3, noise: 1, seed: 'covariance' }, l2: 0.1 };

describe('mini-batch noise on the GPU has the covariance of docs/math.md §6 (one SGD step with lr = 1, 2^16 trajectories, 5 SE)', () => {
  it.each([
    { name: 'least squares', objective: LEAST_SQUARES, x0: [1, -0.5, 0.25], b: 8, replacement: false },
    { name: 'least squares', objective: LEAST_SQUARES, x0: [1, -0.5, 0.25], b: 8, replacement: true },
    { name: 'logistic', objective: LOGISTIC, x0: [0.5, 1, -1], b: 5, replacement: false },
    { name: 'logistic', objective: LOGISTIC, x0: [0.5, 1, -1], b: 5, replacement: true },
  ])('$name, N = 20, d = 3, b = $b, replacement $replacement: mean ∇f(x0), covariance Σ₁/b or Σ₁(N − b)/(b(N − 1))', async ({ name, objective, x0, b, replacement }) => {
    const { meanZ, covZ, otherZ, m, expected } = await oneStepLaw(objective, x0, b, replacement);
    console.info(
      `${name} b=${b} ${replacement ? 'with' : 'without'} replacement: mean z = [${fmt(meanZ)}], covariance z (i ≤ j) = [${fmt(covZ)}], ` +
        `z against the other sampling's formula: max |z| = ${maxAbs(otherZ).toFixed(1)}; Σ_b[0][0] = ${expected.sigmaB[0][0].toExponential(4)}, ` +
        `estimate ${m.cov[0][0].toExponential(4)} ± ${m.covSe[0][0].toExponential(2)}`,
    );
    expect(maxAbs(meanZ)).toBeLessThan(Z_MAX);
    expect(maxAbs(covZ)).toBeLessThan(Z_MAX);
    // Power: at b/N = 0.25–0.4 the finite-population factor (N − b)/(N − 1) is 0.63–0.79, which
    // the estimate tells apart from the with-replacement law (and vice versa) by far more than 5 SE.
    expect(maxAbs(otherZ)).toBeGreaterThan(3 * Z_MAX);
  });

  it('a batch of all N samples without replacement is the full gradient: every trajectory moves to x0 − ∇f(x0)', async () => {
    const gpu = await testDevice();
    const x0 = [1, -0.5, 0.25];
    const experiment = sgdExperiment({ objective: LEAST_SQUARES, noise: { kind: 'minibatch', batchSize: 20 }, lr: 1, x0, trajectories: 1024, steps: 1 });
    const result = await runEnsembleGpu(gpu, specOf(experiment), { keepFinalState: true });
    const { mean: gradient } = sampleGradients(referenceOf(experiment), x0);
    const x1 = result.finalState!;
    for (let t = 0; t < 1024; t++) {
      // Sums of 20 f32 sample gradients (|∇f_i| ≲ 10) in any order: within 20 · 2u · 10 · 20 ≈ 5e-4 of each other; 1e-4 seen as ≈ 1e-6.
      for (let i = 0; i < 3; i++) expect(Math.abs(x1[t * 3 + i] - (x0[i] - gradient[i]))).toBeLessThan(1e-4);
    }
  });
});
