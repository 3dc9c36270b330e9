/** The worked problems of docs/math.md §1d, as experiment-file objectives, and an independent float64 solver. */

/** (i) f₁ = ½·1·(x − 1)², f₂ = ½·3·(x + 1)², F = (f₁ + f₂)/2; full flow u(t) = −0.5 + 2.5e^{−2t} from u0 = 2. */
export const TWO_QUADRATICS = { kind: 'quadratic-sum', components: [{ A: [[1]], c: [1] }, { A: [[3]], c: [-1] }] };
export const TWO_QUADRATICS_SWITCHING = { a: [1, 3], c: [1, -1], p: [0.5, 0.5] };
export const fullFlowScalar = (t: number) => -0.5 + 2.5 * Math.exp(-2 * t);

/** (ii) LASSO ½‖Ax − y‖² + λ‖x‖₁ as 4 rows and the ℓ1 term, each weight 1 (F = Σ fᵢ; picked with q = 1/5, scaled by 5). */
export const LASSO_A = [[1, 0.5, 0], [0.5, 1, 0.5], [1, -1, 1], [0, 0.5, 2]];
export const LASSO_Y = [1, 2, -0.5, 0.3];
export const LASSO_LAMBDA = 0.5;
export const LASSO = {
  kind: 'quadratic-sum',
  components: [...LASSO_A.map((row, i) => ({ kind: 'least-squares', A: [row], y: [LASSO_Y[i]] })), { kind: 'l1', lambda: LASSO_LAMBDA }],
  weights: [1, 1, 1, 1, 1],
};
export const LASSO_MINIMIZER = [4 / 9, 1.06, 0];

/** (iii) ½‖x − z‖² on [0,1]² ∩ {x₁ + x₂ ≤ 1.5}, z = (2, 2): three components, weights 1. */
export const CONSTRAINED = {
  kind: 'quadratic-sum',
  components: [{ A: [[1, 0], [0, 1]], c: [2, 2] }, { kind: 'box', lower: [0, 0], upper: [1, 1] }, { kind: 'halfspace', normal: [1, 1], offset: 1.5 }],
  weights: [1, 1, 1],
};
export const CONSTRAINED_MINIMIZER = [0.75, 0.75];

/** FISTA on ½‖Ax − y‖² + λ‖x‖₁ with step 1/‖A‖₂² (Beck & Teboulle 2009), in float64. */
export function fistaLasso(A: number[][], y: number[], lambda: number, iterations: number): number[] {
  const d = A[0].length;
  const AtA = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => A.reduce((s, r) => s + r[i] * r[j], 0)));
  const Aty = Array.from({ length: d }, (_, i) => A.reduce((s, r, k) => s + r[i] * y[k], 0));
  // ‖A‖₂² = λ_max(AᵀA) by power iteration.
  let v = new Array<number>(d).fill(1);
  let L = 0;
  for (let it = 0; it < 500; it++) {
    const w = AtA.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
    L = Math.hypot(...w);
    v = w.map((x) => x / L);
  }
  let x = new Array<number>(d).fill(0);
  let z = [...x];
  let t = 1;
  for (let it = 0; it < iterations; it++) {
    const g = AtA.map((row, i) => row.reduce((s, a, j) => s + a * z[j], 0) - Aty[i]);
    const next = z.map((zi, i) => {
      const u = zi - g[i] / L;
      return Math.sign(u) * Math.max(Math.abs(u) - lambda / L, 0);
    });
    const tn = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    z = next.map((xi, i) => xi + ((t - 1) / tn) * (xi - x[i]));
    x = next;
    t = tn;
  }
  return x;
}

/** Projected gradient on ½‖x − z‖² over box ∩ halfspace, the projection onto the intersection by Dykstra's algorithm. */
export function projectedGradientConstrained(z: number[], iterations: number): number[] {
  const project = (p: number[]) => {
    let x = [...p];
    let pBox = [0, 0];
    let pHalf = [0, 0];
    for (let k = 0; k < 2000; k++) {
      const yb = x.map((xi, i) => Math.min(1, Math.max(0, xi + pBox[i])));
      pBox = x.map((xi, i) => xi + pBox[i] - yb[i]);
      const w = yb.map((v, i) => v + pHalf[i]);
      const excess = Math.max(0, w[0] + w[1] - 1.5) / 2;
      const yh = w.map((v) => v - excess);
      pHalf = w.map((v, i) => v - yh[i]);
      x = yh;
    }
    return x;
  };
  let x = [0, 0];
  for (let it = 0; it < iterations; it++) x = project(x.map((xi, i) => xi - 0.5 * (xi - z[i])));
  return x;
}

/**
 * (iv) The 1-D heat problem split over two overlapping subdomains: N interior nodes, h = 1/(N + 1),
 * L_i = Σ_e χ_i(x_e) d_e d_eᵀ/h² with χ₁(x) = clip((0.6 − x)/0.2, 0, 1), χ₂ = 1 − χ₁; the flow of
 * F_i = ½uᵀL_iu picked with probability ½ is u′ = −2L_iu (weights ½ with mean scaling).
 */
export function heatSplit(N: number): number[][][] {
  const h = 1 / (N + 1);
  const L = [0, 1].map(() => Array.from({ length: N }, () => new Array<number>(N).fill(0)));
  for (let e = 0; e <= N; e++) {
    const x = (e + 0.5) * h;
    const chi1 = Math.min(1, Math.max(0, (0.6 - x) / 0.2));
    [chi1, 1 - chi1].forEach((chi, i) => {
      // d_e = u_{e+1} − u_e over nodes e − 1 and e (0-based interior indices), boundary nodes dropped.
      const nodes: [number, number][] = [[e - 1, -1], [e, 1]];
      for (const [a, sa] of nodes) {
        for (const [b, sb] of nodes) {
          if (a >= 0 && a < N && b >= 0 && b < N) L[i][a][b] += (chi * sa * sb) / (h * h);
        }
      }
    });
  }
  return L;
}
