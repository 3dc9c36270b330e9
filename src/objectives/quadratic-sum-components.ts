/**
 * The typed components of a `quadratic-sum` objective F = Σᵢ wᵢ fᵢ (docs/math.md §1b):
 * their experiment-file schemas, shape checks, and the two normal forms the engine
 * uses — a smooth component as ½xᵀQx − qᵀx + k, a nonsmooth one as the operator
 * of its proximal map (soft threshold or a projection, docs/math.md §1c's table).
 *
 * Component forms (`kind` defaults to `quadratic`):
 * - `{ "A", "c"? }`: ½(x − c)ᵀA(x − c), A symmetric positive semi-definite;
 * - `{ "kind": "least-squares", "A": rows, "y" }`: ½‖Ax − y‖² (a row block);
 * - `{ "kind": "l1", "lambda" }`: λ‖x‖₁;
 * - `{ "kind": "box", "lower", "upper" }`, `{ "kind": "halfspace", "normal", "offset" }`
 *   ({x : aᵀx ≤ b}), `{ "kind": "ball", "center", "radius" }`, `{ "kind": "obstacle", "psi" }`
 *   ({x ≥ ψ}): indicators of closed convex sets.
 */
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { checkMatrixShape, checkVectorLength } from '../experiment/dimension-checks';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import type { JsonPath } from '../experiment/json-path';
import { finiteMatrix, finiteNumber, finiteVector, nonNegativeNumber, positiveNumber } from '../experiment/numbers';
import { isArrayOfArrays, isFiniteMatrix, isRecord } from '../experiment/numeric-guards';
import { strictObject } from '../experiment/strict-object';
import { cholesky } from '../linalg/factor';
import { symmetricEigen } from '../linalg/symmetric-eigen';

// ---- experiment-file format

/** The quadratic component: the one a component without `kind` is (see {@link sumComponentSchema}). */
export const quadraticComponent = strictObject({
  kind: z.literal('quadratic'),
  A: finiteMatrix().describe('Symmetric positive semi-definite d×d matrix A.'),
  c: finiteVector().optional().describe('Center c (d numbers); default 0.'),
}).describe('½(x − c)ᵀA(x − c).');
const leastSquaresComponent = strictObject({
  kind: z.literal('least-squares'),
  A: finiteMatrix().describe('Rows of the block: a matrix with d columns.'),
  y: finiteVector().describe('One target per row.'),
}).describe('½‖Ax − y‖²: a block of least-squares rows.');
const l1Component = strictObject({ kind: z.literal('l1'), lambda: nonNegativeNumber().describe('λ ≥ 0.') }).describe('λ‖x‖₁.');
const boxComponent = strictObject({
  kind: z.literal('box'),
  lower: finiteVector().describe('Lower bounds (d numbers).'),
  upper: finiteVector().describe('Upper bounds (d numbers).'),
}).describe('Indicator of the box {x : lower ≤ x ≤ upper}.');
const halfspaceComponent = strictObject({
  kind: z.literal('halfspace'),
  normal: finiteVector().describe('Normal a (d numbers).'),
  offset: finiteNumber().describe('Offset b.'),
}).describe('Indicator of the halfspace {x : aᵀx ≤ b}.');
const ballComponent = strictObject({
  kind: z.literal('ball'),
  center: finiteVector().describe('Center c (d numbers).'),
  radius: positiveNumber().describe('Radius r.'),
}).describe('Indicator of the ball {x : ‖x − c‖ ≤ r}.');
const obstacleComponent = strictObject({ kind: z.literal('obstacle'), psi: finiteVector().describe('Obstacle ψ (d numbers).') }).describe(
  'Indicator of the obstacle set {x : x ≥ ψ}.',
);

/** One component; a component without `kind` is a quadratic. */
export const sumComponentSchema = z.preprocess(
  (v) => (isRecord(v) && !('kind' in v) ? { kind: 'quadratic', ...v } : v),
  z.discriminatedUnion('kind', [quadraticComponent, leastSquaresComponent, l1Component, boxComponent, halfspaceComponent, ballComponent, obstacleComponent], {
    error: (i) => `expected a component of kind quadratic, least-squares, l1, box, halfspace, ball or obstacle, found ${describeValue(i.input)}`,
  }),
);

/** A normalized component (quadratic: c filled with zeros). */
export type SumComponent =
  | { kind: 'quadratic'; A: number[][]; c: number[] }
  | { kind: 'least-squares'; A: number[][]; y: number[] }
  | { kind: 'l1'; lambda: number }
  | { kind: 'box'; lower: number[]; upper: number[] }
  | { kind: 'halfspace'; normal: number[]; offset: number }
  | { kind: 'ball'; center: number[]; radius: number }
  | { kind: 'obstacle'; psi: number[] };

/** The dimension a raw component fixes (undefined for ℓ1 or a malformed one). */
export function componentDimension(raw: unknown): number | undefined {
  if (!isRecord(raw)) return undefined;
  const kind = raw.kind ?? 'quadratic';
  const len = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v.length : undefined);
  if (kind === 'quadratic') return len(raw.A);
  if (kind === 'least-squares') return isArrayOfArrays(raw.A) && raw.A.length > 0 ? len(raw.A[0]) : undefined;
  if (kind === 'box') return len(raw.lower);
  if (kind === 'halfspace') return len(raw.normal);
  if (kind === 'ball') return len(raw.center);
  if (kind === 'obstacle') return len(raw.psi);
  return undefined;
}

/** Shape and convexity checks of one raw component against d (issues at their JSON paths). */
export function checkComponent(raw: unknown, path: JsonPath, dim: number | undefined, dimSource: string): ExperimentIssue[] {
  if (!isRecord(raw)) return [];
  const ctx = { dim, dimSource };
  const kind = raw.kind ?? 'quadratic';
  const vector = (key: string) => (Array.isArray(raw[key]) ? checkVectorLength(raw[key] as unknown[], [...path, key], ctx) : []);
  const issues: ExperimentIssue[] = [];
  if (kind === 'quadratic' && isArrayOfArrays(raw.A)) {
    const shape = checkMatrixShape(raw.A, [...path, 'A'], ctx);
    issues.push(...shape, ...vector('c'));
    if (shape.length === 0 && isFiniteMatrix(raw.A)) issues.push(...checkConvexQuadratic(raw.A, [...path, 'A']));
  }
  if (kind === 'least-squares' && isArrayOfArrays(raw.A)) {
    raw.A.forEach((row, i) => issues.push(...checkVectorLength(row, [...path, 'A', i], ctx)));
    if (Array.isArray(raw.y) && raw.y.length !== raw.A.length) {
      issues.push(issueAt([...path, 'y'], `expected one target per row of A (${raw.A.length}), found ${raw.y.length}`));
    }
  }
  if (kind === 'box') {
    issues.push(...vector('lower'), ...vector('upper'));
    if (Array.isArray(raw.lower) && Array.isArray(raw.upper)) {
      raw.lower.forEach((l, i) => {
        const u = (raw.upper as unknown[])[i];
        if (typeof l === 'number' && typeof u === 'number' && l > u) issues.push(issueAt([...path, 'upper', i], `expected upper ≥ lower (${l}), found ${u}: the box is empty`));
      });
    }
  }
  if (kind === 'halfspace') {
    issues.push(...vector('normal'));
    if (Array.isArray(raw.normal) && raw.normal.every((v) => v === 0)) issues.push(issueAt([...path, 'normal'], 'expected a nonzero normal'));
  }
  if (kind === 'ball') issues.push(...vector('center'));
  if (kind === 'obstacle') issues.push(...vector('psi'));
  return issues;
}

/** A quadratic component's A must be square (checked before), symmetric and positive semi-definite (each fᵢ convex, docs/math.md §1b). */
function checkConvexQuadratic(A: number[][], path: JsonPath): ExperimentIssue[] {
  const scale = Math.max(...A.map((row) => Math.max(...row.map(Math.abs))));
  for (let i = 0; i < A.length; i++) {
    for (let j = i + 1; j < A.length; j++) {
      if (Math.abs(A[i][j] - A[j][i]) > 1e-9 * scale) return [issueAt([...path, i, j], `expected A to be symmetric, found A[${i}][${j}] = ${A[i][j]} but A[${j}][${i}] = ${A[j][i]}`)];
    }
  }
  // Cholesky of A + δI (O(d³/3), fast at d = 1,024) decides; the eigenvalue, O(d³) per Jacobi sweep, only names a failure.
  const shift = 1e-10 * A.length * Math.max(scale, 1e-300);
  try {
    cholesky(A.map((row, i) => row.map((v, j) => (i === j ? v + shift : v))));
  } catch {
    const min = symmetricEigen(A).values[0];
    return [issueAt(path, `expected A positive semi-definite (each component convex), found the eigenvalue ${min}`)];
  }
  return [];
}

/** Fills defaults of a parsed component. */
export function normalizeComponent(c: z.output<typeof sumComponentSchema>, dim: number): SumComponent {
  if (c.kind === 'quadratic') return { kind: 'quadratic', A: c.A.map((r) => [...r]), c: c.c ? [...c.c] : new Array<number>(dim).fill(0) };
  return structuredClone(c) as SumComponent;
}

// ---- normal forms

/** A smooth component as ½xᵀQx − qᵀx + k. */
export interface SmoothForm {
  Q: number[][];
  q: number[];
  k: number;
}

/** Whether the component is a quadratic (smooth); else it acts through its proximal map. */
export function isSmooth(c: SumComponent): c is Extract<SumComponent, { kind: 'quadratic' | 'least-squares' }> {
  return c.kind === 'quadratic' || c.kind === 'least-squares';
}

/** ½(x−c)ᵀA(x−c) = ½xᵀAx − (Ac)ᵀx + ½cᵀAc;  ½‖Ax−y‖² = ½xᵀ(AᵀA)x − (Aᵀy)ᵀx + ½‖y‖². */
export function smoothForm(c: Extract<SumComponent, { kind: 'quadratic' | 'least-squares' }>, dim: number): SmoothForm {
  if (c.kind === 'quadratic') {
    const q = c.A.map((row) => row.reduce((s, a, j) => s + a * c.c[j], 0));
    return { Q: c.A.map((r) => [...r]), q, k: 0.5 * q.reduce((s, v, i) => s + v * c.c[i], 0) };
  }
  const Q = Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => c.A.reduce((s, row) => s + row[i] * row[j], 0)));
  const q = Array.from({ length: dim }, (_, i) => c.A.reduce((s, row, r) => s + row[i] * c.y[r], 0));
  return { Q, q, k: 0.5 * c.y.reduce((s, v) => s + v * v, 0) };
}

/** Σ sᵢ·(Qᵢ, qᵢ, kᵢ) over smooth components with scales sᵢ. */
export function combineSmooth(forms: { form: SmoothForm; scale: number }[], dim: number): SmoothForm {
  const Q = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  const q = new Array<number>(dim).fill(0);
  let k = 0;
  for (const { form, scale } of forms) {
    for (let i = 0; i < dim; i++) {
      q[i] += scale * form.q[i];
      for (let j = 0; j < dim; j++) Q[i][j] += scale * form.Q[i][j];
    }
    k += scale * form.k;
  }
  return { Q, q, k };
}
