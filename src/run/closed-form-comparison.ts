import type { ClosedFormSeries } from '../dynamics/dynamics-descriptor';
import type { ClosedFormComparison } from './experiment-result';

/** Moments per checkpoint: what the comparison reads of an ensemble result or a summary. */
export interface MomentSeries {
  checkpoints: number[];
  count: number[];
  mean: number[][];
  variance: number[][];
}

/**
 * Compares ensemble moments with a Gaussian closed form. Standard errors come
 * from the exact law and the ensemble size n: SE(mean) = √(v/n) and, for a
 * Gaussian, SE(sample variance) = v·√(2/(n−1)). Where the exact variance is 0
 * (a deterministic start) the z-score is 0 if the estimate is exact, else ∞.
 */
export function compareWithClosedForm(result: MomentSeries, exact: ClosedFormSeries): ClosedFormComparison {
  const variance = exact.covariance.map((cov) => cov.map((row, i) => row[i]));
  const zMean: number[][] = [];
  const zVariance: number[][] = [];
  let maxAbsZ = 0;
  result.checkpoints.forEach((_, c) => {
    const n = result.count[c];
    const zm: number[] = [];
    const zv: number[] = [];
    variance[c].forEach((v, i) => {
      zm.push(zScore(result.mean[c][i] - exact.mean[c][i], Math.sqrt(v / n)));
      zv.push(zScore(result.variance[c][i] - v, v * Math.sqrt(2 / (n - 1))));
    });
    for (const z of [...zm, ...zv]) maxAbsZ = Math.max(maxAbsZ, Math.abs(z));
    zMean.push(zm);
    zVariance.push(zv);
  });
  const last = result.checkpoints.length - 1;
  const rel = (est: number[], ex: number[]) => est.map((e, i) => Math.abs(e - ex[i]) / Math.max(Math.abs(ex[i]), 1e-12));
  return {
    name: exact.name,
    mean: exact.mean,
    variance,
    zMean,
    zVariance,
    maxAbsZ,
    finalRelativeError: { mean: rel(result.mean[last], exact.mean[last]), variance: rel(result.variance[last], variance[last]) },
  };
}

function zScore(difference: number, standardError: number): number {
  if (standardError > 0) return difference / standardError;
  // A deterministic quantity: f32 rounding of the start is the only allowed error.
  return Math.abs(difference) <= 1e-6 * (1 + Math.abs(difference)) ? 0 : Infinity;
}
