import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { SgdDynamics } from '../../dynamics/sgd';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { scheduleFactor, scheduleValue } from '../../schedules/schedule';

/** Float64 twin of shaders/dynamics/sgd.wgsl (same randomScale draw, same gradient draws). */
export function referenceSgd(item: SgdDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  const g = new Float64Array(dim);
  let r = 1;
  return {
    init(_x, stream) {
      r = scheduleFactor(item.lr, stream, 0);
    },
    step(x, k, stream) {
      noise.grad(x, g, k, stream);
      const lr = scheduleValue(item.lr, k) * r;
      for (let i = 0; i < dim; i++) x[i] -= lr * g[i];
    },
  };
}
