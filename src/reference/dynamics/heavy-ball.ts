import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { HeavyBallDynamics, MomentumDynamics } from '../../dynamics/heavy-ball';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { scheduleFactor, scheduleValue } from '../../schedules/schedule';

/**
 * Float64 twin of shaders/dynamics/heavy-ball.wgsl: v ← βv − η_k r g_k, x ← x + v
 * with v_0 = 0 (same randomScale draw, same gradient draws).
 */
export function referenceHeavyBall(item: HeavyBallDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  return referenceMomentum(item, dim, noise, false);
}

/**
 * The momentum step both heavy-ball and Nesterov take, v ← βv − η_k r g, x ← x + v
 * (v_0 = 0), with g at x or, with `lookAhead`, at the look-ahead point x + βv.
 */
export function referenceMomentum(item: MomentumDynamics<string>, dim: number, noise: ReferenceNoise, lookAhead: boolean): ReferenceDynamics {
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
      if (lookAhead) for (let i = 0; i < dim; i++) y[i] = x[i] + item.beta * v[i];
      noise.grad(lookAhead ? y : x, g, k, stream);
      const lr = scheduleValue(item.lr, k) * r;
      for (let i = 0; i < dim; i++) {
        v[i] = item.beta * v[i] - lr * g[i];
        x[i] += v[i];
      }
    },
  };
}
