import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { NesterovDynamics } from '../../dynamics/nesterov';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { referenceMomentum } from './heavy-ball';

/**
 * Float64 twin of shaders/dynamics/nesterov.wgsl: heavy-ball's momentum step with
 * the gradient at the look-ahead point x + βv (same randomScale draw, same gradient draws).
 */
export function referenceNesterov(item: NesterovDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  return referenceMomentum(item, dim, noise, true);
}
