import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { ClippedSgdDynamics } from '../../dynamics/clipped-sgd';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { referenceTwoTimescale, twoTimescaleMomentum, twoTimescaleNorm } from './two-timescale';

/**
 * One clipped-SGD step: m ← m − θ(m − g), then x ← x − η m·min(1, c/‖m‖), or with
 * `coordinatewise` x ← x − η clamp(m, −c, c) (the body of shaders/dynamics/clipped-sgd.wgsl).
 */
export function clippedSgdUpdate(
  x: Float64Array,
  m: Float64Array,
  g: Float64Array,
  lr: number,
  theta: number,
  clip: number,
  coordinatewise: boolean,
): void {
  twoTimescaleMomentum(m, g, theta);
  if (coordinatewise) {
    for (let i = 0; i < x.length; i++) x[i] -= lr * Math.min(clip, Math.max(-clip, m[i]));
    return;
  }
  const norm = twoTimescaleNorm(m);
  const scale = norm > clip ? clip / norm : 1;
  for (let i = 0; i < x.length; i++) x[i] -= lr * (m[i] * scale);
}

/** Float64 twin of shaders/dynamics/clipped-sgd.wgsl (same step-size factors, same gradient draws). */
export function referenceClippedSgd(item: ClippedSgdDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  return referenceTwoTimescale(item, dim, noise, (x, m, g, lr, theta) => clippedSgdUpdate(x, m, g, lr, theta, item.clip, item.coordinatewise));
}
