import type { WeightedL1Objective } from '../../objectives/weighted-l1';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/**
 * Float64 twin of shaders/objectives/weighted-l1.wgsl: f = Σ wᵢ |xᵢ − cᵢ|, the Clarke
 * subgradient wᵢ·sign(xᵢ − cᵢ) with sign(0) = 0 (0 ∈ ∂|·|(0)), ∇²f v = 0. Not a finite
 * sum, so no `sampleCount` / `sampleGradAdd`.
 */
export function referenceWeightedL1(o: WeightedL1Objective, dim: number): ReferenceObjective {
  const w = Float64Array.from(o.weights);
  const c = Float64Array.from(o.center);
  return {
    grad(x, out) {
      for (let i = 0; i < dim; i++) out[i] = x[i] > c[i] ? w[i] : x[i] < c[i] ? -w[i] : 0;
    },
    hessVec(_x, _v, out) {
      out.fill(0);
    },
    loss(x) {
      let value = 0;
      for (let i = 0; i < dim; i++) value += w[i] * Math.abs(x[i] - c[i]);
      return value;
    },
  };
}
