import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import type { RastriginObjective } from '../../objectives/rastrigin';
import { referenceCosineBumps } from './cosine-bumps';

/**
 * Float64 twin of shaders/objectives/rastrigin.wgsl: f = A·D + Σ xᵢ² − A cos(2π xᵢ), and its
 * Gaussian smoothing f_δ = A·D + Σ xᵢ² + δ² − A e^{−2π²δ²} cos(2π xᵢ) (docs/math.md §2d).
 */
export function referenceRastrigin(o: RastriginObjective, dim: number): ReferenceObjective {
  return referenceCosineBumps({ c: 2, amplitude: o.amplitude, k: 2 * Math.PI }, dim);
}
