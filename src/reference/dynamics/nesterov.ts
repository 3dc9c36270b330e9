import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { NesterovDynamics } from '../../dynamics/nesterov';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { scheduleFactor, scheduleValue } from '../../schedules/schedule';

/** Float64 twin of shaders/dynamics/nesterov.wgsl (same randomScale draw, same gradient draws). */
export function referenceNesterov(item: NesterovDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  const y = new Float64Array(dim);
  const g = new Float64Array(dim);
  const v = new Float64Array(dim);
  let r = 1;
  return {
    init(_x, stream) {
      v.fill(0);
      r = scheduleFactor(item.lr, stream, 0);
    },
    step(x, k, stream) {
      for (let i = 0; i < dim; i++) y[i] = x[i] + item.beta * v[i];
      noise.grad(y, g, k, stream);
      const lr = scheduleValue(item.lr, k) * r;
      for (let i = 0; i < dim; i++) {
        v[i] = item.beta * v[i] - lr * g[i];
        x[i] += v[i];
      }
    },
  };
}
