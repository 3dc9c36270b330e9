/**
 * The matrix exponential, used by the closed-form oracles (exact OU
 * transitions, Van Loan integrals) that GPU ensembles are compared against.
 */

import { add, identity, matmul, scale, solve, sub } from './dense';
import type { Matrix } from './dense';

/**
 * Largest 1-norms for which Padé degree 3, 5, 7, 9, 13 reaches unit roundoff
 * in double precision (Higham 2005, Table 2.3).
 */
const THETA_3 = 1.495585217958292e-2;
const THETA_5 = 2.539398330063230e-1;
const THETA_7 = 9.504178996162932e-1;
const THETA_9 = 2.097847961257068e0;
const THETA_13 = 5.371920351148152e0;

/** Padé numerator coefficients b_0..b_m for the degrees used below. */
const PADE_3 = [120, 60, 12, 1];
const PADE_5 = [30240, 15120, 3360, 420, 30, 1];
const PADE_7 = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1];
const PADE_9 = [
  17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1,
];
const PADE_13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
  10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];

/** The matrix 1-norm (largest absolute column sum), the norm Higham's bounds use. */
function norm1(A: Matrix): number {
  const n = A.length;
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(A[i][j]);
    best = Math.max(best, s);
  }
  return best;
}

/** Σ cₖ·Mₖ over matching lists, a small helper for the Padé polynomials. */
function linearCombination(coefficients: number[], matrices: Matrix[]): Matrix {
  let sum = scale(matrices[0], coefficients[0]);
  for (let k = 1; k < matrices.length; k++) sum = add(sum, scale(matrices[k], coefficients[k]));
  return sum;
}

/** r_m(A) = (V − U)⁻¹(V + U) for the low degrees m ∈ {3, 5, 7, 9}. */
function padeLowDegree(A: Matrix, b: number[]): Matrix {
  const n = A.length;
  const I = identity(n);
  const A2 = matmul(A, A);
  const evenPowers: Matrix[] = [I, A2];
  for (let k = 2; 2 * k < b.length; k++) evenPowers.push(matmul(evenPowers[k - 1], A2));
  const oddCoefficients = evenPowers.map((_, k) => b[2 * k + 1]);
  const evenCoefficients = evenPowers.map((_, k) => b[2 * k]);
  const U = matmul(A, linearCombination(oddCoefficients, evenPowers));
  const V = linearCombination(evenCoefficients, evenPowers);
  return solve(sub(V, U), add(V, U));
}

/** r_13(A), evaluated with Higham's 6-multiplication scheme. */
function pade13(A: Matrix): Matrix {
  const b = PADE_13;
  const I = identity(A.length);
  const A2 = matmul(A, A);
  const A4 = matmul(A2, A2);
  const A6 = matmul(A4, A2);
  const U = matmul(
    A,
    add(
      matmul(A6, linearCombination([b[13], b[11], b[9]], [A6, A4, A2])),
      linearCombination([b[7], b[5], b[3], b[1]], [A6, A4, A2, I]),
    ),
  );
  const V = add(
    matmul(A6, linearCombination([b[12], b[10], b[8]], [A6, A4, A2])),
    linearCombination([b[6], b[4], b[2], b[0]], [A6, A4, A2, I]),
  );
  return solve(sub(V, U), add(V, U));
}

/**
 * e^A for a real square matrix by scaling and squaring with Padé
 * approximants (Higham 2005, "The scaling and squaring method for the matrix
 * exponential revisited"): the lowest Padé degree that is accurate to unit
 * roundoff for ‖A‖₁, else degree 13 on A/2ˢ followed by s squarings.
 */
export function expm(A: Matrix): Matrix {
  const n = A.length;
  for (const row of A) {
    if (row.length !== n) throw new Error('expm: matrix is not square');
    for (const a of row) if (!Number.isFinite(a)) throw new Error('expm: matrix has non-finite entries');
  }
  if (n === 0) return [];
  const norm = norm1(A);
  if (norm === 0) return identity(n);
  if (norm <= THETA_3) return padeLowDegree(A, PADE_3);
  if (norm <= THETA_5) return padeLowDegree(A, PADE_5);
  if (norm <= THETA_7) return padeLowDegree(A, PADE_7);
  if (norm <= THETA_9) return padeLowDegree(A, PADE_9);
  const squarings = Math.max(0, Math.ceil(Math.log2(norm / THETA_13)));
  let E = pade13(scale(A, 2 ** -squarings));
  for (let k = 0; k < squarings; k++) E = matmul(E, E);
  return E;
}
