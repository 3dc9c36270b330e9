/**
 * The quadratic-sum objective F = Σᵢ wᵢ fᵢ of docs/math.md §1 (mini-batch descent flow,
 * randomized minimizing movement): typed convex components — quadratics, row-block
 * least squares, ℓ1, and indicators of boxes, halfspaces, balls and obstacle sets
 * (src/objectives/quadratic-sum-components.ts) — with weights wᵢ > 0 (default 1/n,
 * the mean). As a finite sum, F = (1/n) Σᵢ (n wᵢ fᵢ): `minibatch` noise draws its
 * batches from these n samples, and the mini-batch flow's sub-loss F_B = (n/b) Σ_{i∈B} wᵢfᵢ
 * is unbiased.
 *
 * `{ "kind": "quadratic-sum", "components": [{ "A": [[1]], "c": [1] }, { "kind": "l1", "lambda": 0.5 }], "weights": [1, 1] }`
 */
import source from '../../shaders/objectives/quadratic-sum.wgsl?raw';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import { formatJsonPath } from '../experiment/json-path';
import { positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceQuadraticSum } from '../reference/objectives/quadratic-sum';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { quadraticSumMinimizer } from './quadratic-sum-minimizer';
import { checkComponent, componentDimension, isSmooth, normalizeComponent, smoothForm, sumComponentSchema, type SumComponent } from './quadratic-sum-components';
import { paramLayout, recordConstants, wgslEnum } from '../compose/param-layout';

// ---- experiment-file format

export const quadraticSumObjectiveSchema = strictObject({
  kind: z.literal('quadratic-sum'),
  components: z
    .array(sumComponentSchema)
    .min(1, { error: (i) => `expected components as a non-empty array, found ${describeValue(i.input)}` })
    .describe('Convex components fᵢ of F = Σᵢ wᵢfᵢ; a component without kind is a quadratic.'),
  weights: z.array(positiveNumber()).optional().describe('Weights wᵢ > 0, one per component; default 1/n each (F is the mean).'),
});

export type QuadraticSumObjectiveInput = z.output<typeof quadraticSumObjectiveSchema>;

/** A normalized quadratic sum: components and one weight per component (default 1/n). */
export interface QuadraticSumObjective {
  kind: 'quadratic-sum';
  components: SumComponent[];
  weights: number[];
}

export const quadraticSumFormat: ObjectiveKind<QuadraticSumObjectiveInput, QuadraticSumObjective> = {
  check(raw, path) {
    const list = Array.isArray(raw.components) ? raw.components : [];
    const fixing = list.findIndex((c) => componentDimension(c) !== undefined);
    const dim = fixing >= 0 ? componentDimension(list[fixing]) : undefined;
    const dimSource = formatJsonPath([...path, 'components', Math.max(fixing, 0)]);
    const issues: ExperimentIssue[] = [];
    if (list.length > 0 && fixing < 0) issues.push(issueAt([...path, 'components'], 'expected at least one component that fixes the dimension d (an ℓ1 term alone does not)'));
    list.forEach((c, i) => issues.push(...checkComponent(c, [...path, 'components', i], dim, dimSource)));
    if (Array.isArray(raw.weights) && raw.weights.length !== list.length) {
      issues.push(issueAt([...path, 'weights'], `expected one weight per component (${list.length}), found ${raw.weights.length}`));
    }
    return { dim, dimSource, issues };
  },
  dimension: (parsed) => parsed.components.map(componentDimension).find((d) => d !== undefined)!,
  normalize(parsed) {
    const dim = parsed.components.map(componentDimension).find((d) => d !== undefined)!;
    const n = parsed.components.length;
    return { kind: 'quadratic-sum', components: parsed.components.map((c) => normalizeComponent(c, dim)), weights: parsed.weights ? [...parsed.weights] : new Array<number>(n).fill(1 / n) };
  },
};

// ---- engine descriptor

/** Component kinds as shaders/objectives/quadratic-sum.wgsl reads them (SUM_SMOOTH, SUM_L1, …). */
const SUM_KIND = wgslEnum('SUM', ['smooth', 'l1', 'box', 'halfspace', 'ball', 'obstacle']);
const kindCode = (c: SumComponent) => SUM_KIND.codes[isSmooth(c) ? 'smooth' : (c.kind as Exclude<SumComponent['kind'], 'quadratic' | 'least-squares'>)];

/**
 * One component's entry in the header of `data`: its kind at SUM_ENTRY_KIND, where
 * its block starts at SUM_ENTRY_DATA, w_i at SUM_ENTRY_WEIGHT and p at SUM_ENTRY_P;
 * SUM_ENTRY_WORDS apart.
 */
const SUM_ENTRY = paramLayout<[kind: number, at: number, weight: number, p: number]>({
  SUM_ENTRY_KIND: { u32: (kind) => kind },
  SUM_ENTRY_DATA: { u32: (_kind, at) => at },
  SUM_ENTRY_WEIGHT: (_kind, _at, weight) => weight,
  SUM_ENTRY_P: (_kind, _at, _weight, p) => p,
});
const SUM_ENTRY_CONSTANTS = recordConstants(SUM_ENTRY, 'SUM_ENTRY_WORDS', 0, 0, 0, 0);

/** Appends a vector without spreading it into arguments. */
function append(out: number[], values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) out.push(values[i]);
}

/** `data`: a header [kind, offset, wᵢ, p] per component, then each component's block (shaders/objectives/quadratic-sum.wgsl). */
export function quadraticSumData(o: QuadraticSumObjective, dim: number): number[] {
  const header: number[] = [];
  const blocks: number[] = [];
  const base = SUM_ENTRY_CONSTANTS.SUM_ENTRY_WORDS * o.components.length;
  o.components.forEach((c, i) => {
    const at = base + blocks.length;
    let p = 0;
    if (isSmooth(c)) {
      const f = smoothForm(c, dim);
      // Appended row by row: a spread of d² arguments overflows the call stack at d = 1,024.
      for (const row of f.Q) append(blocks, row);
      append(blocks, f.q);
      blocks.push(f.k);
    } else if (c.kind === 'l1') p = c.lambda;
    else if (c.kind === 'box') blocks.push(...c.lower, ...c.upper);
    else if (c.kind === 'halfspace') (blocks.push(...c.normal), (p = c.offset));
    else if (c.kind === 'ball') (blocks.push(...c.center), (p = c.radius));
    else blocks.push(...c.psi);
    header.push(...SUM_ENTRY.pack(kindCode(c), at, o.weights[i], p));
  });
  return [...header, ...blocks];
}

export const quadraticSum = {
  kind: 'quadratic-sum',
  schema: quadraticSumObjectiveSchema,
  format: quadraticSumFormat,
  title: 'quadratic sum Σ wᵢfᵢ (quadratics, row blocks, ℓ1, convex-set indicators)',
  contract: { experiment: { objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 2]], c: [1, 0] }, { A: [[3, 1], [1, 1]], c: [-1, 1] }] }, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'Domínguez Corella & Hernández, Mini-batch descent in semiflows (arXiv:2407.07556), docs/math.md §1b',
  shader: { path: 'objectives/quadratic-sum.wgsl', source },
  params: paramLayout({}, { enums: [SUM_KIND], constants: [SUM_ENTRY_CONSTANTS] }),
  data: (o: QuadraticSumObjective, dim: number) => quadraticSumData(o, dim),
  constants: (o: QuadraticSumObjective) => ({ N_SAMPLES: o.components.length }),
  sampleCount: (o: QuadraticSumObjective) => o.components.length,
  reference: (o: QuadraticSumObjective, dim: number) => referenceQuadraticSum(o, dim),
  /** The minimizer when the smooth part is positive definite (direct solve, or ADMM over the proximal maps). */
  minimizer: (o: QuadraticSumObjective, dim: number) => quadraticSumMinimizer(o.components, o.weights, dim),
  /** Every component costs at most a d×d product (+ d + 1 loop exits). */
} satisfies ObjectiveDescriptor<QuadraticSumObjective, QuadraticSumObjectiveInput>;
