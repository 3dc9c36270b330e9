import { z } from 'zod';
import type { CheckContext } from '../check-context';
import { describeValue } from '../describe-value';
import { checkMatrixShape, checkVectorLength } from '../dimension-checks';
import type { ExperimentIssue } from '../issue';
import type { JsonPath } from '../json-path';
import { finiteMatrix, nonNegativeNumber } from '../numbers';
import { isArrayOfArrays } from '../numeric-guards';

/**
 * The diffusion coefficient σ of `dX = −∇f dt + σ dW` as written: a scalar ≥ 0 (σ·I),
 * a vector of d entries ≥ 0 (diagonal), or a d×d matrix (entries of any sign).
 */
export type SigmaInput = number | number[] | number[][];

/** Zod schema of {@link SigmaInput}; its length against d is checked by {@link checkSigmaShape}. */
export function sigmaSchema() {
  return z.union([nonNegativeNumber(), z.array(nonNegativeNumber()).min(1), finiteMatrix()], {
    error: (issue) =>
      `expected sigma as a number ≥ 0, an array of d numbers ≥ 0 (diagonal) or a d×d matrix, found ${describeValue(issue.input)}`,
  });
}

/** Checks a raw sigma's vector length or matrix shape against d (other defects are the schema's). */
export function checkSigmaShape(raw: unknown, path: JsonPath, ctx: CheckContext): ExperimentIssue[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  if (isArrayOfArrays(raw)) return checkMatrixShape(raw, path, ctx);
  if (raw.every((entry) => !Array.isArray(entry))) return checkVectorLength(raw, path, ctx);
  return [];
}

/** The d×d matrix form of a valid sigma: σ·I, diag(σ), or a copy of the matrix. */
export function sigmaToMatrix(sigma: SigmaInput, dim: number): number[][] {
  if (typeof sigma === 'number') {
    return Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? sigma : 0)));
  }
  if (sigma.every((entry): entry is number[] => Array.isArray(entry))) return sigma.map((row) => [...row]);
  const diagonal = sigma as number[];
  return Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? diagonal[i] : 0)));
}
