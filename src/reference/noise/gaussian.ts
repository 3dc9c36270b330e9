import type { GaussianNoise } from '../../noise/gaussian';
import { psdFactor } from '../../linalg/factor';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/** Float64 twin of shaders/noise/gaussian.wgsl: ∇f + L z_k, z_k the step's unit Brownian increment. */
export function referenceGaussianNoise(n: GaussianNoise, f: ReferenceObjective, dim: number): ReferenceNoise {
  const L = Float64Array.from(psdFactor(n.covariance).flat());
  const z = new Float64Array(dim);
  return {
    grad(x, out, k, stream) {
      f.grad(x, out);
      stream.brownian(k, z);
      for (let i = 0; i < dim; i++) {
        let acc = 0;
        for (let j = 0; j < dim; j++) acc += L[i * dim + j] * z[j];
        out[i] += acc;
      }
    },
  };
}
