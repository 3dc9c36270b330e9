/**
 * What the mini-batch flow, the full flow and the randomized minimizing movement
 * share: the step length h (model time = step × h), the batch size from the
 * experiment's noise, the checks that a run can be built, the (cached) batch maps
 * and the loop costs of one step (src/ensemble/chunking.ts).
 */
import { z } from 'zod';
import { positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import type { DynamicsKind } from '../experiment/dynamics/dynamics-kind';
import { validateWith } from '../experiment/zod-issues';
import type { JsonPath } from '../experiment/json-path';
import type { QuadraticSumObjective } from '../objectives/quadratic-sum';
import { LABEL_DESCRIPTION, type ClosedFormSeries } from './dynamics-descriptor';
import { isSmooth } from '../objectives/quadratic-sum-components';
import { changingBatchSize, type MinibatchNoise } from '../noise/minibatch';
import { BATCH_MAP_KIND, BATCH_RECORD_CONSTANTS, batchMaps, batchMapsProblem, batchMapWords, binomial, MAX_BATCH_MAP_WORDS, packBatchMaps, packedStride, type BatchMap, type BatchMapMode } from './batch-maps';
import { paramLayout, sharedDerivation, wordLayout } from '../compose/param-layout';

export const stepLengthSchema = positiveNumber();

/** Sweep check of `h`. */
export const checkStepLength = (value: unknown, path: JsonPath) => validateWith(stepLengthSchema, value, path);

/** A normalized item `{ kind, h, label? }` that steps model time h (dt = h). */
export interface StepLengthDynamics<K extends string> {
  kind: K;
  h: number;
  dt: number;
  label?: string;
}

/**
 * The file format of an item `{ "kind", "h", "label"? }` (the RMM, the full flow): its
 * schema and the normalize / sweep rules, with h swept like a step size.
 */
export function stepLengthItem<K extends string>(kind: K) {
  const schema = strictObject({
    kind: z.literal(kind),
    h: stepLengthSchema.describe('Step length h: model time per step.'),
    label: z.string().optional().describe(LABEL_DESCRIPTION),
  });
  const format: DynamicsKind<z.output<typeof schema>, StepLengthDynamics<K>, 'h'> = {
    check: () => [],
    params: { h: checkStepLength },
    normalize: (p) => ({ kind, h: p.h, dt: p.h, ...(p.label !== undefined ? { label: p.label } : {}) }),
    withParam: (item, _param, value) => ({ ...item, h: value as number, dt: value as number }),
  };
  return { schema, format };
}

/**
 * The batch size of a run: `noise.batchSize` for mini-batch noise, all n components
 * without noise. One size for the whole run (the C(n, b) maps are precomputed for it):
 * `batchRunProblem` refuses a batch-size schedule.
 */
export function batchSizeOf(noise: unknown, n: number): number {
  const spec = noise as { kind?: string; batchSize?: number } | undefined;
  return spec?.kind === 'minibatch' ? spec.batchSize! : n;
}

/** Why the dynamics cannot run on this objective and noise (undefined if it can). */
export function batchRunProblem(kind: string, objective: { kind: string }, noise: unknown, dim: number, mode: BatchMapMode, fullBatch = false): string | undefined {
  if (objective.kind !== 'quadratic-sum') return `${kind} needs a quadratic-sum objective (its sub-flows and proximal maps are closed forms of the components), found ${objective.kind}`;
  const o = objective as QuadraticSumObjective;
  const n = o.components.length;
  const spec = noise as { kind?: string; batchSize?: number; replacement?: boolean } | undefined;
  if (spec && spec.kind !== 'none' && spec.kind !== 'minibatch') return `${kind} draws its batches from "minibatch" noise (or runs the full batch without noise), found noise.kind = "${spec.kind}"`;
  if (fullBatch) {
    const nonsmooth = o.components.findIndex((c) => !isSmooth(c));
    return nonsmooth >= 0 ? `${kind} is exact for smooth (quadratic) sums only, and component ${nonsmooth} is ${o.components[nonsmooth].kind}` : undefined;
  }
  if (spec?.kind === 'minibatch' && changingBatchSize(spec as MinibatchNoise)) {
    return `${kind} precomputes its batch maps for one batch size, so $.noise.batchSize must be a whole number, found a schedule (stages ${(spec as MinibatchNoise).stages.values.join(', ')})`;
  }
  const b = batchSizeOf(noise, n);
  if (spec?.replacement && b > 1) return `${kind} draws batches without replacement (uniform b-subsets, docs/math.md §1b); set noise.replacement to false`;
  if (b > MAX_FLOW_BATCH && b < n) return `${kind} draws batches of at most ${MAX_FLOW_BATCH} components, found noise.batchSize = ${b}`;
  const problem = batchMapsProblem(o, b, mode);
  if (problem) return `${kind}: ${problem}`;
  const words = batchMapWords(n, b, dim, mode);
  if (words > MAX_BATCH_MAP_WORDS) return `${kind}: the ${binomial(n, b)} batch maps at d = ${dim} need ${words} parameter words, more than ${MAX_BATCH_MAP_WORDS}`;
  return undefined;
}

const cache = new WeakMap<object, Map<string, BatchMap[]>>();

/** The batch maps of a run, computed once per (objective, b, mode, h). */
export function cachedBatchMaps(o: QuadraticSumObjective, b: number, dim: number, mode: BatchMapMode, h: number): BatchMap[] {
  let forObjective = cache.get(o);
  if (!forObjective) cache.set(o, (forObjective = new Map()));
  const key = `${b}:${mode}:${h}`;
  let maps = forObjective.get(key);
  if (!maps) forObjective.set(key, (maps = batchMaps(o, b, dim, mode, h)));
  return maps;
}

/**
 * The parameters of lib/batch_maps.wgsl for a batch run in `mode` with batches of
 * `batchSize`: h at BATCH_STEP_LENGTH, b at BATCH_DRAW_SIZE, the number of
 * batches at BATCH_COUNT, the table of maps at BATCH_TABLE and their data at
 * BATCH_DATA (src/dynamics/batch-maps.ts); `constants` adds the module's own structural constants.
 */
export function batchRunParams<D extends { h: number }>(
  mode: (item: D) => BatchMapMode,
  batchSize: (objective: QuadraticSumObjective, noise: unknown) => number,
  constants: Readonly<Record<string, number>> = {},
) {
  const packed = sharedDerivation((item: D, objective: QuadraticSumObjective, dim: number, noise?: unknown) => {
    const b = batchSize(objective, noise);
    return { b, ...packBatchMaps(cachedBatchMaps(objective, b, dim, mode(item), item.h)) };
  });
  return paramLayout<[item: D, objective: QuadraticSumObjective, dim: number, noise?: unknown]>(
    {
      BATCH_STEP_LENGTH: (item) => item.h,
      BATCH_DRAW_SIZE: { u32: (...args) => packed(...args).b },
      BATCH_COUNT: { u32: (...args) => packed(...args).table.length / BATCH_RECORD_CONSTANTS.BATCH_ENTRY_WORDS },
      BATCH_TABLE: (...args) => packed(...args).table,
      BATCH_DATA: (...args) => packed(...args).data,
    },
    { enums: [BATCH_MAP_KIND], constants: [BATCH_RECORD_CONSTANTS, constants] },
  );
}

/** A batch run's aux words: DIM words of scratch for the maps' products at BATCH_SCRATCH. */
export const batchRunAux = wordLayout<[item: unknown, dim: number]>({ BATCH_SCRATCH: (_item, dim) => dim });

/** A run that switches batches within a step: the rank of the batch in force at BATCH_RANK, then the scratch. */
export const switchingBatchRunAux = wordLayout<[item: unknown, dim: number]>({ BATCH_RANK: () => 1, BATCH_SCRATCH: (_item, dim) => dim });

/** Largest batch the flows draw (BATCH_MAX in shaders/lib/batch_draw.wgsl). */
export const MAX_FLOW_BATCH = 16;

/** Most batch switches in one step of exponential switching (FLOW_MAX_SWITCHES in the WGSL; P(Poisson(1) > 12) ≈ 2e−10 truncates the rest). */
export const MAX_SWITCHES_PER_STEP = 12;

export const switchingSchema = z.enum(['fixed', 'exponential']).default('fixed');

/**
 * The law of the full gradient flow u′ = −∇F(u) of a smooth quadratic sum at the
 * model times `times` (multiples of h), from a Gaussian initial law: the target the
 * mini-batch flow and the RMM converge to as h → 0 (docs/math.md §1c). Iterates the exact
 * one-step map u ← Mu + r (M = e^{−hQ}); the covariance M C Mᵀ only when x0 is random.
 * Undefined for nonsmooth sums (their full flow has no closed form here).
 */
export function fullFlowLaw(objective: { kind: string }, h: number, initial: { mean: number[]; std: number[] }, times: number[]): ClosedFormSeries | undefined {
  if (objective.kind !== 'quadratic-sum') return undefined;
  const o = objective as QuadraticSumObjective;
  if (!o.components.every(isSmooth)) return undefined;
  const dim = initial.mean.length;
  const [map] = cachedBatchMaps(o, o.components.length, dim, 'flow', h);
  const M = map.matrix!;
  const r = map.vector!;
  const random = initial.std.some((s) => s !== 0);
  const lo = map.lo!;
  const n = map.size!;
  let mean = [...initial.mean];
  let cov = initial.std.map((s, i) => initial.std.map((_, j) => (i === j ? s * s : 0)));
  // The map on the whole state: identity outside the block [lo, lo + n).
  const Mfull = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) Mfull[i * dim + i] = 1;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Mfull[(lo + i) * dim + lo + j] = M[i * n + j];
  const rfull = Array.from({ length: dim }, (_, i) => (i >= lo && i < lo + n ? r[i - lo] : 0));
  const apply = (v: number[]) => v.map((_, i) => v.reduce((acc, x, j) => acc + Mfull[i * dim + j] * x, 0));
  const out: ClosedFormSeries = { name: 'full gradient flow of F (exact)', mean: [], covariance: [] };
  let step = 0;
  for (const t of times) {
    const target = Math.round(t / h);
    for (; step < target; step++) {
      mean = apply(mean).map((v, i) => v + rfull[i]);
      if (random) cov = congruence(Mfull, cov, dim);
    }
    out.mean.push([...mean]);
    out.covariance.push(cov.map((row) => [...row]));
  }
  return out;
}

/** M C Mᵀ (M row-major d×d). */
function congruence(M: Float64Array, C: number[][], dim: number): number[][] {
  const MC = C.map((_, i) => C.map((__, j) => C.reduce((acc, row, k) => acc + M[i * dim + k] * row[j], 0)));
  return MC.map((row) => MC.map((_, j) => row.reduce((acc, v, k) => acc + v * M[j * dim + k], 0)));
}
