/**
 * Linear stability limits of the discrete methods on a quadratic f = ½xᵀAx − bᵀx
 * (Polyak 1964 for heavy ball): along an eigenvector of curvature λ > 0,
 *   heavy ball x' = x − α λ x + β(x − x₋) is stable iff 0 < αλ < 2(1 + β)
 * (Jury's conditions on z² − (1 + β − αλ)z + β; β = 0 is SGD and Euler–Maruyama,
 * αλ < 2; heavy-ball SGD is heavy ball with α = ηθ, β = 1 − θ). Beyond the limit
 * the mean and every trajectory grow geometrically: they end up counted as
 * diverged. That may be what an experiment wants to show, so a file is warned,
 * not refused. Negative curvature is unstable at every step size (a saddle) and
 * is not a step-size matter.
 */
import { symmetricEigen } from '../linalg/symmetric-eigen';
import type { Schedule } from '../schedules/schedule';

/** λ_max(A) of a quadratic objective; undefined for other objectives or when no curvature is positive. */
export function topCurvature(objective: { kind: string; A?: number[][] }): number | undefined {
  if (objective.kind !== 'quadratic' || !objective.A) return undefined;
  const top = Math.max(...symmetricEigen(objective.A).values);
  return top > 0 ? top : undefined;
}

/** The largest value of a constant step size (a number, or a `constant` schedule times randomScale's hi); undefined for varying schedules. */
export function constantStep(s: Schedule): number | undefined {
  if (typeof s === 'number') return s;
  if (s.kind !== 'constant') return undefined;
  return s.value * (s.randomScale ? s.randomScale[1] : 1);
}

/**
 * The warning for heavy ball with step α and momentum β (β = 0: SGD, EM) on a
 * curvature λ_max, or undefined within the limit αλ_max < 2(1 + β). `what` names the
 * step ("lr = 0.3"), `how` the method.
 */
export function heavyBallStabilityWarning(alpha: number, beta: number, lambdaMax: number | undefined, what: string, how: string): string | undefined {
  if (lambdaMax === undefined) return undefined;
  const limit = (2 * (1 + beta)) / lambdaMax;
  if (alpha < limit) return undefined;
  return (
    `${how} with ${what} is beyond its stability limit on this quadratic: the step α = ${alpha} must satisfy αλ_max < 2(1 + β) = ${2 * (1 + beta)} ` +
    `(λ_max(A) = ${lambdaMax.toPrecision(6)}, so α < ${limit.toPrecision(6)}); trajectories will grow geometrically and be counted as diverged`
  );
}
