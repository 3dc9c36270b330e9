import type { HuberObjective } from '../../objectives/huber';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

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
  const N = o.y.length;
  const A = Float64Array.from(o.A.flat());
  const y = Float64Array.from(o.y);
  const delta = o.delta;
  const residual = (x: Float64Array, i: number) => {
    let r = -y[i];
    for (let j = 0; j < dim; j++) r += A[i * dim + j] * x[j];
    return r;
  };
  const sampleGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => {
    const c = weight * Math.min(delta, Math.max(-delta, residual(x, i)));
    for (let j = 0; j < dim; j++) out[j] += c * A[i * dim + j];
  };
  return {
    sampleCount: N,
    sampleGradAdd,
    grad(x, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) sampleGradAdd(x, i, 1, out);
      for (let j = 0; j < dim; j++) out[j] /= N;
    },
    hessVec(x, v, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) {
        if (!(Math.abs(residual(x, i)) < delta)) continue;
        let av = 0;
        for (let j = 0; j < dim; j++) av += A[i * dim + j] * v[j];
        for (let j = 0; j < dim; j++) out[j] += av * A[i * dim + j];
      }
      for (let j = 0; j < dim; j++) out[j] /= N;
    },
    loss(x) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += huberLoss(residual(x, i), delta);
      return sum / N;
    },
  };
}
