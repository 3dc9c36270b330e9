/**
 * Dense float64 matrix and vector primitives for host-side reference math.
 *
 * Everything here is deliberately plain (arrays of rows, no views, no
 * in-place tricks): these routines feed the closed-form oracles that GPU
 * results are checked against, so clarity and exactness matter more than speed.
 */

/** A dense row-major matrix: an array of equally long rows. */
export type Matrix = number[][];

/** A dense vector. */
export type Vector = number[];

/** The n×n identity, the neutral element for {@link matmul}. */
export function identity(n: number): Matrix {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I[i][i] = 1;
  return I;
}

/** A rows×cols matrix of zeros (cols defaults to rows), used as a fresh accumulator. */
export function zeros(rows: number, cols: number = rows): Matrix {
  const Z: Matrix = new Array(rows);
  for (let i = 0; i < rows; i++) Z[i] = new Array<number>(cols).fill(0);
  return Z;
}

/** A deep copy, so callers can mutate without aliasing the input. */
export function copyMatrix(A: Matrix): Matrix {
  return A.map((row) => row.slice());
}

/** Aᵀ. */
export function transpose(A: Matrix): Matrix {
  const rows = A.length;
  const cols = rows === 0 ? 0 : A[0].length;
  const T = zeros(cols, rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) T[j][i] = A[i][j];
  return T;
}

/** The product A·B; throws when the inner dimensions disagree. */
export function matmul(A: Matrix, B: Matrix): Matrix {
  const n = A.length;
  const k = B.length;
  const m = k === 0 ? 0 : B[0].length;
  if (n > 0 && A[0].length !== k) {
    throw new Error(`matmul: inner dimensions differ (${A[0].length} vs ${k})`);
  }
  const C = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const Ai = A[i];
    const Ci = C[i];
    for (let p = 0; p < k; p++) {
      const a = Ai[p];
      if (a === 0) continue;
      const Bp = B[p];
      for (let j = 0; j < m; j++) Ci[j] += a * Bp[j];
    }
  }
  return C;
}

/** The product A·x; throws when the dimensions disagree. */
export function matvec(A: Matrix, x: Vector): Vector {
  const n = A.length;
  if (n > 0 && A[0].length !== x.length) {
    throw new Error(`matvec: dimensions differ (${A[0].length} vs ${x.length})`);
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const Ai = A[i];
    for (let j = 0; j < x.length; j++) s += Ai[j] * x[j];
    y[i] = s;
  }
  return y;
}

function assertSameShape(A: Matrix, B: Matrix, op: string): void {
  if (A.length !== B.length || (A.length > 0 && A[0].length !== B[0].length)) {
    throw new Error(`${op}: shapes differ`);
  }
}

/** The element-wise sum A + B. */
export function add(A: Matrix, B: Matrix): Matrix {
  assertSameShape(A, B, 'add');
  return A.map((row, i) => row.map((a, j) => a + B[i][j]));
}

/** The element-wise difference A − B. */
export function sub(A: Matrix, B: Matrix): Matrix {
  assertSameShape(A, B, 'sub');
  return A.map((row, i) => row.map((a, j) => a - B[i][j]));
}

/** (A + Aᵀ)/2: removes the rounding asymmetry from computed covariances. */
export function symmetrize(A: Matrix): Matrix {
  return A.map((row, i) => row.map((a, j) => 0.5 * (a + A[j][i])));
}

/** The element-wise vector sum x + y. */
export function addVectors(x: Vector, y: Vector): Vector {
  if (x.length !== y.length) throw new Error('addVectors: lengths differ');
  return x.map((xi, i) => xi + y[i]);
}

/** s·A. */
export function scale(A: Matrix, s: number): Matrix {
  return A.map((row) => row.map((a) => s * a));
}

/** The outer product x·yᵀ (rank-1 matrix). */
export function outer(x: Vector, y: Vector): Matrix {
  return x.map((xi) => y.map((yj) => xi * yj));
}

/** The largest absolute entry, a cheap scale for tolerances. */
export function maxAbs(A: Matrix): number {
  let m = 0;
  for (const row of A) for (const a of row) m = Math.max(m, Math.abs(a));
  return m;
}

/** The Frobenius norm √(Σ aᵢⱼ²), computed with scaling to avoid overflow. */
export function frobenius(A: Matrix): number {
  const s = maxAbs(A);
  if (s === 0 || !Number.isFinite(s)) return s;
  let sum = 0;
  for (const row of A) for (const a of row) sum += (a / s) * (a / s);
  return s * Math.sqrt(sum);
}

/**
 * Whether A is square and symmetric up to |aᵢⱼ − aⱼᵢ| ≤ relTol·maxAbs(A);
 * a relative test so that scaled matrices are judged alike.
 */
export function isSymmetric(A: Matrix, relTol = 1e-12): boolean {
  const n = A.length;
  for (const row of A) if (row.length !== n) return false;
  const tol = relTol * maxAbs(A);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!(Math.abs(A[i][j] - A[j][i]) <= tol)) return false;
    }
  }
  return true;
}

/** An LU factorisation P·A = L·U packed in one matrix, with the row permutation. */
interface LuFactors {
  lu: Matrix;
  perm: number[];
}

/** LU with partial pivoting; throws 'singular matrix' on a zero (or negligible) pivot. */
function luDecompose(A: Matrix): LuFactors {
  const n = A.length;
  for (const row of A) {
    if (row.length !== n) throw new Error('solve: matrix is not square');
  }
  const lu = copyMatrix(A);
  const perm = Array.from({ length: n }, (_, i) => i);
  const tiny = maxAbs(A) * n * Number.EPSILON;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k][k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i][k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > tiny)) {
      throw new Error(`singular matrix: no usable pivot in column ${k} (|pivot| = ${best})`);
    }
    if (p !== k) {
      [lu[p], lu[k]] = [lu[k], lu[p]];
      [perm[p], perm[k]] = [perm[k], perm[p]];
    }
    const pivotRow = lu[k];
    const pivot = pivotRow[k];
    for (let i = k + 1; i < n; i++) {
      const row = lu[i];
      const f = row[k] / pivot;
      row[k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) row[j] -= f * pivotRow[j];
    }
  }
  return { lu, perm };
}

function luSolveVector({ lu, perm }: LuFactors, b: Vector): Vector {
  const n = lu.length;
  const x = perm.map((p) => b[p]);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let j = 0; j < i; j++) s -= lu[i][j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= lu[i][j] * x[j];
    x[i] = s / lu[i][i];
  }
  return x;
}

/**
 * Solves A·x = b (vector b) or A·X = B (matrix B) by LU with partial pivoting.
 * Throws an Error starting with 'singular matrix' when A has no usable pivot.
 */
export function solve(A: Matrix, b: Vector): Vector;
export function solve(A: Matrix, B: Matrix): Matrix;
export function solve(A: Matrix, b: Vector | Matrix): Vector | Matrix {
  if (b.length !== A.length) {
    throw new Error(`solve: right-hand side has ${b.length} rows, matrix has ${A.length}`);
  }
  const factors = luDecompose(A);
  if (b.length > 0 && Array.isArray(b[0])) {
    const B = b as Matrix;
    const cols = transpose(B).map((col) => luSolveVector(factors, col));
    return transpose(cols);
  }
  if (b.length === 0) return [];
  return luSolveVector(factors, b as Vector);
}

/** A⁻¹ via {@link solve}; prefer solve itself when only A⁻¹·B is needed. */
export function inverse(A: Matrix): Matrix {
  return solve(A, identity(A.length));
}
