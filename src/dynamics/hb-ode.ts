/**
 * The heavy-ball flow with counter-terms of order p (docs/math.md §3c): a piecewise
 * ODE in HB's clock (one step = one HB step of length η) whose value at kη tracks
 * HB's iterate x_k up to O(η^{p+1}). Its experiment-file format and descriptor.
 */
import source from '../../shaders/dynamics/hb-ode.wgsl?raw';
import { z } from 'zod';
import { strictObject } from '../experiment/strict-object';
import { positiveInteger, positiveNumber } from '../experiment/numbers';
import { validateWith } from '../experiment/zod-issues';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { describeValue } from '../experiment/describe-value';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import type { QuadraticObjective } from '../objectives/quadratic';
import { referenceHbOde, referenceHbOdeExact } from '../reference/dynamics/hb-ode';
import { hbFlowCoefficients, hbQuadraticSeries, type HbFlowStepCoefficients } from '../oracles/hb-flow';
import { LABEL_DESCRIPTION, type DynamicsDescriptor } from './dynamics-descriptor';
import { heavyBallQuadraticSeries } from './heavy-ball';
import { paramLayout, sharedDerivation } from '../compose/param-layout';

/** Orders of the counter-term expansion: 0–2 for any objective (the η² term needs ∇³f), up to 4 exactly on quadratics. */
export const HB_ODE_ORDERS = [0, 1, 2, 3, 4] as const;

/** Integrators: RK4 on each interval (any objective), or the exact linear step on quadratics. */
export const HB_ODE_INTEGRATORS = ['rk4', 'exact'] as const;

/** Table rows stop once every coefficient is within this relative distance of its next value (steady). */
const STEADY_TOLERANCE = 1e-9;
/** Most rows uploaded (β = 0.9 converges within ~200). */
const MAX_ROWS = 2048;

export const hbOdeSchema = strictObject({
  kind: z.literal('hb-ode'),
  lr: positiveNumber().describe('Step size η of the heavy-ball method it models (model time per step).'),
  beta: z
    .number({ error: (i) => `expected beta in [0, 1), found ${describeValue(i.input)}` })
    .min(0)
    .lt(1, { error: (i) => `expected beta in [0, 1), found ${describeValue(i.input)}` })
    .default(0.9)
    .describe('Momentum β in [0, 1) of the heavy-ball method it models.'),
  order: z.union(HB_ODE_ORDERS.map((p) => z.literal(p)) as unknown as [z.ZodLiteral<0>, z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>], {
    error: (i) => `expected order 0, 1, 2 (or up to 4 with the exact integrator), found ${describeValue(i.input)}`,
  })
    .default(1)
    .describe('Order p of the counter-term expansion (the flow tracks the iterates up to O(η^{p+1})): 0–2 for any objective, up to 4 with the exact integrator.'),
  integrator: z.enum(HB_ODE_INTEGRATORS).default('rk4').describe('"rk4" (any objective), or "exact": the exact linear step (quadratic objectives only).'),
  substeps: positiveInteger(256).default(4).describe('RK4 steps per heavy-ball step interval.'),
  label: z.string().optional().describe(LABEL_DESCRIPTION),
});

export interface HbOde {
  kind: 'hb-ode';
  lr: number;
  beta: number;
  order: 0 | 1 | 2 | 3 | 4;
  integrator: (typeof HB_ODE_INTEGRATORS)[number];
  /** RK4 steps per HB step interval. */
  substeps: number;
  /** Model time per step: η. */
  dt: number;
  label?: string;
}

/**
 * The coefficient rows (γ_k, c_k, A_k, B_k) of docs/math.md §3c's recursion
 * (src/oracles/hb-flow.ts), up to the first row within 1e-9 of the one before:
 * later steps reuse that last, steady, row.
 */
export function hbOdeCoefficientTable(beta: number, steps: number): HbFlowStepCoefficients[] {
  const all = hbFlowCoefficients(beta, Math.min(steps, MAX_ROWS));
  const steady = all.findIndex((row, k) => k > 0 && (['gamma', 'c', 'A', 'B'] as const).every((key) => Math.abs(row[key] - all[k - 1][key]) <= STEADY_TOLERANCE * Math.abs(row[key])));
  return steady < 0 ? all : all.slice(0, steady + 1);
}

/** One exact step on a quadratic: x ← E x + c. */
export interface HbExactStep {
  E: number[][];
  c: number[];
}

/**
 * The exact steps of the order-p flow on f = ½xᵀAx − bᵀx (docs/math.md §3c): per
 * eigenvalue hᵢ of A the rate m_k(hᵢ) = Σ a_{j,k} η^{j−1} hᵢ^j of the truncated
 * series of −log ρ_k (src/oracles/hb-flow.ts), E_k = V diag(e^{−η m_k(hᵢ)}) Vᵀ and
 * c_k = (I − E_k) x*; rows until steady. Undefined when b ≠ 0 and A is singular.
 */
export function exactTable(item: HbOde, objective: QuadraticObjective, steps: number): HbExactStep[] | undefined {
  const { values, vectors: V } = symmetricEigen(objective.A);
  const n = values.length;
  const hasB = objective.b.some((v) => v !== 0);
  if (hasB && values.some((h) => Math.abs(h) < 1e-12 * Math.max(...values.map(Math.abs)))) return undefined;
  const count = Math.min(steps, MAX_ROWS);
  const rates = values.map((h) => hbQuadraticSeries(item.beta, item.lr, h, count, item.order).rate);
  // x* = A⁻¹b through the eigenbasis.
  const xStar = hasB ? V.map((_, r) => values.reduce((acc, h, i) => acc + (V[r][i] * V.reduce((s, row, q) => s + row[i] * objective.b[q], 0)) / h, 0)) : new Array<number>(n).fill(0);
  const rows: HbExactStep[] = [];
  for (let k = 0; k < count; k++) {
    const decay = values.map((_, i) => Math.exp(-item.lr * rates[i][k]));
    const E = V.map((_, r) => V.map((__, col) => values.reduce((acc, _h, i) => acc + V[r][i] * decay[i] * V[col][i], 0)));
    const c = xStar.map((_, r) => xStar[r] - E[r].reduce((acc, e, q) => acc + e * xStar[q], 0));
    rows.push({ E, c });
    if (k > 0 && values.every((_, i) => Math.abs(rates[i][k] - rates[i][k - 1]) <= STEADY_TOLERANCE * Math.abs(rates[i][k]))) break;
  }
  return rows;
}

export const hbOdeFormat: DynamicsKind<z.output<typeof hbOdeSchema>, HbOde, 'lr' | 'beta' | 'order' | 'substeps'> = {
  check: () => [],
  params: {
    lr: (value, path) => validateWith(positiveNumber(), value, path),
    beta: (value, path) => validateWith(hbOdeSchema.shape.beta, value, path),
    order: (value, path) => validateWith(hbOdeSchema.shape.order, value, path),
    substeps: (value, path) => validateWith(positiveInteger(256), value, path),
  },
  normalize: (p) => ({
    kind: 'hb-ode',
    lr: p.lr,
    beta: p.beta,
    order: p.order,
    integrator: p.integrator,
    substeps: p.substeps,
    dt: p.lr,
    ...(p.label !== undefined ? { label: p.label } : {}),
  }),
  withParam: (item, param, value) => ({ ...item, [param]: value, ...(param === 'lr' ? { dt: value as number } : {}) }) as HbOde,
};

/** The exact step table once per packing (its E and c rows are two fields). */
const exactTableOf = sharedDerivation((item: HbOde, objective: QuadraticObjective) => (item.integrator === 'exact' ? exactTable(item, objective, MAX_ROWS)! : undefined));
/** The counter-term coefficients once per packing (four fields). */
const coefficientsOf = sharedDerivation((item: HbOde) => (item.integrator === 'exact' ? [] : hbOdeCoefficientTable(item.beta, MAX_ROWS)));

/**
 * η at HB_ODE_LR, RK4 substeps at HB_ODE_SUBSTEPS, the table's rows R at HB_ODE_ROWS;
 * then the counter-term table by columns (γ, c, A, B of row k at HB_ODE_GAMMA + k, …),
 * or, exact, the steps' E_k (DIM², at HB_EXACT_E + k·DIM²) and c_k (at HB_EXACT_C + k·DIM).
 */
const hbOdeParams = paramLayout<[item: HbOde, objective: QuadraticObjective]>({
  HB_ODE_LR: (item) => item.lr,
  HB_ODE_SUBSTEPS: { u32: (item) => (item.integrator === 'exact' ? 1 : item.substeps) },
  HB_ODE_ROWS: { u32: (item, objective) => (item.integrator === 'exact' ? exactTableOf(item, objective)!.length : coefficientsOf(item).length) },
  HB_ODE_GAMMA: (item) => coefficientsOf(item).map((r) => r.gamma),
  HB_ODE_COUNTER_C: (item) => coefficientsOf(item).map((r) => r.c),
  HB_ODE_COUNTER_A: (item) => coefficientsOf(item).map((r) => r.A),
  HB_ODE_COUNTER_B: (item) => coefficientsOf(item).map((r) => r.B),
  HB_EXACT_E: (item, objective) => exactTableOf(item, objective)?.flatMap((r) => r.E.flat()) ?? [],
  HB_EXACT_C: (item, objective) => exactTableOf(item, objective)?.flatMap((r) => r.c) ?? [],
});

export const hbOde = {
  kind: 'hb-ode',
  schema: hbOdeSchema,
  format: hbOdeFormat,
  title: 'heavy-ball flow with counter-terms of order p',
  contract: {
    experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, dynamics: [{ kind: 'hb-ode', lr: 0.02, beta: 0.5, order: 1, substeps: 4 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // From one point and without noise the errors are deterministic (p + 1 = 1, 2, 3): float64, a few identical
    // paths, lr a factor 4 apart (the fit's scatter then covers the next term of the error). Not the exact
    // integrator of order 3–4: its steady coefficient rows (relative 1e-9) leave errors of ~3e-10 at the finest lr.
    orderSweeps: [
      {
        experiment: {
          objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] },
          dynamics: [0, 1, 2].map((order) => ({ kind: 'hb-ode', lr: 0.02, beta: 0.5, order, substeps: 4 })),
          x0: [3, -3],
          horizon: 0.8,
          sweep: { lr: [0.02, 0.005, 0.00125, 0.0003125] },
        },
        trajectories: 4,
        float64: true,
      },
    ],
  },
  citation: 'Lyu et al., arXiv:2506.14806 (HB flow); coefficients: docs/math.md §3c',
  // The order-p flow tracks heavy-ball's iterates to O(η^{p+1}) at fixed T (docs/math.md §3c), path by
  // path, hence in law; RK4's O((η/substeps)⁴) is of higher order for p ≤ 2.
  orders: (item) => ({ weak: item.order + 1, strong: item.order + 1 }),
  shader: { path: 'dynamics/hb-ode.wgsl', source },
  usesNoise: false,
  noiseFreeModel: true,
  stepLength: (item) => item.lr,
  defines: (item) => ({ HB_EXACT: item.integrator === 'exact', HB_ORDER_1: item.order >= 1, HB_ORDER_2: item.order >= 2 }),
  checkRun(item, objective, _noise, _dim, objectiveDescriptor) {
    if (item.integrator === 'exact' && objective.kind !== 'quadratic') return `hb-ode with the exact integrator needs a quadratic objective, found ${objective.kind}`;
    if (item.integrator === 'rk4' && item.order > 2) return `hb-ode of order ${item.order} is built exactly on quadratics only: set "integrator": "exact" (RK4 orders are 0–2)`;
    if (objective.kind === 'quadratic') {
      // docs/math.md §3f: the counter-term series converges only in the overdamped regime ηλ < (1 − √β)²
      // (negative curvature always is: the ratios r± stay real).
      const top = Math.max(...symmetricEigen(objective.A).values);
      const bound = (1 - Math.sqrt(item.beta)) ** 2;
      if (item.lr * top >= bound) {
        return `hb-ode needs the overdamped regime lr·λmax < (1 − √β)² = ${bound.toPrecision(4)}; here ${item.lr} × ${top.toPrecision(4)} = ${(item.lr * top).toPrecision(4)} (beyond it HB oscillates and no such flow exists, docs/math.md §3f)`;
      }
      if (item.integrator === 'exact' && objective.b.some((v) => v !== 0) && exactTable(item, objective, 1) === undefined) {
        return 'hb-ode exact with b ≠ 0 needs an invertible A (the flow contracts towards x* = A⁻¹b)';
      }
    }
    if (item.integrator === 'rk4' && item.order >= 2 && !objectiveDescriptor.thirdDerivative) {
      return `hb-ode of order 2 needs ∇³f[∇f, ∇f], which the ${objective.kind} objective does not provide (quadratic and double-well do); use order ≤ 1`;
    }
    return undefined;
  },
  params: hbOdeParams,
  /**
   * Heavy-ball's exact law with the same lr and β, noise-free (src/oracles/heavy-ball-quadratic.ts),
   * at t = kη: the iterates the flow is built to track, on quadratics.
   */
  limitLaw: (item, objective, initial, times) =>
    objective.kind === 'quadratic'
      ? heavyBallQuadraticSeries('exact law of heavy-ball with the same lr and β (the iterates the flow tracks)', objective, initial, times.map((t) => Math.round(t / item.lr)), undefined, item.lr, item.beta)
      : undefined,
  reference: (item, objective, f) =>
    item.integrator === 'exact' ? referenceHbOdeExact(exactTable(item, objective, MAX_ROWS)!) : referenceHbOde(item, f, hbOdeCoefficientTable(item.beta, MAX_ROWS)),
  // Same x0 and no noise: the flow and heavy-ball with the same lr and β can be compared path by path.
  noiseCoupling: (item) => `heavy-ball lr = ${item.lr}, beta = ${item.beta}`,
} satisfies DynamicsDescriptor<HbOde, QuadraticObjective, z.output<typeof hbOdeSchema>, 'lr' | 'beta' | 'order' | 'substeps'>;
