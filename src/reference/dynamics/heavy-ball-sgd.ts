import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { HeavyBallSgdDynamics } from '../../dynamics/heavy-ball-sgd';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { referenceTwoTimescale, twoTimescaleMomentum } from './two-timescale';

/** One heavy-ball step: m ← m − θ(m − g), x ← x − η m (the body of shaders/dynamics/heavy-ball-sgd.wgsl). */
export function heavyBallSgdUpdate(x: Float64Array, m: Float64Array, g: Float64Array, lr: number, theta: number): void {
  twoTimescaleMomentum(m, g, theta);
  for (let i = 0; i < x.length; i++) x[i] -= lr * m[i];
}

/** Float64 twin of shaders/dynamics/heavy-ball-sgd.wgsl (same step-size factors, same gradient draws). */
export function referenceHeavyBallSgd(item: HeavyBallSgdDynamics, dim: number, noise: ReferenceNoise): ReferenceDynamics {
  return referenceTwoTimescale(item, dim, noise, heavyBallSgdUpdate);
}
