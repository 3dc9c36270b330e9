/**
 * Eigen-decomposition of real symmetric matrices by the cyclic Jacobi method:
 * slow asymptotically but simple, robust, and accurate to working precision,
 * which is what host-side reference factorisations need.
 */

import { isSymmetric } from './dense';
import type { Matrix } from './dense';

/** Eigenvalues in ascending order and the matching orthonormal eigenvectors (as columns). */
export interface SymmetricEigen {
  values: number[];
  vectors: Matrix;
}

/** Sweeps after which a non-converged Jacobi iteration is reported as an error. */
const MAX_SWEEPS = 100;

/**
 * Eigenvalues and eigenvectors of a symmetric A (A = V·diag(values)·Vᵀ).
 * Uses the cyclic Jacobi method with a threshold in the first sweeps
 * (Numerical Recipes' `jacobi`); values ascend and `vectors[:, k]` belongs
 * to `values[k]`. Throws when A is not square and symmetric (relative 1e-8);
 * small asymmetries from rounding are averaged away.
 */
export function symmetricEigen(A: Matrix): SymmetricEigen {
  const n = A.length;
  if (!isSymmetric(A, 1e-8)) throw new Error('symmetricEigen: matrix is not square and symmetric');
  for (const row of A) {
    for (const x of row) if (!Number.isFinite(x)) throw new Error('symmetricEigen: matrix has non-finite entries');
  }

  // Flat row-major working copies: a (symmetrised A) and v (accumulated rotations).
  const a = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    v[i * n + i] = 1;
    for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (A[i][j] + A[j][i]);
  }

  let converged = false;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let offSum = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) offSum += Math.abs(a[p * n + q]);
    if (offSum === 0) {
      converged = true;
      break;
    }
    // Early sweeps only rotate the larger entries, which saves work.
    const threshold = sweep < 3 ? (0.2 * offSum) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        const g = 100 * Math.abs(apq);
        // Once negligible next to both diagonal entries, an entry is set to zero.
        if (sweep > 3 && Math.abs(app) + g === Math.abs(app) && Math.abs(aqq) + g === Math.abs(aqq)) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        if (Math.abs(apq) <= threshold || apq === 0) continue;
        rotate(a, v, n, p, q);
      }
    }
  }
  if (!converged) throw new Error(`symmetricEigen: Jacobi did not converge in ${MAX_SWEEPS} sweeps`);

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i * n + i] - a[j * n + j]);
  const values = order.map((k) => a[k * n + k]);
  const vectors: Matrix = [];
  for (let i = 0; i < n; i++) vectors.push(order.map((k) => v[i * n + k]));
  return { values, vectors };
}

/** Applies the Jacobi rotation that annihilates a[p][q] to a (both sides) and v (right). */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  const app = a[p * n + p];
  const aqq = a[q * n + q];
  const h = aqq - app;
  let t: number;
  if (Math.abs(h) + 100 * Math.abs(apq) === Math.abs(h)) {
    t = apq / h;
  } else {
    const theta = (0.5 * h) / apq;
    t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
    if (theta < 0) t = -t;
  }
  const c = 1 / Math.sqrt(1 + t * t);
  const s = t * c;
  a[p * n + p] = app - t * apq;
  a[q * n + q] = aqq + t * apq;
  a[p * n + q] = 0;
  a[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    if (k === p || k === q) continue;
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    const newKp = c * akp - s * akq;
    const newKq = s * akp + c * akq;
    a[k * n + p] = newKp;
    a[p * n + k] = newKp;
    a[k * n + q] = newKq;
    a[q * n + k] = newKq;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
