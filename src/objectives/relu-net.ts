/**
 * A one-hidden-layer ReLU network on a finite data set, the state being its
 * flattened weights (shaders/objectives/relu-net.wgsl has the formulas): the
 * nonsmooth test problem of the two-timescale framework (docs/math.md §5). Data are
 * given in the file or generated from a seed by a teacher network.
 */
import source from '../../shaders/objectives/relu-net.wgsl?raw';
import seedrandom from 'seedrandom';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { issueAt } from '../experiment/issue';
import { finiteMatrix, finiteVector, nonNegativeNumber, positiveInteger } from '../experiment/numbers';
import { isRecord } from '../experiment/numeric-guards';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { referenceReluNet } from '../reference/objectives/relu-net';
import { checkDataOrGenerate, checkPerSample, checkSampleMatrix, cosineNormal, interleaveSamples } from './finite-sum-data';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { paramLayout } from '../compose/param-layout';

/** Most samples (the index draws of mini-batches are exact below 2^21). */
export const MAX_RELU_SAMPLES = 2 ** 16;

export const reluNetObjectiveSchema = strictObject({
  kind: z.literal('relu-net'),
  hidden: positiveInteger(256).describe('Hidden units h; the state is the flattened weights, d = h·(p + 2) + 1 for p inputs.'),
  data: strictObject({
    inputs: finiteMatrix().describe('Inputs aᵢ: N rows of p numbers.'),
    targets: finiteVector().describe('Targets yᵢ: N numbers.'),
  })
    .optional()
    .describe('The data set, given. Exactly one of data and generate is given.'),
  generate: strictObject({
    samples: positiveInteger(MAX_RELU_SAMPLES).describe('Samples N.'),
    inputs: positiveInteger(256).describe('Input dimension p.'),
    teacherHidden: positiveInteger(256).default(2).describe('Hidden units of the teacher network.'),
    noise: nonNegativeNumber().default(0).describe('Target noise s: yᵢ = teacher(aᵢ) + s·εᵢ.'),
    seed: z
      .union([z.string(), z.number()], { error: (i) => `expected seed as a string or a number, found ${describeValue(i.input)}` })
      .default('relu-net')
      .describe('Seed of the data.'),
  })
    .optional()
    .describe('The data set, generated from a random teacher network (aᵢ ~ N(0, I_p)). Exactly one of data and generate is given.'),
});

export type ReluNetObjectiveInput = z.output<typeof reluNetObjectiveSchema>;

/** A normalized ReLU-net objective: the data set is always explicit here. */
export interface ReluNetObjective {
  kind: 'relu-net';
  hidden: number;
  /** inputs[i] = aᵢ (p features), targets[i] = yᵢ. */
  inputs: number[][];
  targets: number[];
  /** How the data were generated, when they were. */
  generate?: NonNullable<ReluNetObjectiveInput['generate']>;
}

/** d = h(p + 2) + 1: W (h×p), b (h), v (h), c. */
export const reluNetDim = (hidden: number, inputs: number) => hidden * (inputs + 2) + 1;

/**
 * Teacher data: aᵢ ~ N(0, I_p); a teacher with q hidden units, weights N(0, 1/p),
 * biases N(0, 0.1²), output weights N(0, 1/q); yᵢ = teacher(aᵢ) + noise·εᵢ, εᵢ ~ N(0, 1).
 * Normals by Box–Muller from seedrandom("relu-net:<seed>").
 */
export function teacherData(g: NonNullable<ReluNetObjectiveInput['generate']>): { inputs: number[][]; targets: number[] } {
  const random = seedrandom(`relu-net:${g.seed}`);
  const normal = () => cosineNormal(random);
  const p = g.inputs;
  const q = g.teacherHidden;
  const W = Array.from({ length: q }, () => Array.from({ length: p }, () => normal() / Math.sqrt(p)));
  const b = Array.from({ length: q }, () => 0.1 * normal());
  const v = Array.from({ length: q }, () => normal() / Math.sqrt(q));
  const inputs = Array.from({ length: g.samples }, () => Array.from({ length: p }, normal));
  const targets = inputs.map((a) => v.reduce((acc, vj, j) => acc + vj * Math.max(0, W[j].reduce((s, w, k) => s + w * a[k], b[j])), 0) + g.noise * normal());
  return { inputs, targets };
}

export const reluNetFormat: ObjectiveKind<ReluNetObjectiveInput, ReluNetObjective> = {
  check(raw, path) {
    const issues = checkDataOrGenerate(raw, path, '"inputs", "targets"', '"samples", "inputs", …');
    const hidden = Number.isSafeInteger(raw.hidden) ? (raw.hidden as number) : undefined;
    let inputs: number | undefined;
    if (isRecord(raw.data)) {
      const inputsPath = [...path, 'data', 'inputs'];
      const rows = checkSampleMatrix(raw.data.inputs, inputsPath, 1);
      issues.push(...rows.issues);
      if (rows.samples !== undefined && rows.samples > MAX_RELU_SAMPLES) issues.push(issueAt(inputsPath, `expected at most ${MAX_RELU_SAMPLES} samples, found ${rows.samples}`));
      issues.push(...checkPerSample(raw.data.targets, [...path, 'data', 'targets'], rows.samples, inputsPath, 'target'));
      inputs = rows.features;
    } else if (isRecord(raw.generate) && Number.isSafeInteger(raw.generate.inputs)) {
      inputs = raw.generate.inputs as number;
    }
    const dim = hidden !== undefined && inputs !== undefined && issues.length === 0 ? reluNetDim(hidden, inputs) : undefined;
    return { dim, dimSource: `${path.length ? '$.objective' : '$'} (hidden·(inputs + 2) + 1 weights)`, issues };
  },
  dimension: (parsed) => reluNetDim(parsed.hidden, parsed.data ? parsed.data.inputs[0].length : parsed.generate!.inputs),
  normalize(parsed) {
    const data = parsed.data ?? teacherData(parsed.generate!);
    return {
      kind: 'relu-net',
      hidden: parsed.hidden,
      inputs: data.inputs.map((row) => [...row]),
      targets: [...data.targets],
      ...(parsed.generate ? { generate: { ...parsed.generate } } : {}),
    };
  },
};

export const reluNet = {
  kind: 'relu-net',
  schema: reluNetObjectiveSchema,
  format: reluNetFormat,
  title: 'one-hidden-layer ReLU network, squared loss',
  contract: { experiment: { objective: { kind: 'relu-net', hidden: 3, generate: { samples: 16, inputs: 2, teacherHidden: 2, noise: 0.1, seed: 1 } }, noise: { kind: 'minibatch', batchSize: 4 }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: 0, std: 0.5 } } },
  citation: 'the nonsmooth test problem of Xiao, Hu & Toh (arXiv:2307.10053); relu′(0) = 0 as in autograd',
  shader: { path: 'objectives/relu-net.wgsl', source },
  params: paramLayout({}),
  data: (o: ReluNetObjective) => interleaveSamples(o.inputs, o.targets),
  constants: (o: ReluNetObjective) => ({ RELU_HIDDEN: o.hidden, RELU_INPUTS: o.inputs[0].length, N_SAMPLES: o.targets.length }),
  sampleCount: (o: ReluNetObjective) => o.targets.length,
  /** Loops of the WGSL module per call (forward h·(p + 1), backward h·(p + 1), each counted one trip more). */
  reference: (o: ReluNetObjective) => referenceReluNet(o),
} satisfies ObjectiveDescriptor<ReluNetObjective, ReluNetObjectiveInput>;
