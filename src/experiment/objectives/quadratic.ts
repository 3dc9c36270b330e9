import { z } from 'zod';
import type { CheckContext } from '../check-context';
import { checkVectorLength } from '../dimension-checks';
import { issueAt, type ExperimentIssue } from '../issue';
import { formatJsonPath, type JsonPath } from '../json-path';
import { finiteMatrix, finiteVector } from '../numbers';
import { isArrayOfArrays, isFiniteMatrix } from '../numeric-guards';
import { strictObject } from '../strict-object';
import type { ObjectiveKind } from './objective-kind';

/** Relative tolerance of the symmetry check, as a fraction of A's largest absolute entry. */
export const SYMMETRY_TOLERANCE = 1e-9;

/**
 * Quadratic objective `{ kind: "quadratic", A, b? }`: A a d×d symmetric matrix (indefinite
 * allowed; symmetry and squareness are checked in {@link quadraticObjective}), b a d-vector.
 */
export const quadraticObjectiveSchema = strictObject({
  kind: z.literal('quadratic'),
  A: finiteMatrix(),
  b: finiteVector().optional(),
});

/** A quadratic objective as written in the file. */
export type QuadraticObjectiveInput = z.output<typeof quadraticObjectiveSchema>;

/** A normalized quadratic objective: A symmetric d×d (possibly indefinite), b filled (zeros by default). */
export interface QuadraticObjective {
  kind: 'quadratic';
  A: number[][];
  b: number[];
}

function checkSymmetry(A: number[][], path: JsonPath): ExperimentIssue[] {
  const scale = Math.max(0, ...A.map((row) => Math.max(...row.map(Math.abs))));
  const tolerance = SYMMETRY_TOLERANCE * scale;
  for (let i = 0; i < A.length; i++) {
    for (let j = i + 1; j < A.length; j++) {
      const difference = Math.abs(A[i][j] - A[j][i]);
      if (difference > tolerance) {
        return [
          issueAt(
            [...path, i, j],
            `expected A to be symmetric, found A[${i}][${j}] = ${A[i][j]} but A[${j}][${i}] = ${A[j][i]} ` +
              `(difference ${difference} exceeds ${SYMMETRY_TOLERANCE} × max|A| = ${tolerance})`,
          ),
        ];
      }
    }
  }
  return [];
}

function checkSquare(A: unknown[][], path: JsonPath): ExperimentIssue[] {
  const n = A.length;
  return A.flatMap((row, i) =>
    row.length === n
      ? []
      : [issueAt([...path, i], `expected a row of ${n} entries (A must be square, and it has ${n} rows), found ${row.length}`)],
  );
}

/** Cross-field behaviour of the quadratic objective: A square and symmetric, b of length d. */
export const quadraticObjective: ObjectiveKind<QuadraticObjectiveInput, QuadraticObjective> = {
  check(raw, path) {
    const aPath = [...path, 'A'];
    const issues: ExperimentIssue[] = [];
    let dim: number | undefined;
    if (isArrayOfArrays(raw.A) && raw.A.length > 0) {
      const squareIssues = checkSquare(raw.A, aPath);
      issues.push(...squareIssues);
      if (squareIssues.length === 0) {
        dim = raw.A.length;
        if (isFiniteMatrix(raw.A)) issues.push(...checkSymmetry(raw.A, aPath));
      }
    }
    if (Array.isArray(raw.b)) {
      const ctx: CheckContext = { dim, dimSource: formatJsonPath(aPath) };
      issues.push(...checkVectorLength(raw.b, [...path, 'b'], ctx));
    }
    return { dim, issues };
  },
  dimension: (parsed) => parsed.A.length,
  normalize: (parsed) => ({
    kind: 'quadratic',
    A: parsed.A.map((row) => [...row]),
    b: parsed.b ? [...parsed.b] : new Array<number>(parsed.A.length).fill(0),
  }),
};
