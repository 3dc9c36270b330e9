import type { AbsoluteDeviationObjective } from '../../objectives/absolute-deviation';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/**
 * Float64 twin of shaders/objectives/absolute-deviation.wgsl: f = (1/N) Σ_i Σ_j w_j |x_j − a_ij|,
 * the subgradient ∇f_i(x)_j = w_j sign(x_j − a_ij) with sign(0) = 0, ∇²f = 0.
 */
export function referenceAbsoluteDeviation(o: AbsoluteDeviationObjective, dim: number): ReferenceObjective {
  const N = o.points.length;
  const a = Float64Array.from(o.points.flat());
  const w = Float64Array.from(o.weights);
  return {
    sampleCount: N,
    sampleGradAdd(x, i, weight, out) {
      for (let j = 0; j < dim; j++) out[j] += weight * w[j] * Math.sign(x[j] - a[i * dim + j]);
    },
    grad(x, out) {
      for (let j = 0; j < dim; j++) {
        let count = 0;
        for (let i = 0; i < N; i++) count += Math.sign(x[j] - a[i * dim + j]);
        out[j] = (w[j] * count) / N;
      }
    },
    hessVec(_x, _v, out) {
      out.fill(0);
    },
    loss(x) {
      let value = 0;
      for (let j = 0; j < dim; j++) {
        let sum = 0;
        for (let i = 0; i < N; i++) sum += Math.abs(x[j] - a[i * dim + j]);
        value += w[j] * sum;
      }
      return value / N;
    },
  };
}
