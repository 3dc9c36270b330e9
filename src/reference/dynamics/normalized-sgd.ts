import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { NormalizedSgdDynamics } from '../../dynamics/normalized-sgd';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { referenceTwoTimescale, twoTimescaleMomentum, twoTimescaleNorm } from './two-timescale';

/** Below this ‖m‖ the direction is 0 (x stays), as in shaders/dynamics/normalized-sgd.wgsl. */
export const NORMALIZED_SGD_GUARD = 1e-30;

/** One normalized-SGD step: m ← m − θ(m − g), x ← x − η m/‖m‖, or x unchanged when ‖m‖ < 1e-30. */
export function normalizedSgdUpdate(x: Float64Array, m: Float64Array, g: Float64Array, lr: number, theta: number): void {
  twoTimescaleMomentum(m, g, theta);
  const norm = twoTimescaleNorm(m);
  if (norm < NORMALIZED_SGD_GUARD) return;
  for (let i = 0; i < x.length; i++) x[i] -= lr * (m[i] / norm);
}

/** Float64 twin of shaders/dynamics/normalized-sgd.wgsl (same step-size factors, same gradient draws). */
export function referenceNormalizedSgd(item: NormalizedSgdDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  return referenceTwoTimescale(item, dim, noise, normalizedSgdUpdate);
}
