import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { LionDynamics } from '../../dynamics/lion';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { referenceTwoTimescale, twoTimescaleMomentum } from './two-timescale';

/**
 * One Lion step (Chen et al. 2023, Algorithm 2): c = β₁m + (1 − β₁)g,
 * x ← x − η(sign(c) + λx), m ← β₂m + (1 − β₂)g with β₂ = 1 − θ (the body of
 * shaders/dynamics/lion.wgsl; sign(0) = 0).
 */
export function lionUpdate(
  x: Float64Array,
  m: Float64Array,
  g: Float64Array,
  lr: number,
  theta: number,
  beta1: number,
  weightDecay: number,
): void {
  for (let i = 0; i < x.length; i++) {
    const c = beta1 * m[i] + (1 - beta1) * g[i];
    x[i] -= lr * (Math.sign(c) + weightDecay * x[i]);
  }
  twoTimescaleMomentum(m, g, theta);
}

/** Float64 twin of shaders/dynamics/lion.wgsl (same step-size factors, same gradient draws). */
export function referenceLion(item: LionDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  return referenceTwoTimescale(item, dim, noise, (x, m, g, lr, theta) => lionUpdate(x, m, g, lr, theta, item.beta1, item.weightDecay));
}
