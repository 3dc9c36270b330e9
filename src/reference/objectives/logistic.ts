import type { LogisticObjective } from '../../objectives/logistic';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/** σ(t) = 1/(1 + e^{−t}) without overflow (from e^{−|t|} ≤ 1). */
export function sigmoid(t: number): number {
  const e = Math.exp(-Math.abs(t));
  const s = 1 / (1 + e);
  return t >= 0 ? s : e * s;
}

/** log(1 + e^t) without overflow or cancellation: max(t, 0) + log1p(e^{−|t|}). */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/**
 * Float64 twin of shaders/objectives/logistic.wgsl: f = (1/N) Σ softplus(−m_i) + (λ/2)‖x‖²
 * with m_i = y_i a_iᵀx, ∇f_i = −y_i σ(−m_i) a_i + λx, ∇²f v = (1/N) Σ σ(m_i)σ(−m_i) a_i (a_iᵀv) + λv,
 * ∇³f[v, v] = (1/N) Σ σ(m_i)σ(−m_i)(σ(−m_i) − σ(m_i)) y_i (a_iᵀv)² a_i.
 */
export function referenceLogistic(o: LogisticObjective, dim: number): ReferenceObjective {
  const N = o.y.length;
  const A = Float64Array.from(o.A.flat());
  const y = Float64Array.from(o.y);
  const l2 = o.l2;
  const margin = (x: Float64Array, i: number) => {
    let m = 0;
    for (let j = 0; j < dim; j++) m += A[i * dim + j] * x[j];
    return y[i] * m;
  };
  const dataGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => {
    const c = -weight * y[i] * sigmoid(-margin(x, i));
    for (let j = 0; j < dim; j++) out[j] += c * A[i * dim + j];
  };
  return {
    sampleCount: N,
    sampleGradAdd(x, i, weight, out) {
      dataGradAdd(x, i, weight, out);
      for (let j = 0; j < dim; j++) out[j] += weight * l2 * x[j];
    },
    grad(x, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) dataGradAdd(x, i, 1, out);
      for (let j = 0; j < dim; j++) out[j] = out[j] / N + l2 * x[j];
    },
    hessVec(x, v, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) {
        const e = Math.exp(-Math.abs(margin(x, i)));
        let av = 0;
        for (let j = 0; j < dim; j++) av += A[i * dim + j] * v[j];
        const c = (e / ((1 + e) * (1 + e))) * av;
        for (let j = 0; j < dim; j++) out[j] += c * A[i * dim + j];
      }
      for (let j = 0; j < dim; j++) out[j] = out[j] / N + l2 * v[j];
    },
    thirdDir(x, v, out) {
      out.fill(0);
      for (let i = 0; i < N; i++) {
        const m = margin(x, i);
        const e = Math.exp(-Math.abs(m));
        const curvature = e / ((1 + e) * (1 + e));
        const skew = (-Math.sign(m) * (1 - e)) / (1 + e);
        let av = 0;
        for (let j = 0; j < dim; j++) av += A[i * dim + j] * v[j];
        const c = curvature * skew * y[i] * av * av;
        for (let j = 0; j < dim; j++) out[j] += c * A[i * dim + j];
      }
      for (let j = 0; j < dim; j++) out[j] /= N;
    },
    loss(x) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += softplus(-margin(x, i));
      let norm2 = 0;
      for (let j = 0; j < dim; j++) norm2 += x[j] * x[j];
      return sum / N + 0.5 * l2 * norm2;
    },
  };
}
