/** First-order propagation of f32 rounding along a float64 path (shared by the path-by-path tests of discrete methods). */

export function normInf(M: Float64Array, n: number): number {
  let best = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(M[i * n + j]);
    best = Math.max(best, s);
  }
  return best;
}

export /**
 * First-order bound |e_K|∞ ≤ ‖Φ(K, 0)‖∞ e_0 + Σ_{j<K} ‖Φ(K, j+1)‖∞ δ_j with
 * Φ(K, j) = J_{K−1}⋯J_j the step Jacobians along the float64 path (the O(e²)
 * curvature term, ≈ 1e-10, is far below it).
 */
function propagatedBound(n: number, K: number, jacobians: Float64Array[], local: number[], e0: number): number {
  let P = new Float64Array(n * n);
  let next = new Float64Array(n * n);
  for (let i = 0; i < n; i++) P[i * n + i] = 1;
  let bound = 0;
  for (let j = K - 1; j >= 0; j--) {
    bound += normInf(P, n) * local[j];
    const J = jacobians[j];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += P[r * n + k] * J[k * n + c];
        next[r * n + c] = s;
      }
    }
    [P, next] = [next, P];
  }
  return bound + normInf(P, n) * e0;
}
