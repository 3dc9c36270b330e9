/**
 * Gradient noise `gaussian`: g_k = ∇f(x_k) + ζ_k, ζ_k ~ N(0, Σ) with `cov` = Σ a
 * variance (σ²·I), a vector of variances (diagonal) or a d×d PSD matrix, drawn as
 * L z_k with L Lᵀ = Σ computed on the host in float64.
 */
import source from '../../shaders/noise/gaussian.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { checkMatrixShape, checkVectorLength } from '../experiment/dimension-checks';
import { finiteMatrix, nonNegativeNumber } from '../experiment/numbers';
import { isArrayOfArrays } from '../experiment/numeric-guards';
import { strictObject } from '../experiment/strict-object';
import { psdFactor } from '../linalg/factor';
import { referenceGaussianNoise } from '../reference/noise/gaussian';
import type { NoiseDescriptor } from './noise-descriptor';
import { paramLayout } from '../compose/param-layout';

export const gaussianNoiseSchema = strictObject({
  kind: z.literal('gaussian'),
  cov: z
    .union([nonNegativeNumber(), z.array(nonNegativeNumber()).min(1), finiteMatrix()], {
      error: (i) => `expected cov as a variance ≥ 0, an array of d variances (diagonal) or a d×d PSD matrix, found ${describeValue(i.input)}`,
    })
    .describe('Covariance Σ of the noise ζ_k: a variance ≥ 0 (σ²·I), d variances ≥ 0 (diagonal) or a d×d positive semi-definite matrix.'),
});

export interface GaussianNoise {
  kind: 'gaussian';
  cov: number | number[] | number[][];
  /** Σ as a d×d matrix. */
  covariance: number[][];
}

/** The covariance Σ as a d×d matrix, whatever shape it was given in. */
export function covarianceMatrix(cov: GaussianNoise['cov'], dim: number): number[][] {
  if (typeof cov === 'number') return Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? cov : 0)));
  if (isArrayOfArrays(cov)) return (cov as number[][]).map((row) => [...row]);
  return Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? (cov as number[])[i] : 0)));
}

/** L with L Lᵀ = Σ in the form the module reads: σ (scalar), √variances (diagonal) or a full factor. */
export function noiseFactor(n: GaussianNoise, dim: number): number[] {
  if (typeof n.cov === 'number') return [Math.sqrt(n.cov)];
  if (!isArrayOfArrays(n.cov)) return (n.cov as number[]).map(Math.sqrt);
  return psdFactor(n.covariance).flat();
}

export const gaussianNoise = {
  kind: 'gaussian',
  schema: gaussianNoiseSchema,
  title: 'additive Gaussian gradient noise',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  check(raw, path, ctx) {
    const cov = raw.cov;
    if (!Array.isArray(cov) || cov.length === 0) return [];
    return isArrayOfArrays(cov) ? checkMatrixShape(cov, [...path, 'cov'], ctx) : checkVectorLength(cov, [...path, 'cov'], ctx);
  },
  normalize: (parsed, dim) => ({ kind: 'gaussian', cov: parsed.cov, covariance: covarianceMatrix(parsed.cov, dim) }),
  shader: { path: 'noise/gaussian.wgsl', source },
  brownian: () => true,
  defines: (n) => ({ NOISE_SCALAR: typeof n.cov === 'number', NOISE_DIAGONAL: Array.isArray(n.cov) && !isArrayOfArrays(n.cov) }),
  constants: () => ({}),
  params: paramLayout({ NOISE_FACTOR: (n: GaussianNoise, dim: number) => noiseFactor(n, dim) }),
  reference: (n, f, dim) => referenceGaussianNoise(n, f, dim),
} satisfies NoiseDescriptor<GaussianNoise, z.output<typeof gaussianNoiseSchema>>;
