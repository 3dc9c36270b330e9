/**
 * A diagonal linear network for regression, β = u⊙u − v⊙v, squared loss on a
 * finite data set (shaders/objectives/diagonal-net.wgsl has the formulas); the
 * state is (u, v). Data are given in the file or generated from a seed: a
 * sparse teacher β* with `sparsity` nonzeros.
 */
import source from '../../shaders/objectives/diagonal-net.wgsl?raw';
import seedrandom from 'seedrandom';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import { finiteMatrix, finiteVector, nonNegativeNumber, positiveInteger } from '../experiment/numbers';
import { isArrayOfArrays } from '../experiment/numeric-guards';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceDiagonalNet } from '../reference/objectives/diagonal-net';
import type { ObjectiveDescriptor } from './objective-descriptor';

export const MAX_DIAGONAL_NET_SAMPLES = 2 ** 16;

export const diagonalNetObjectiveSchema = strictObject({
  kind: z.literal('diagonal-net'),
  data: strictObject({ inputs: finiteMatrix(), targets: finiteVector() }).optional(),
  generate: strictObject({
    samples: positiveInteger(MAX_DIAGONAL_NET_SAMPLES),
    features: positiveInteger(512),
    sparsity: positiveInteger(512).default(1),
    noise: nonNegativeNumber().default(0),
    seed: z.union([z.string(), z.number()], { error: (i) => `expected seed as a string or a number, found ${describeValue(i.input)}` }).default('diagonal-net'),
  }).optional(),
});

export type DiagonalNetObjectiveInput = z.output<typeof diagonalNetObjectiveSchema>;

export interface DiagonalNetObjective {
  kind: 'diagonal-net';
  inputs: number[][];
  targets: number[];
  /** The teacher β*, when the data were generated. */
  teacher?: number[];
}

/**
 * Sparse teacher data: β* has `sparsity` entries ±1 (random signs) at the first
 * coordinates, aᵢ ~ N(0, I_p), yᵢ = aᵢ·β* + noise·εᵢ. Normals by Box–Muller from
 * seedrandom("diagonal-net:<seed>").
 */
export function sparseTeacherData(g: NonNullable<DiagonalNetObjectiveInput['generate']>): { inputs: number[][]; targets: number[]; teacher: number[] } {
  const random = seedrandom(`diagonal-net:${g.seed}`);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const teacher = Array.from({ length: g.features }, (_, k) => (k < g.sparsity ? (random() < 0.5 ? -1 : 1) : 0));
  const inputs = Array.from({ length: g.samples }, () => Array.from({ length: g.features }, normal));
  const targets = inputs.map((a) => a.reduce((s, ak, k) => s + ak * teacher[k], 0) + g.noise * normal());
  return { inputs, targets, teacher };
}

export const diagonalNetFormat: ObjectiveKind<DiagonalNetObjectiveInput, DiagonalNetObjective> = {
  check(raw, path) {
    const issues: ExperimentIssue[] = [];
    if ((raw.data === undefined) === (raw.generate === undefined)) {
      issues.push(issueAt(path, `expected exactly one of "data" and "generate", found ${raw.data === undefined ? 'neither' : 'both'}`));
    }
    let features: number | undefined;
    const data = raw.data as { inputs?: unknown; targets?: unknown } | undefined;
    if (data && isArrayOfArrays(data.inputs) && data.inputs.length > 0) {
      features = data.inputs[0].length;
      data.inputs.forEach((row, i) => {
        if (row.length !== features) issues.push(issueAt([...path, 'data', 'inputs', i], `expected ${features} features like row 0, found ${row.length}`));
      });
      if (Array.isArray(data.targets) && data.targets.length !== data.inputs.length) {
        issues.push(issueAt([...path, 'data', 'targets'], `expected one target per input row (${data.inputs.length}), found ${data.targets.length}`));
      }
    }
    const generate = raw.generate as { features?: unknown; sparsity?: unknown } | undefined;
    if (generate && Number.isSafeInteger(generate.features)) {
      features = generate.features as number;
      if (Number.isSafeInteger(generate.sparsity) && (generate.sparsity as number) > features) {
        issues.push(issueAt([...path, 'generate', 'sparsity'], `expected at most features = ${features} nonzeros, found ${generate.sparsity}`));
      }
    }
    return { dim: features !== undefined && issues.length === 0 ? 2 * features : undefined, dimSource: '$.objective (2 × features: u and v)', issues };
  },
  dimension: (parsed) => 2 * (parsed.data ? parsed.data.inputs[0].length : parsed.generate!.features),
  normalize(parsed) {
    if (parsed.data) return { kind: 'diagonal-net', inputs: parsed.data.inputs.map((r) => [...r]), targets: [...parsed.data.targets] };
    return { kind: 'diagonal-net', ...sparseTeacherData(parsed.generate!) };
  },
};

export const diagonalNet = {
  kind: 'diagonal-net',
  schema: diagonalNetObjectiveSchema,
  format: diagonalNetFormat,
  title: 'diagonal linear network β = u⊙u − v⊙v, squared loss',
  citation: 'diagonal linear networks (Woodworth et al. 2020); MATH.md §3a',
  shader: { path: 'objectives/diagonal-net.wgsl', source },
  pack: () => [],
  data: (o: DiagonalNetObjective) => o.inputs.flatMap((a, i) => [...a, o.targets[i]]),
  constants: (o: DiagonalNetObjective) => ({ DN_FEATURES: o.inputs[0].length, N_SAMPLES: o.targets.length }),
  sampleCount: (o: DiagonalNetObjective) => o.targets.length,
  /** Loops of the WGSL module per call (a residual is p + 1 trips, a sample gradient 2p + 2). */
  loopIterationsPerStep(o: DiagonalNetObjective, dim: number) {
    const p = o.inputs[0].length;
    const n = o.targets.length;
    return { grad: n * (2 * p + 3) + dim + 1, sampleGrad: 2 * p + 3, loss: n * (p + 2) + 1 };
  },
  reference: (o: DiagonalNetObjective) => referenceDiagonalNet(o),
} satisfies ObjectiveDescriptor<DiagonalNetObjective, DiagonalNetObjectiveInput>;
