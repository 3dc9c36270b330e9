/**
 * Heavy-ball (Polyak momentum) x_{k+1} = x_k − η_k r g_k + β(x_k − x_{k−1}),
 * x_{−1} = x_0 (docs/math.md §3b): its experiment-file format and engine descriptor.
 * The gradient g_k comes from the experiment's `noise` (exact, Gaussian,
 * mini-batch); `lr` is a number or a schedule, `beta` ∈ [0, 1) (default 0.9).
 */
import source from '../../shaders/dynamics/heavy-ball.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { strictObject } from '../experiment/strict-object';
import { validateWith } from '../experiment/zod-issues';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { heavyBallQuadraticLaw } from '../oracles';
import { referenceHeavyBall } from '../reference/dynamics/heavy-ball';
import { checkRandomScaleOrder, checkSchedule, packSchedule, scheduleSchema, type Schedule } from '../schedules/schedule';
import type { QuadraticObjective } from '../objectives/quadratic';
import { LABEL_DESCRIPTION, type ClosedFormSeries, type DynamicsDescriptor, type InitialLaw } from './dynamics-descriptor';
import { modelTimeStep } from './model-time';
import { constantStep, heavyBallStabilityWarning, topCurvature } from './stability';
import { paramLayout, wordLayout } from '../compose/param-layout';

/** Momentum when the file gives none. */
export const DEFAULT_HEAVY_BALL_BETA = 0.9;

const expectBeta = { error: (issue: { input?: unknown }) => `expected beta as a number in [0, 1), found ${describeValue(issue.input)}` };

/** The momentum β: a finite number in [0, 1). */
export const betaSchema = z.number(expectBeta).min(0, expectBeta).lt(1, expectBeta);

/** The file format of a momentum method item (heavy-ball, nesterov): `lr` a number or schedule, `beta` ∈ [0, 1). */
export function momentumSchema<K extends string>(kind: K) {
  return strictObject({
    kind: z.literal(kind),
    lr: scheduleSchema.describe('Step size η_k: a number or a schedule.'),
    beta: betaSchema.default(DEFAULT_HEAVY_BALL_BETA).describe('Momentum β in [0, 1).'),
    label: z.string().optional().describe(LABEL_DESCRIPTION),
  });
}

/** A normalized momentum method item. */
export interface MomentumDynamics<K extends string> {
  kind: K;
  lr: Schedule;
  beta: number;
  /** Model time per step: lr when it is a number, else 1 (t counts steps). */
  dt: number;
  label?: string;
}

/** Parameters of a momentum item that a sweep may vary. */
export type MomentumParam = 'lr' | 'beta';

/** Checks, sweepable parameters and normalization of a momentum method item. */
export function momentumFormat<K extends string>(kind: K): DynamicsKind<z.output<ReturnType<typeof momentumSchema<K>>>, MomentumDynamics<K>, MomentumParam> {
  return {
    check: (raw, path) => checkRandomScaleOrder(raw.lr, [...path, 'lr']),
    params: {
      lr: (value, path) => checkSchedule(value, path),
      beta: (value, path) => validateWith(betaSchema, value, path),
    },
    normalize: (parsed) => ({
      kind,
      lr: parsed.lr,
      beta: parsed.beta,
      dt: modelTimeStep(parsed.lr),
      ...(parsed.label !== undefined ? { label: parsed.label } : {}),
    }),
    withParam: (item, param, value) =>
      param === 'beta' ? { ...item, beta: value as number } : { ...item, lr: value as Schedule, dt: modelTimeStep(value as Schedule) },
  };
}

export const heavyBallSchema = momentumSchema('heavy-ball');

export type HeavyBallInput = z.output<typeof heavyBallSchema>;

export type HeavyBallDynamics = MomentumDynamics<'heavy-ball'>;

/** A momentum method's parameters (heavy-ball, nesterov): the lr schedule at MOMENTUM_LR, β at MOMENTUM_BETA. */
export const momentumParams = paramLayout<[item: MomentumDynamics<string>]>({
  MOMENTUM_LR: (item) => packSchedule(item.lr),
  MOMENTUM_BETA: (item) => item.beta,
});

/** A momentum method's aux words: the velocity v (d words, v_0 = 0) and the lr's randomScale factor r. */
export const momentumAux = wordLayout<[item: MomentumDynamics<string>, dim: number]>({
  MOMENTUM_V: (_item, dim) => dim,
  MOMENTUM_LR_FACTOR: () => 1,
});

/** Parameters of a heavy-ball item that a sweep may vary. */
export type HeavyBallParam = MomentumParam;

export const heavyBallFormat = momentumFormat('heavy-ball');

/**
 * The exact law of heavy ball with constant step α and momentum β on a quadratic with
 * Gaussian (or no) gradient noise, from the stacked linear recursion
 * (src/oracles/heavy-ball-quadratic.ts); undefined for other noise. heavy-ball-sgd
 * shares it (α = ηθ, β = 1 − θ), and nesterov with `lookAhead` (the gradient at x + βv).
 */
export function heavyBallQuadraticSeries(
  name: string,
  objective: QuadraticObjective,
  initial: InitialLaw,
  steps: number[],
  noise: unknown,
  alpha: number,
  beta: number,
  lookAhead = false,
): ClosedFormSeries | undefined {
  const n = noise as { kind: string; covariance?: number[][] } | undefined;
  if (n && n.kind !== 'none' && n.kind !== 'gaussian') return undefined;
  const cov0 = initial.std.map((s, i) => initial.std.map((_, j) => (i === j ? s * s : 0)));
  const laws = heavyBallQuadraticLaw({
    A: objective.A,
    b: objective.b,
    ...(n?.kind === 'gaussian' ? { Sigma: n.covariance! } : {}),
    eta: alpha,
    beta,
    lookAhead,
    mean0: initial.mean,
    cov0,
    steps,
  });
  return { name, mean: laws.map((l) => l.mean), covariance: laws.map((l) => l.cov) };
}

export const heavyBall = {
  kind: 'heavy-ball',
  schema: heavyBallSchema,
  format: heavyBallFormat,
  title: 'heavy-ball x ← x − η g + β(x − x₋)',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'heavy-ball', lr: 0.1, beta: 0.5 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'Polyak (1964); docs/math.md §3b (exact law on quadratics: the stacked linear recursion on (x_k, x_{k−1}))',
  orders: () => ({ weak: 1, strong: 1 }),
  shader: { path: 'dynamics/heavy-ball.wgsl', source },
  usesNoise: true,
  stabilityWarning(item, objective) {
    const eta = constantStep(item.lr);
    const message = eta === undefined ? undefined : heavyBallStabilityWarning(eta, item.beta, topCurvature(objective), `lr = ${eta}, beta = ${item.beta}`, 'heavy-ball');
    return message ? { field: 'lr', message } : undefined;
  },
  /** The velocity v = x_k − x_{k−1} (d words) and the randomScale factor r. */
  aux: momentumAux,
  // Its counter-term flow (hb-ode) with the same lr and β shares the key: paths are comparable.
  noiseCoupling: (item: HeavyBallDynamics) => (typeof item.lr === 'number' ? `heavy-ball lr = ${item.lr}, beta = ${item.beta}` : undefined),
  stepLength: (item) => item.dt,
  defines: () => ({}),
  params: momentumParams,
  reference: (item, _objective, _f, dim, noise) => referenceHeavyBall(item, dim, noise),
  /**
   * On a quadratic with Gaussian (or no) noise and a constant lr, (x_k, x_{k−1})
   * follows a linear Gaussian recursion: its mean and covariance are propagated
   * exactly in float64 (src/oracles/heavy-ball-quadratic.ts); the x-block is the law.
   */
  closedForm(item, objective, initial, steps, noise) {
    if (objective.kind !== 'quadratic' || typeof item.lr !== 'number') return undefined;
    return heavyBallQuadraticSeries('exact law of heavy-ball (stacked linear recursion)', objective, initial, steps, noise, item.lr, item.beta);
  },
} satisfies DynamicsDescriptor<HeavyBallDynamics, QuadraticObjective, HeavyBallInput, HeavyBallParam>;
