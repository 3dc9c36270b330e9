/**
 * The weighted L1 objective f(x) = Σᵢ wᵢ |xᵢ − cᵢ| (wᵢ > 0), the nonsmooth test
 * problem of the two-timescale framework (docs/math.md §5c): its experiment-file format
 * and engine descriptor. The gradient the engine uses is the Clarke subgradient
 * wᵢ·sign(xᵢ − cᵢ) with sign(0) = 0, a valid element since 0 ∈ ∂|·|(0) = [−1, 1];
 * the unique Clarke-stationary point (and minimizer) is x = c.
 */
import source from '../../shaders/objectives/weighted-l1.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { checkVectorLength } from '../experiment/dimension-checks';
import { formatJsonPath } from '../experiment/json-path';
import { finiteVector, positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceWeightedL1 } from '../reference/objectives/weighted-l1';
import { normalCdf } from '../rng/random';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { paramLayout } from '../compose/param-layout';

// ---- experiment-file format

/**
 * Weighted L1 objective `{ kind: "weighted-l1", weights, center? }`: `weights` (d entries > 0)
 * fixes the dimension d; `center` (d entries, default 0) is the minimizer c.
 */
export const weightedL1ObjectiveSchema = strictObject({
  kind: z.literal('weighted-l1'),
  weights: z
    .array(positiveNumber())
    .min(1, { error: (i) => `expected weights as a non-empty array of numbers > 0, found ${describeValue(i.input)}` })
    .describe('Weights wᵢ > 0 of f(x) = Σᵢ wᵢ|xᵢ − cᵢ|; their number fixes d.'),
  center: finiteVector().optional().describe('Minimizer c (d numbers); default 0.'),
});

/** A weighted L1 objective as written in the file. */
export type WeightedL1ObjectiveInput = z.output<typeof weightedL1ObjectiveSchema>;

/** A normalized weighted L1 objective: weights w > 0 and center c (zeros by default), both of d entries. */
export interface WeightedL1Objective {
  kind: 'weighted-l1';
  weights: number[];
  center: number[];
}

/** Cross-field behaviour: d is the length of `weights`; `center` must have d entries. */
export const weightedL1Format: ObjectiveKind<WeightedL1ObjectiveInput, WeightedL1Objective> = {
  check(raw, path) {
    const dim = Array.isArray(raw.weights) && raw.weights.length > 0 ? raw.weights.length : undefined;
    const dimSource = formatJsonPath([...path, 'weights']);
    const issues = Array.isArray(raw.center) ? checkVectorLength(raw.center, [...path, 'center'], { dim, dimSource }) : [];
    return { dim, dimSource, issues };
  },
  dimension: (parsed) => parsed.weights.length,
  normalize: (parsed) => ({
    kind: 'weighted-l1',
    weights: [...parsed.weights],
    center: parsed.center ? [...parsed.center] : new Array<number>(parsed.weights.length).fill(0),
  }),
};

// ---- engine descriptor

/** E|Y| for Y ~ N(μ, s²): s·√(2/π)·e^{−μ²/2s²} + μ·(1 − 2Φ(−μ/s)) (|μ| when s = 0). */
function expectedAbs(mu: number, s: number): number {
  if (s === 0) return Math.abs(mu);
  return s * Math.sqrt(2 / Math.PI) * Math.exp(-(mu * mu) / (2 * s * s)) + mu * (1 - 2 * normalCdf(-mu / s));
}

/** The registry row's descriptor: file format and engine side of the weighted L1 objective. */
export const weightedL1 = {
  kind: 'weighted-l1',
  schema: weightedL1ObjectiveSchema,
  format: weightedL1Format,
  title: 'weighted L1 Σ wᵢ |xᵢ − cᵢ|',
  contract: { experiment: { objective: { kind: 'weighted-l1', weights: [1, 2] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'nonsmooth test problem of Xiao, Hu, Toh, arXiv:2307.10053 (docs/math.md §5c)',
  shader: { path: 'objectives/weighted-l1.wgsl', source },
  params: paramLayout({ WEIGHTED_L1_W: (o: WeightedL1Objective) => o.weights, WEIGHTED_L1_C: (o: WeightedL1Objective) => o.center }),
  reference: (o: WeightedL1Objective, dim: number) => referenceWeightedL1(o, dim),
  /** x* = c: the unique minimizer and the only Clarke-stationary point (0 ∈ ∂f(x) iff x = c, as every wᵢ > 0). */
  minimizer: (o: WeightedL1Objective) => [...o.center],
  /** One loop over the d coordinates in `objective_grad` and in `objective_loss` (each counted one trip more). */
  /** E f(X) = Σ wᵢ E|Xᵢ − cᵢ| for X ~ N(m, C): only the marginal variances Cᵢᵢ enter. */
  gaussianExpectation(o: WeightedL1Objective, m: number[], C: number[][]) {
    return o.weights.reduce((acc, w, i) => acc + w * expectedAbs(m[i] - o.center[i], Math.sqrt(Math.max(0, C[i][i]))), 0);
  },
} satisfies ObjectiveDescriptor<WeightedL1Objective, WeightedL1ObjectiveInput>;
