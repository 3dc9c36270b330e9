/**
 * The logistic-regression objective, a finite sum
 * f(x) = (1/N) Σ_i [log(1 + exp(−y_i a_iᵀx)) + (λ/2)‖x‖²] with labels y_i ∈ {−1, +1}
 * (`l2` = λ ≥ 0, default 0; the ridge term sits inside every f_i, so a mini-batch
 * gradient carries it exactly): its experiment-file format and engine descriptor.
 *
 * File forms:
 * - `{ "kind": "logistic", "data": { "A": [[…], …], "y": [±1, …] }, "l2"?: λ }`.
 * - `{ "kind": "logistic", "generate": { "samples": N, "features": d, "noise": s, "seed": … }, "l2"?: λ }`:
 *   a_i ~ N(0, I_d) and x_true ~ N(0, I_d) independent, y_i = sign(a_iᵀx_true + s·ε_i)
 *   with ε_i ~ N(0, 1) (s default 0: then the classes are separable, and without λ
 *   the loss has no minimizer; a zero argument, of probability 0, gives +1); a_i
 *   rounded to float32 (src/objectives/finite-sum-data.ts says how the draws are made).
 */
import source from '../../shaders/objectives/logistic.wgsl?raw';
import { z } from 'zod';
import { solve } from '../linalg/dense';
import { nonNegativeNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceLogistic } from '../reference/objectives/logistic';
import { checkDesign, checkLabels, designData, designDimension, designFields, designLayout, type Design } from './finite-sum-data';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { paramLayout } from '../compose/param-layout';

// ---- experiment-file format

export const logisticObjectiveSchema = strictObject({
  kind: z.literal('logistic'),
  ...designFields,
  l2: nonNegativeNumber().default(0).describe('λ of the ridge term (λ/2)‖x‖² inside every fᵢ.'),
});

/** A logistic objective as parsed. */
export type LogisticObjectiveInput = z.output<typeof logisticObjectiveSchema>;

/** A normalized logistic objective: N × d features A and N labels y, each −1 or +1. */
export interface LogisticObjective extends Design {
  kind: 'logistic';
  /** Ridge weight λ ≥ 0. */
  l2: number;
}

/** Cross-field checks: `data` or `generate`; rows of equal length; one ±1 label per row. */
export const logisticFormat: ObjectiveKind<LogisticObjectiveInput, LogisticObjective> = {
  check: (raw, path) => checkDesign(raw, path, 'label', checkLabels),
  dimension: designDimension,
  normalize(parsed) {
    const { A, y, generated } = designData(parsed, (signal) => (signal >= 0 ? 1 : -1));
    return { kind: 'logistic', A, y, l2: parsed.l2, ...(generated ? { generated } : {}) };
  },
};

// ---- engine descriptor

/** Newton iterations allowed when solving for the minimizer. */
const MAX_NEWTON = 100;

/**
 * The minimizer of a strongly convex (λ > 0) logistic loss by damped Newton in
 * float64 (backtracking on f), to ‖∇f‖∞ ≤ 1e-13·(1 + ‖x‖∞)·(1 + λ); undefined when
 * it does not converge.
 */
export function logisticMinimizer(o: LogisticObjective, dim: number): number[] | undefined {
  const f = referenceLogistic(o, dim);
  const x = new Float64Array(dim);
  const g = new Float64Array(dim);
  const column = new Float64Array(dim);
  const unit = new Float64Array(dim);
  for (let iteration = 0; iteration < MAX_NEWTON; iteration++) {
    f.grad(x, g);
    const scale = 1e-13 * (1 + Math.max(...Array.from(x, Math.abs))) * (1 + o.l2);
    if (Math.max(...Array.from(g, Math.abs)) <= scale) return Array.from(x);
    const H: number[][] = [];
    for (let j = 0; j < dim; j++) {
      unit.fill(0);
      unit[j] = 1;
      f.hessVec(x, unit, column);
      H.push(Array.from(column));
    }
    const step = solve(H, Array.from(g));
    const f0 = f.loss(x);
    const slope = step.reduce((acc, s, j) => acc + s * g[j], 0);
    // Armijo backtracking; near the minimum f changes by less than its rounding, where the full step is taken.
    const roundoff = 8 * Number.EPSILON * Math.abs(f0);
    let t = 1;
    const trial = new Float64Array(dim);
    for (;;) {
      for (let j = 0; j < dim; j++) trial[j] = x[j] - t * step[j];
      if (f.loss(trial) <= f0 - 1e-4 * t * slope + roundoff || t < 1e-10) break;
      t /= 2;
    }
    x.set(trial);
  }
  return undefined;
}

export const logistic = {
  kind: 'logistic',
  schema: logisticObjectiveSchema,
  format: logisticFormat,
  title: 'logistic regression (1/N) Σ log(1 + e^(−yᵢaᵢᵀx)) + (λ/2)‖x‖²',
  contract: { experiment: { objective: { kind: 'logistic', l2: 0.01, generate: { samples: 32, features: 3, noise: 0.1, seed: 1 } }, noise: { kind: 'minibatch', batchSize: 4 }, dynamics: [{ kind: 'sgd', lr: 0.2 }], x0: [0, 0, 0] } },
  shader: { path: 'objectives/logistic.wgsl', source },
  params: paramLayout({ LOGISTIC_L2: (o: LogisticObjective) => o.l2 }),
  ...designLayout,
  reference: (o: LogisticObjective, dim: number) => referenceLogistic(o, dim),
  thirdDerivative: true,
  /**
   * With λ > 0 the loss is strongly convex and its minimizer unique (found by Newton).
   * With λ = 0 none is reported: separable classes have none at all.
   */
  minimizer: (o: LogisticObjective, dim: number) => (o.l2 > 0 ? logisticMinimizer(o, dim) : undefined),
} satisfies ObjectiveDescriptor<LogisticObjective, LogisticObjectiveInput>;
