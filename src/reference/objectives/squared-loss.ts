import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/** out += weight·∇f_i(x): the twin of `objective_sample_grad_add`. */
export type SampleGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => void;

/**
 * What the float64 twins of the squared-loss networks (relu-net, diagonal-net) share:
 * f = (1/n) Σ_i ½ r_i(x)² from the residuals r_i, its finite-sum parts (sampleCount,
 * sampleGradAdd) and ∇f as the sum of the sample gradients, each weighted 1/n.
 */
export function squaredLossFiniteSum(n: number, residual: (x: Float64Array, i: number) => number, sampleGradAdd: SampleGradAdd): Omit<ReferenceObjective, 'hessVec'> {
  return {
    sampleCount: n,
    sampleGradAdd,
    grad(x, out) {
      out.fill(0);
      for (let i = 0; i < n; i++) sampleGradAdd(x, i, 1 / n, out);
    },
    loss(x) {
      let total = 0;
      for (let i = 0; i < n; i++) total += 0.5 * residual(x, i) ** 2;
      return total / n;
    },
  };
}
