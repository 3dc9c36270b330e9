/**
 * The quadratic objective f(x) = ½ xᵀA x − bᵀx (A symmetric, indefinite
 * allowed): its experiment-file format (schema, cross-field checks,
 * normalization) and its engine descriptor (WGSL module, parameter layout,
 * float64 twin).
 */
import source from '../../shaders/objectives/quadratic.wgsl?raw';
import { cholesky } from '../linalg/factor';
import { solve } from '../linalg/dense';
import { referenceQuadratic } from '../reference/objectives/quadratic';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { z } from 'zod';
import type { CheckContext } from '../experiment/check-context';
import { checkVectorLength } from '../experiment/dimension-checks';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import { formatJsonPath, type JsonPath } from '../experiment/json-path';
import { finiteMatrix, finiteVector } from '../experiment/numbers';
import { isArrayOfArrays, isFiniteMatrix } from '../experiment/numeric-guards';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { paramLayout } from '../compose/param-layout';

// ---- experiment-file format

/** Relative tolerance of the symmetry check, as a fraction of A's largest absolute entry. */
export const SYMMETRY_TOLERANCE = 1e-9;

/**
 * Quadratic objective `{ kind: "quadratic", A, b? }`: A a d×d symmetric matrix (indefinite
 * allowed; symmetry and squareness are checked in {@link quadraticFormat}), b a d-vector.
 */
export const quadraticObjectiveSchema = strictObject({
  kind: z.literal('quadratic'),
  A: finiteMatrix().describe('Symmetric d×d matrix A (indefinite allowed); fixes d.'),
  b: finiteVector().optional().describe('Vector b (d numbers); default 0.'),
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
export const quadraticFormat: ObjectiveKind<QuadraticObjectiveInput, QuadraticObjective> = {
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

// ---- engine descriptor

/** The registry row's descriptor: file format and engine side of the quadratic objective. */
export const quadratic = {
  kind: 'quadratic',
  schema: quadraticObjectiveSchema,
  format: quadraticFormat,
  title: 'quadratic ½xᵀAx − bᵀx',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  shader: { path: 'objectives/quadratic.wgsl', source },
  params: paramLayout({ QUADRATIC_A: (o: QuadraticObjective) => o.A.flat(), QUADRATIC_B: (o: QuadraticObjective) => o.b }),
  reference: (o: QuadraticObjective, dim: number) => referenceQuadratic(o, dim),
  thirdDerivative: true,
  /** E f(X) = ½ tr(AC) + ½ mᵀAm − bᵀm for X ~ N(m, C). */
  gaussianExpectation(o: QuadraticObjective, m: number[], C: number[][]) {
    let value = 0;
    o.A.forEach((row, i) => row.forEach((a, j) => (value += 0.5 * a * (C[j][i] + m[i] * m[j]))));
    return value - o.b.reduce((acc, bi, i) => acc + bi * m[i], 0);
  },
  /** x* = A⁻¹b when A is positive definite (Cholesky succeeds) and numerically invertible; none otherwise. */
  minimizer(o: QuadraticObjective) {
    try {
      cholesky(o.A);
      // Cholesky can pass an A too ill-conditioned for the pivoted solve (e.g. diag(9e15, 0.5)).
      return solve(o.A, o.b);
    } catch {
      return undefined;
    }
  },
} satisfies ObjectiveDescriptor<QuadraticObjective, QuadraticObjectiveInput>;
