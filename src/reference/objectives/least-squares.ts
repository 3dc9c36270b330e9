import type { LeastSquaresObjective } from '../../objectives/least-squares';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { designRows } from './design-rows';

/**
 * Float64 twin of shaders/objectives/least-squares.wgsl: f = (1/N) Σ ½ r_i² + λ‖x‖₁ with
 * r_i = a_iᵀx − y_i, ∇f_i = r_i a_i, ∇²f v = (1/N) Σ a_i (a_iᵀv).
 */
export function referenceLeastSquares(o: LeastSquaresObjective, dim: number): ReferenceObjective {
  const rows = designRows(o, dim);
  const N = rows.count;
  const residual = rows.residual;
  const l1 = o.l1;
  const sampleGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => {
    rows.axpy(weight * residual(x, i), i, out);
    for (let j = 0; j < dim; j++) out[j] += weight * l1 * Math.sign(x[j]);
  };
  return {
    sampleCount: N,
    sampleGradAdd,
    grad(x, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) sampleGradAdd(x, i, 1, out);
      for (let j = 0; j < dim; j++) out[j] /= N;
    },
    hessVec(_x, v, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) rows.outerAdd(i, v, out);
      for (let j = 0; j < dim; j++) out[j] /= N;
    },
    thirdDir(_x, _v, out) {
      out.fill(0);
    },
    loss(x) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += residual(x, i) ** 2;
      let norm1 = 0;
      for (let j = 0; j < dim; j++) norm1 += Math.abs(x[j]);
      return (0.5 * sum) / N + l1 * norm1;
    },
  };
}
