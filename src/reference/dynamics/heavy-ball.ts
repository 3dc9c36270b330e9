import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { HeavyBallDynamics } from '../../dynamics/heavy-ball';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { scheduleFactor, scheduleValue } from '../../schedules/schedule';

/**
 * Float64 twin of shaders/dynamics/heavy-ball.wgsl: v ← βv − η_k r g_k, x ← x + v
 * with v_0 = 0 (same randomScale draw, same gradient draws).
 */
export function referenceHeavyBall(item: HeavyBallDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  const g = new Float64Array(dim);
  const v = new Float64Array(dim);
  let r = 1;
  return {
    init(_x, stream) {
      v.fill(0);
      r = scheduleFactor(item.lr, stream, 0);
    },
    step(x, k, stream) {
      noise.grad(x, g, k, stream);
      const lr = scheduleValue(item.lr, k) * r;
      for (let i = 0; i < dim; i++) {
        v[i] = item.beta * v[i] - lr * g[i];
        x[i] += v[i];
      }
    },
  };
}
