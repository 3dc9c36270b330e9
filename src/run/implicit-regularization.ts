/**
 * Heavy-ball's implicit regularization read off a result
 * (experiments/hb-directional-smoothness.json, docs/math.md §3e item 3): gradient flow,
 * gradient descent and heavy-ball runs that share the effective step
 * η_eff = lr/(1−β), so that step k is gradient-flow time τ = k·η_eff for all of
 * them. For each method: the final E‖∇f‖² and directional smoothness, and the
 * excess decay rate of E‖∇f‖² over gradient flow (slope of log(GF/method) in τ),
 * next to its exact linearized value and the modified loss's first-order 4λh².
 */
import type { LogLogFit } from '../stats/loglog-slope';
import { logRatioSlope } from '../stats/log-ratio-slope';
import { exactExcessDecayRate, firstOrderExcessDecayRate } from '../oracles/hb-implicit-regularization';
import type { ExperimentResult, RunResult } from './experiment-result';

/** One method of the table. */
export interface ImplicitRegularizationRow {
  label: string;
  beta: number;
  lr: number;
  /** lr/(1−β). */
  effectiveStep: number;
  finalGradient: number;
  finalSmoothness: number;
  /** Slope of log(E‖∇f‖²_GF / E‖∇f‖²_method) in τ over the window. */
  excessRate: LogLogFit;
  /**
   * Slope of log((S_GF − h)/(S_method − h)) in τ, S the directional smoothness: near the
   * minimum S − h ∝ the distance to it, so this is half the excess rate of E‖∇f‖².
   */
  smoothnessExcessRate: LogLogFit;
  /** Linearized prediction at the minimum of curvature h (HB's dominant root). */
  exactRate: number;
  /** The modified loss's first-order prediction 4λh². */
  firstOrderRate: number;
}

/** The table and the gradient-flow run it is measured against. */
export interface ImplicitRegularizationTable {
  gradientFlow: { label: string; finalGradient: number; finalSmoothness: number };
  rows: ImplicitRegularizationRow[];
}

interface Method {
  beta: number;
  lr: number;
}

/** The (β, lr) of a gradient-descent or heavy-ball item; gradient flow is hb-ode with β = 0 and order 0. */
function methodOf(run: RunResult): Method & { kind: string } {
  const item = run.dynamics as { kind: string; lr?: unknown; beta?: unknown; order?: unknown };
  if (typeof item.lr !== 'number') throw new Error(`${run.label}: needs a constant lr`);
  if (item.kind === 'sgd') return { kind: 'gd', beta: 0, lr: item.lr };
  if (item.kind === 'heavy-ball') return { kind: 'hb', beta: item.beta as number, lr: item.lr };
  if (item.kind === 'hb-ode' && item.beta === 0 && item.order === 0) return { kind: 'gf', beta: 0, lr: item.lr };
  throw new Error(`${run.label}: expected sgd, heavy-ball or gradient flow (hb-ode with beta 0, order 0), found ${item.kind}`);
}

/** The values of an observable at the run's checkpoints; an error naming the run when it was not recorded. */
function valuesOf(run: RunResult, name: 'gradient' | 'smoothness'): number[] {
  const series = run.series[name];
  if (!series) throw new Error(`${run.label}: the result has no "${name}" observable`);
  return series.value;
}

/**
 * Builds the table from a result whose first run is gradient flow and whose other runs
 * are GD or HB at the same effective step. `curvature` is h of the minimum the late
 * trajectories sit in; `window` the τ range of the fit.
 */
export function implicitRegularizationTable(result: ExperimentResult, options: { curvature: number; window: [number, number] }): ImplicitRegularizationTable {
  const [reference, ...others] = result.runs;
  if (!reference || others.length === 0) throw new Error('implicitRegularizationTable: needs gradient flow and at least one other run');
  const flow = methodOf(reference);
  if (flow.kind !== 'gf') throw new Error(`implicitRegularizationTable: the first run must be gradient flow (hb-ode, beta 0, order 0), found "${reference.label}"`);
  const h = options.curvature;
  const flowGradient = valuesOf(reference, 'gradient');
  const flowSmoothness = valuesOf(reference, 'smoothness');
  const rows = others.map((run): ImplicitRegularizationRow => {
    const { beta, lr } = methodOf(run);
    const effectiveStep = lr / (1 - beta);
    if (Math.abs(effectiveStep - flow.lr) > 1e-12 * flow.lr) {
      throw new Error(`${run.label}: effective step lr/(1−β) = ${effectiveStep} differs from gradient flow's step ${flow.lr}; steps would not align in τ`);
    }
    const gradient = valuesOf(run, 'gradient');
    const smoothness = valuesOf(run, 'smoothness');
    const tau = run.series.step.map((step) => step * effectiveStep);
    return {
      label: run.label,
      beta,
      lr,
      effectiveStep,
      finalGradient: gradient.at(-1)!,
      finalSmoothness: smoothness.at(-1)!,
      excessRate: logRatioSlope(tau.map((t, i) => ({ t, reference: flowGradient[i], value: gradient[i] })), options.window),
      smoothnessExcessRate: logRatioSlope(tau.map((t, i) => ({ t, reference: flowSmoothness[i] - h, value: smoothness[i] - h })), options.window),
      exactRate: exactExcessDecayRate(h, effectiveStep, beta),
      firstOrderRate: firstOrderExcessDecayRate(h, effectiveStep, beta),
    };
  });
  return { gradientFlow: { label: reference.label, finalGradient: flowGradient.at(-1)!, finalSmoothness: flowSmoothness.at(-1)! }, rows };
}
