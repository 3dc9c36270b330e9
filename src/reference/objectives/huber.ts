import type { HuberObjective } from '../../objectives/huber';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { designRows } from './design-rows';

/** h_δ(r): ½r² for |r| ≤ δ, else δ(|r| − ½δ). */
export function huberLoss(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/**
 * Float64 twin of shaders/objectives/huber.wgsl: f = (1/N) Σ h_δ(a_iᵀx − y_i),
 * ∇f_i = clamp(r_i, −δ, δ) a_i, ∇²f v = (1/N) Σ_{|r_i| < δ} a_i (a_iᵀv).
 */
export function referenceHuber(o: HuberObjective, dim: number): ReferenceObjective {
  const rows = designRows(o, dim);
  const N = rows.count;
  const delta = o.delta;
  const sampleGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => {
    rows.axpy(weight * Math.min(delta, Math.max(-delta, rows.residual(x, i))), i, out);
  };
  return {
    sampleCount: N,
    sampleGradAdd,
    // finite_sum_mean_grad: each sample weighted 1/N as it is added.
    grad(x, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) sampleGradAdd(x, i, 1 / N, out);
    },
    hessVec(x, v, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) if (Math.abs(rows.residual(x, i)) < delta) rows.outerAdd(i, v, out);
      for (let j = 0; j < dim; j++) out[j] /= N;
    },
    loss(x) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += huberLoss(rows.residual(x, i), delta);
      return sum / N;
    },
  };
}
