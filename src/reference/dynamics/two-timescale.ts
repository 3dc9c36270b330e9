import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { TwoTimescaleBase } from '../../dynamics/two-timescale';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import { scheduleFactor, scheduleValue } from '../../schedules/schedule';

/**
 * One step of a two-timescale method given the gradient g_k: updates x and the
 * momentum m in place, with lr = η_k r_η and theta = θ_k r_θ.
 */
export type TwoTimescaleUpdate = (x: Float64Array, m: Float64Array, g: Float64Array, lr: number, theta: number) => void;

/** m ← m − θ (m − g), evaluated as (1 − θ) m + θ g (the twin of `two_timescale_momentum`). */
export function twoTimescaleMomentum(m: Float64Array, g: Float64Array, theta: number): void {
  const keep = 1 - theta;
  for (let i = 0; i < m.length; i++) m[i] = keep * m[i] + theta * g[i];
}

/** ‖m‖₂ computed as s·sqrt(Σ (mᵢ/s)²), s = max|mᵢ| (the twin of `two_timescale_norm`); 0 when m = 0. */
export function twoTimescaleNorm(m: Float64Array): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) s = Math.max(s, Math.abs(m[i]));
  if (s === 0) return 0;
  let q = 0;
  for (let i = 0; i < m.length; i++) q += (m[i] / s) ** 2;
  return s * Math.sqrt(q);
}

/**
 * Float64 twin of shaders/lib/two_timescale.wgsl with a method's `update`: m_0 = 0,
 * r_η and r_θ drawn like `two_timescale_init` (STEPSIZE words 0 and 1), then per step
 * g_k from the noise oracle and the method's update.
 */
export function referenceTwoTimescale(item: TwoTimescaleBase, dim: number, noise: ReferenceNoise, update: TwoTimescaleUpdate): ReferenceDynamics {
  const m = new Float64Array(dim);
  const g = new Float64Array(dim);
  let rLr = 1;
  let rTheta = 1;
  return {
    init(_x, stream) {
      m.fill(0);
      rLr = scheduleFactor(item.lr, stream, 0);
      rTheta = scheduleFactor(item.theta, stream, 1);
    },
    step(x, k, stream) {
      noise.grad(x, g, k, stream);
      update(x, m, g, scheduleValue(item.lr, k) * rLr, scheduleValue(item.theta, k) * rTheta);
    },
  };
}
