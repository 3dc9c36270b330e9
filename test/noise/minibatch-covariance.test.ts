import { describe, expect, it } from 'vitest';
import { constantMinibatch } from '../../src/noise/minibatch';
import { referenceMinibatchNoise } from '../../src/reference/noise/minibatch';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { keyFromSeed } from '../../src/rng/seed';
import { minibatchCovariance, momentsWithStandardErrors, referenceOf, sampleGradients, sgdExperiment } from './finite-sum-fixtures';

const DRAWS = 40000;

function experimentOf(objective: Record<string, unknown>, batchSize: number, replacement: boolean) {
  return sgdExperiment({ objective, noise: { kind: 'minibatch', batchSize, replacement }, lr: 0.1, x0: [0, 0, 0], trajectories: 1, steps: 1 });
}

/** DRAWS mini-batch gradients at x from the float64 twin: trajectories 0…, steps 0…9 each. */
function draws(objective: Record<string, unknown>, x: number[], batchSize: number, replacement: boolean): Float64Array {
  const experiment = experimentOf(objective, batchSize, replacement);
  const noise = referenceMinibatchNoise(constantMinibatch(batchSize, replacement), referenceOf(experiment));
  const d = x.length;
  const point = Float64Array.from(x);
  const g = new Float64Array(d);
  const out = new Float64Array(DRAWS * d);
  const key = keyFromSeed(`twin-${batchSize}-${replacement}`);
  for (let n = 0; n < DRAWS; n++) {
    const stream = new TrajectoryStream(key, Math.floor(n / 10));
    noise.grad(point, g, n % 10, stream);
    out.set(g, n * d);
  }
  return out;
}

const LEAST_SQUARES = { kind: 'least-squares', generate: { samples: 12, features: 3, noise: 1, seed: 'twin' } };
const ABSOLUTE_DEVIATION = { kind: 'absolute-deviation', points: [[-2, 1, 0], [-1, -1, 1], [0.5, 0, 2], [1, 2, 3], [3, -3, 4], [0, 0, 5]], weights: [1, 2, 0.5] };

describe('the float64 twin of mini-batch noise has the covariance of docs/math.md §6 (40,000 draws, 5 SE with fourth-moment standard errors)', () => {
  it.each([
    { name: 'least squares, N = 12', objective: LEAST_SQUARES, x: [0.3, -1, 2], b: 4, replacement: false },
    { name: 'least squares, N = 12', objective: LEAST_SQUARES, x: [0.3, -1, 2], b: 4, replacement: true },
    { name: 'absolute deviation, N = 6', objective: ABSOLUTE_DEVIATION, x: [0.2, 0.5, 2.5], b: 3, replacement: false },
    { name: 'absolute deviation, N = 6', objective: ABSOLUTE_DEVIATION, x: [0.2, 0.5, 2.5], b: 3, replacement: true },
  ])('$name, b = $b, replacement $replacement: mean ∇f(x), covariance Σ₁/b or Σ₁(N − b)/(b(N − 1))', ({ name, objective, x, b, replacement }) => {
    const f = referenceOf(experimentOf(objective, b, replacement));
    const { mean: gradient } = sampleGradients(f, x);
    const { sigmaB } = minibatchCovariance(f, x, b, replacement);
    const m = momentsWithStandardErrors(draws(objective, x, b, replacement), 3);
    const meanZ = gradient.map((g, i) => (m.mean[i] - g) / m.meanSe[i]);
    const covZ: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = i; j < 3; j++) covZ.push((m.cov[i][j] - sigmaB[i][j]) / m.covSe[i][j]);
    console.info(`twin, ${name}, b=${b} ${replacement ? 'with' : 'without'} replacement: mean z = [${Array.from(meanZ, (z) => z.toFixed(2)).join(', ')}], covariance z = [${covZ.map((z) => z.toFixed(2)).join(', ')}]`);
    expect(Math.max(...Array.from(meanZ, Math.abs))).toBeLessThan(5);
    expect(Math.max(...covZ.map(Math.abs))).toBeLessThan(5);
  });

  it('without replacement a batch of all N samples has no noise: every draw is ∇f(x) (to float64 rounding)', () => {
    const x = [0.3, -1, 2];
    const f = referenceOf(experimentOf(LEAST_SQUARES, 12, false));
    const { mean: gradient } = sampleGradients(f, x);
    const values = draws(LEAST_SQUARES, x, 12, false);
    for (let n = 0; n < 100; n++) for (let i = 0; i < 3; i++) expect(values[n * 3 + i]).toBeCloseTo(gradient[i], 12);
  });
});
