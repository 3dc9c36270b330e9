import type { DoubleWellObjective } from '../../objectives/double-well';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/**
 * Float64 twin of shaders/objectives/double-well.wgsl: f = h Σ (xᵢ² − 1)²,
 * ∇f = 4h xᵢ (xᵢ² − 1), ∇²f v = 4h (3xᵢ² − 1) vᵢ.
 */
export function referenceDoubleWell(o: DoubleWellObjective, dim: number): ReferenceObjective {
  const h = o.height;
  return {
    grad(x, out) {
      for (let i = 0; i < dim; i++) out[i] = 4 * h * x[i] * (x[i] * x[i] - 1);
    },
    hessVec(x, v, out) {
      for (let i = 0; i < dim; i++) out[i] = 4 * h * (3 * x[i] * x[i] - 1) * v[i];
    },
    loss(x) {
      let value = 0;
      for (let i = 0; i < dim; i++) {
        const w = x[i] * x[i] - 1;
        value += w * w;
      }
      return h * value;
    },
  };
}
