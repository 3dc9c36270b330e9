import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { SignSgdDynamics } from '../../dynamics/signsgd';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { referenceTwoTimescale, twoTimescaleMomentum } from './two-timescale';

/** One SignSGD step: m ← m − θ(m − g), x ← x − η sign(m) with sign(0) = 0 (the body of shaders/dynamics/signsgd.wgsl). */
export function signSgdUpdate(x: Float64Array, m: Float64Array, g: Float64Array, lr: number, theta: number): void {
  twoTimescaleMomentum(m, g, theta);
  for (let i = 0; i < x.length; i++) x[i] -= lr * Math.sign(m[i]);
}

/** Float64 twin of shaders/dynamics/signsgd.wgsl (same step-size factors, same gradient draws). */
export function referenceSignSgd(item: SignSgdDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  return referenceTwoTimescale(item, dim, noise, signSgdUpdate);
}
