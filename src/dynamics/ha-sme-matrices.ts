/**
 * The matrices of HA-SME on a quadratic f = ½xᵀAx − bᵀx (docs/math.md §4c), in
 * float64 through the eigendecomposition A = V diag(h) Vᵀ (no series):
 *   B = −(1/η) log(I − ηA) = V diag(bᵢ) Vᵀ,  bᵢ = −log1p(−ηhᵢ)/η,
 *   β = φ₁(ηA) b,  φ₁(u) = −log1p(−u)/u (1 at u = 0),
 *   D = V (K ∘ Σ̃) Vᵀ,  Σ̃ = Vᵀ Σ V,  K_ij = (Lᵢ + Lⱼ)/(uᵢ + uⱼ − uᵢuⱼ),  Lᵢ = −log1p(−uᵢ), uᵢ = ηhᵢ,
 * so that dX = −(B X − β) dt + √(ηD) dW has, over one SGD step, exactly SGD's
 * transition: e^{−Bη} = I − ηA and covariance η²Σ. It exists only when every
 * ηhᵢ < 1 and D ⪰ 0 (which holds when Σ commutes with A, and can fail otherwise).
 */
import { symmetricEigen } from '../linalg/symmetric-eigen';
import type { Matrix } from '../linalg/dense';

export interface HaSmeMatrices {
  B: Matrix;
  beta: number[];
  D: Matrix;
}

/** −log1p(−u)/u, with its limit 1 at u = 0. */
export function phi1(u: number): number {
  return Math.abs(u) < 1e-12 ? 1 + u / 2 : -Math.log1p(-u) / u;
}

const rebuild = (V: Matrix, diag: (i: number, j: number) => number): Matrix => {
  const n = V.length;
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => {
      let s = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += V[r][i] * diag(i, j) * V[c][j];
      return s;
    }),
  );
};

/** HA-SME's B, β and D, or the reason it does not exist for these A, Σ and η. */
export function haSmeMatrices(A: Matrix, b: number[], Sigma: Matrix, eta: number): HaSmeMatrices | { error: string } {
  const { values: h, vectors: V } = symmetricEigen(A);
  const n = h.length;
  const top = Math.max(...h);
  if (!(eta * top < 1)) {
    return {
      error: `HA-SME is undefined for lr·λ_max(A) = ${eta} × ${top} = ${eta * top} ≥ 1: log(I − ηA) has no real value (SGD there oscillates in sign; no real OU process matches it, docs/math.md §4c)`,
    };
  }
  const u = h.map((hi) => eta * hi);
  const L = u.map((ui) => -Math.log1p(-ui));
  const B = rebuild(V, (i, j) => (i === j ? L[i] / eta : 0));
  const phi = u.map(phi1);
  const phiA = rebuild(V, (i, j) => (i === j ? phi[i] : 0));
  const beta = phiA.map((row) => row.reduce((s, v, j) => s + v * b[j], 0));
  // Σ̃ = Vᵀ Σ V
  const St = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) s += V[p][i] * Sigma[p][q] * V[q][j];
      return s;
    }),
  );
  const K = (i: number, j: number) => {
    const w = u[i] + u[j] - u[i] * u[j]; // 1 − (1 − uᵢ)(1 − uⱼ)
    const sum = L[i] + L[j];
    // Where the two logs cancel (uᵢ ≈ −uⱼ: a saddle at small η), Lᵢ + Lⱼ = −log1p(−w) = w·φ₁(w).
    return Math.abs(sum) < 0.5 * (Math.abs(L[i]) + Math.abs(L[j])) ? phi1(w) : w === 0 ? 1 : sum / w;
  };
  const D = rebuild(V, (i, j) => K(i, j) * St[i][j]);
  const Dsym = D.map((row, i) => row.map((v, j) => 0.5 * (v + D[j][i])));
  const eig = symmetricEigen(Dsym).values;
  const scale = Math.max(1e-300, ...eig.map(Math.abs));
  if (Math.min(...eig) < -1e-10 * scale) {
    return {
      error: `HA-SME's diffusion D = K∘Σ̃ is not positive semi-definite here (smallest eigenvalue ${Math.min(...eig)}): Σ does not commute with A closely enough for a real law-exact diffusion (docs/math.md §4c)`,
    };
  }
  return { B, beta, D: Dsym };
}
