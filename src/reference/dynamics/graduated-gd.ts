import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { GraduatedGdDynamics } from '../../dynamics/graduated-gd';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { scheduleFactor, scheduleValue } from '../../schedules/schedule';

/** Float64 twin of shaders/dynamics/graduated-gd.wgsl: x ← x − η_k r_η ∇f_{δ_k r_δ}(x) with the closed-form ∇f_δ. */
export function referenceGraduatedGd(item: GraduatedGdDynamics, f: ReferenceObjective, dim: number): ReferenceDynamics {
  if (!f.smoothedGrad) throw new Error('graduated-gd needs an objective with a closed-form Gaussian smoothing (tilted-cosine, rastrigin)');
  const smoothedGrad = f.smoothedGrad;
  const g = new Float64Array(dim);
  let rLr = 1;
  let rDelta = 1;
  return {
    init(_x, stream) {
      rLr = scheduleFactor(item.lr, stream, 0);
      rDelta = scheduleFactor(item.delta, stream, 1);
    },
    step(x, k) {
      smoothedGrad(x, scheduleValue(item.delta, k) * rDelta, g);
      const lr = scheduleValue(item.lr, k) * rLr;
      for (let i = 0; i < dim; i++) x[i] -= lr * g[i];
    },
  };
}
