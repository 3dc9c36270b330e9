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
import { issueAt } from '../experiment/issue';
import { finiteMatrix, finiteVector, nonNegativeNumber, positiveInteger } from '../experiment/numbers';
import { isRecord } from '../experiment/numeric-guards';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceDiagonalNet } from '../reference/objectives/diagonal-net';
import { checkDataOrGenerate, checkGenerate, checkPerSample, checkSampleMatrix, cosineNormal, interleaveSamples } from './finite-sum-data';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { paramLayout } from '../compose/param-layout';

export const MAX_DIAGONAL_NET_SAMPLES = 2 ** 16;

export const diagonalNetObjectiveSchema = strictObject({
  kind: z.literal('diagonal-net'),
  data: strictObject({
    inputs: finiteMatrix().describe('Inputs aᵢ: N rows of p features; d = 2p (the state is (u, v)).'),
    targets: finiteVector().describe('Targets yᵢ: N numbers.'),
  })
    .optional()
    .describe('The data set, given. Exactly one of data and generate is given.'),
  generate: strictObject({
    samples: positiveInteger(MAX_DIAGONAL_NET_SAMPLES).describe('Samples N.'),
    features: positiveInteger(512).describe('Features p; d = 2p (the state is (u, v)).'),
    sparsity: positiveInteger(512).default(1).describe('Nonzero entries (±1) of the teacher β*, at most features.'),
    noise: nonNegativeNumber().default(0).describe('Target noise s: yᵢ = aᵢᵀβ* + s·εᵢ.'),
    seed: z
      .union([z.string(), z.number()], { error: (i) => `expected seed as a string or a number, found ${describeValue(i.input)}` })
      .default('diagonal-net')
      .describe('Seed of the data.'),
  })
    .optional()
    .describe('The data set, generated from a sparse teacher β*. Exactly one of data and generate is given.'),
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
  const normal = () => cosineNormal(random);
  const teacher = Array.from({ length: g.features }, (_, k) => (k < g.sparsity ? (random() < 0.5 ? -1 : 1) : 0));
  const inputs = Array.from({ length: g.samples }, () => Array.from({ length: g.features }, normal));
  const targets = inputs.map((a) => a.reduce((s, ak, k) => s + ak * teacher[k], 0) + g.noise * normal());
  return { inputs, targets, teacher };
}

export const diagonalNetFormat: ObjectiveKind<DiagonalNetObjectiveInput, DiagonalNetObjective> = {
  check(raw, path) {
    const issues = checkDataOrGenerate(raw, path, '"inputs", "targets"');
    let features: number | undefined;
    if (isRecord(raw.data)) {
      const inputsPath = [...path, 'data', 'inputs'];
      const rows = checkSampleMatrix(raw.data.inputs, inputsPath, 1);
      issues.push(...rows.issues, ...checkPerSample(raw.data.targets, [...path, 'data', 'targets'], rows.samples, inputsPath, 'target'));
      features = rows.features;
    } else if (isRecord(raw.generate)) {
      const generated = checkGenerate(raw.generate, [...path, 'generate'], 1);
      issues.push(...generated.issues);
      features = generated.features;
      const sparsity = raw.generate.sparsity;
      if (features !== undefined && Number.isSafeInteger(sparsity) && (sparsity as number) > features) {
        issues.push(issueAt([...path, 'generate', 'sparsity'], `expected at most features = ${features} nonzeros, found ${sparsity}`));
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
  contract: { experiment: { objective: { kind: 'diagonal-net', generate: { samples: 8, features: 3, sparsity: 1, noise: 0.05, seed: 1 } }, noise: { kind: 'minibatch', batchSize: 2 }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: 0.3, std: 0.05 } } },
  citation: 'diagonal linear networks (Woodworth et al. 2020); docs/math.md §3a',
  shader: { path: 'objectives/diagonal-net.wgsl', source },
  params: paramLayout({}),
  data: (o: DiagonalNetObjective) => interleaveSamples(o.inputs, o.targets),
  constants: (o: DiagonalNetObjective) => ({ DN_FEATURES: o.inputs[0].length, N_SAMPLES: o.targets.length }),
  sampleCount: (o: DiagonalNetObjective) => o.targets.length,
  /** Loops of the WGSL module per call (a residual is p + 1 trips, a sample gradient 2p + 2). */
  reference: (o: DiagonalNetObjective) => referenceDiagonalNet(o),
} satisfies ObjectiveDescriptor<DiagonalNetObjective, DiagonalNetObjectiveInput>;
