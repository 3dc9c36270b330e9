import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { symmetricEigen } from '../../linalg/symmetric-eigen';
import type { Matrix } from '../../linalg/dense';
import { phi1 } from '../../dynamics/ha-sme-matrices';

/** Negative eigenvalues of D below this fraction of its largest make HA-SME undefined at x (as in the WGSL). */
export const D_NEGATIVE_TOLERANCE = 1e-5;

/**
 * Float64 twin of the HESSIAN_MOVING substep of shaders/dynamics/ha-sme.wgsl: H(x)
 * from Hessian-vector products, drift −φ₁(ηH)∇f, noise (ηD)^{1/2} u with the
 * symmetric square root; NaN where the model is undefined at x.
 */
export function haSmeMovingSubstep(f: ReferenceObjective, Sigma: Matrix, eta: number, dim: number) {
  const e = new Float64Array(dim);
  const column = new Float64Array(dim);
  const g = new Float64Array(dim);
  return (x: Float64Array, u: Float64Array, dt: number, sqrtDt: number) => {
    const H: Matrix = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
    for (let q = 0; q < dim; q++) {
      e.fill(0);
      e[q] = 1;
      f.hessVec(x, e, column);
      for (let i = 0; i < dim; i++) H[i][q] = column[i];
    }
    for (let i = 0; i < dim; i++) for (let q = i + 1; q < dim; q++) H[i][q] = H[q][i] = 0.5 * (H[i][q] + H[q][i]);
    if (!H.every((row) => row.every(Number.isFinite))) {
      x.fill(NaN);
      return;
    }
    const { values, vectors: V } = symmetricEigen(H);
    const w = values.map((h) => eta * h);
    const L = w.map((wi) => -Math.log1p(-wi));
    if (w.some((wi) => !(wi < 1))) {
      x.fill(NaN);
      return;
    }
    f.grad(x, g);
    const gt = w.map((wi, i) => V.reduce((acc, row, q) => acc + row[i] * g[q], 0) * phi1(wi));
    const St = w.map((_, i) =>
      w.map((__, j) => {
        let acc = 0;
        for (let p = 0; p < dim; p++) for (let q = 0; q < dim; q++) acc += V[p][i] * Sigma[p][q] * V[q][j];
        const den = w[i] + w[j] - w[i] * w[j];
        const sum = L[i] + L[j];
        // Lᵢ + Lⱼ = −log1p(−den) where the two logs cancel (a saddle at small η); as the WGSL.
        return acc * (Math.abs(sum) < 0.5 * (Math.abs(L[i]) + Math.abs(L[j])) ? phi1(den) : den === 0 ? 1 : sum / den);
      }),
    );
    const D: Matrix = w.map((_, i) =>
      w.map((__, j) => {
        let acc = 0;
        for (let p = 0; p < dim; p++) for (let q = 0; q < dim; q++) acc += V[i][p] * St[p][q] * V[j][q];
        return eta * acc;
      }),
    );
    for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) D[i][j] = D[j][i] = 0.5 * (D[i][j] + D[j][i]);
    const { values: lambda, vectors: W } = symmetricEigen(D);
    const top = Math.max(...lambda.map(Math.abs));
    if (lambda.some((l) => l < -D_NEGATIVE_TOLERANCE * top)) {
      x.fill(NaN);
      return;
    }
    const wu = lambda.map((l, i) => W.reduce((acc, row, q) => acc + row[i] * u[q], 0) * Math.sqrt(Math.max(l, 0)));
    for (let i = 0; i < dim; i++) {
      let drift = 0;
      let noise = 0;
      for (let q = 0; q < dim; q++) {
        drift -= V[i][q] * gt[q];
        noise += W[i][q] * wu[q];
      }
      x[i] = x[i] + dt * drift + sqrtDt * noise;
    }
  };
}
