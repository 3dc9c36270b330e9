import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import type { TiltedCosineObjective } from '../../objectives/tilted-cosine';
import { referenceCosineBumps } from './cosine-bumps';

/**
 * Float64 twin of shaders/objectives/tilted-cosine.wgsl: f = Σ xᵢ²/2 − a cos(k xᵢ) + a, and its
 * Gaussian smoothing f_δ = Σ xᵢ²/2 + δ²/2 + a − a e^{−k²δ²/2} cos(k xᵢ) (docs/math.md §2d).
 */
export function referenceTiltedCosine(o: TiltedCosineObjective, dim: number): ReferenceObjective {
  return referenceCosineBumps({ c: 1, amplitude: o.a, k: o.k }, dim);
}
