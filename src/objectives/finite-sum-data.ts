/**
 * Finite-sum data f = (1/N) Σ_i f_i shared by the finite-sum objectives
 * (least-squares, logistic, absolute-deviation, relu-net, diagonal-net): the
 * size limits, shape checks that name JSON paths, the packing into the shared
 * `data` buffer, and data generated from a seed. Least squares and logistic
 * regression share all of their data handling (a "design": rows a_i with one
 * value y_i each, given as `data: { A, y }` or generated).
 *
 * **Generated data.** Every generated number is an independent standard normal
 * draw N(0, 1), made by the Box–Muller transform from seedrandom's ARC4
 * generator seeded with `sdeflow-data ${s.length}:${s}` (s = String(seed)):
 * with u₁ = 1 − r() ∈ (0, 1] and u₂ = r(), the pair √(−2 ln u₁)·cos(2πu₂),
 * √(−2 ln u₁)·sin(2πu₂) gives two draws, cosine first. The order is x_true
 * (d draws), then for each sample i in turn a_i (d draws) and ε_i (one draw).
 * Features a_ij are rounded to float32, so the GPU's data buffer holds exactly
 * the numbers the float64 reference computes with (x_true and ε stay float64).
 * The same seed always gives the same data, on every platform.
 */
import seedrandom from 'seedrandom';
import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import { formatJsonPath, type JsonPath } from '../experiment/json-path';
import { finiteMatrix, finiteNumber, finiteVector, nonNegativeNumber, positiveInteger } from '../experiment/numbers';
import { isArrayOfArrays, isRecord } from '../experiment/numeric-guards';
import type { ObjectiveCheck } from '../experiment/objectives/objective-kind';
import { strictObject } from '../experiment/strict-object';

/**
 * Largest N: sample indices are drawn as ⌊w·m / 2^32⌋ from a 32-bit word w with
 * m ≤ N, which the float64 twin computes exactly only while m < 2^21 (w·m < 2^53).
 */
export const MAX_SAMPLES = 2 ** 21 - 1;

/** Largest data buffer, in f32 words: 128 MiB, WebGPU's default maxStorageBufferBindingSize. */
export const MAX_DATA_WORDS = 2 ** 25;

/** At most this many issues about rows or labels are listed one by one; the rest are counted in one more. */
const MAX_LISTED = 10;

/** `generate`: `{ samples: N, features: d, noise?: s (default 0), seed?: (default 0) }`. */
export const generateSchema = strictObject({
  samples: positiveInteger(MAX_SAMPLES).describe('Samples N.'),
  features: positiveInteger(MAX_DATA_WORDS).describe('Features d (the state dimension).'),
  noise: nonNegativeNumber().default(0).describe('Noise s of the values: aᵢᵀx_true + s·εᵢ (logistic: the sign of it).'),
  seed: z
    .union([z.string(), finiteNumber()], { error: (i) => `expected seed as a string or a finite number, found ${describeValue(i.input)}` })
    .default(0)
    .describe('Seed of the data.'),
});

/** Settings of generated data, as parsed (defaults filled). */
export type GenerateSettings = z.output<typeof generateSchema>;

/** Standard normal draws from a seed (the module doc states the construction). */
export function seededNormals(seed: string | number): () => number {
  const text = String(seed);
  const random = seedrandom(`sdeflow-data ${text.length}:${text}`);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** A Gaussian design: x_true ~ N(0, I_d), rows a_i ~ N(0, I_d) rounded to f32, and ε_i ~ N(0, 1). */
export interface GaussianDesign {
  xTrue: number[];
  A: number[][];
  epsilon: number[];
}

/** The Gaussian design of generated data (draw order in the module doc). */
export function gaussianDesign(samples: number, features: number, seed: string | number): GaussianDesign {
  const normal = seededNormals(seed);
  const xTrue = Array.from({ length: features }, normal);
  const A: number[][] = [];
  const epsilon: number[] = [];
  for (let i = 0; i < samples; i++) {
    A.push(Array.from({ length: features }, () => Math.fround(normal())));
    epsilon.push(normal());
  }
  return { xTrue, A, epsilon };
}

/** a_iᵀx in float64. */
export function rowDot(row: readonly number[], x: readonly number[]): number {
  let acc = 0;
  for (let j = 0; j < row.length; j++) acc += row[j] * x[j];
  return acc;
}

/** Samples one after another, each its features then `extra[i]` when given: stride d (+ 1). */
export function interleaveSamples(A: readonly (readonly number[])[], extra?: readonly number[]): number[] {
  const d = A[0]?.length ?? 0;
  const stride = d + (extra ? 1 : 0);
  const out = new Array<number>(A.length * stride);
  A.forEach((row, i) => {
    for (let j = 0; j < d; j++) out[i * stride + j] = row[j];
    if (extra) out[i * stride + d] = extra[i];
  });
  return out;
}

/** Exactly one of `data` and `generate` (their keys, as quoted in the message when neither is given). */
export function checkDataOrGenerate(raw: Record<string, unknown>, path: JsonPath, dataKeys: string, generateKeys = '"samples", "features", …'): ExperimentIssue[] {
  const hasData = raw.data !== undefined;
  const hasGenerate = raw.generate !== undefined;
  if (hasData && hasGenerate) {
    return [issueAt([...path, 'generate'], `expected either "data" or "generate", found both (drop one)`)];
  }
  if (!hasData && !hasGenerate) {
    return [issueAt(path, `expected either "data": { ${dataKeys} } or "generate": { ${generateKeys} }, found neither`)];
  }
  return [];
}

/** Rows of samples as checked: N and d when the matrix is well-formed enough to tell. */
export interface SampleMatrixCheck {
  samples?: number;
  features?: number;
  issues: ExperimentIssue[];
}

/**
 * A matrix of samples (one row of d features per sample): N ≥ 1 rows (zod already
 * asks for a non-empty array), every row as long as the first, N ≤ MAX_SAMPLES, and
 * N × (d + extraWords) data words within MAX_DATA_WORDS.
 */
export function checkSampleMatrix(value: unknown, path: JsonPath, extraWords: number): SampleMatrixCheck {
  if (!isArrayOfArrays(value) || value.length === 0) return { issues: [] };
  const samples = value.length;
  const features = value[0].length;
  const issues: ExperimentIssue[] = [];
  if (samples > MAX_SAMPLES) {
    issues.push(issueAt(path, `expected at most ${MAX_SAMPLES} samples (fewer than 2^21: sample indices are drawn exactly only below that), found ${samples}`));
  }
  const bad = value.flatMap((row, i) => (row.length === features ? [] : [i]));
  for (const i of bad.slice(0, MAX_LISTED)) {
    issues.push(
      issueAt(
        [...path, i],
        `expected a row of ${features} entries (every sample has as many features as the first row, ${formatJsonPath([...path, 0])}), found ${value[i].length}`,
      ),
    );
  }
  if (bad.length > MAX_LISTED) issues.push(issueAt(path, `${bad.length - MAX_LISTED} more rows have a length other than ${features}`));
  if (issues.length > 0) return { issues };
  if (features > 0) issues.push(...checkDataWords(samples, features + extraWords, path));
  return { samples, features: features > 0 ? features : undefined, issues };
}

/** N × stride words must fit one storage binding. */
export function checkDataWords(samples: number, stride: number, path: JsonPath): ExperimentIssue[] {
  if (samples * stride <= MAX_DATA_WORDS) return [];
  return [issueAt(path, `expected at most ${MAX_DATA_WORDS} data words (128 MiB of f32), found ${samples} samples × ${stride} words = ${samples * stride}`)];
}

/** One entry per sample: the array's length must be N. */
export function checkPerSample(value: unknown, path: JsonPath, samples: number | undefined, samplesSource: JsonPath, what: string): ExperimentIssue[] {
  if (!Array.isArray(value) || samples === undefined || value.length === samples) return [];
  return [issueAt(path, `expected ${samples} entries (one ${what} per row of ${formatJsonPath(samplesSource)}), found ${value.length}`)];
}

/** Labels must be −1 or +1: one issue at each of the first few others, then a count. */
export function checkLabels(value: unknown, path: JsonPath): ExperimentIssue[] {
  if (!Array.isArray(value)) return [];
  const bad = value.flatMap((v, i) => (typeof v === 'number' && v !== 1 && v !== -1 ? [i] : []));
  const issues = bad.slice(0, MAX_LISTED).map((i) => issueAt([...path, i], `expected a label −1 or +1, found ${describeValue(value[i])}`));
  if (bad.length > MAX_LISTED) issues.push(issueAt(path, `${bad.length - MAX_LISTED} more labels are not −1 or +1`));
  return issues;
}

/** `generate` as checked: d when it is a valid feature count, and the data-size check. */
export function checkGenerate(value: unknown, path: JsonPath, extraWords: number): { features?: number; issues: ExperimentIssue[] } {
  if (!isRecord(value)) return { issues: [] };
  const { samples, features } = value;
  const valid = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1;
  const issues = valid(samples) && valid(features) ? checkDataWords(samples, features + extraWords, path) : [];
  return { features: valid(features) ? features : undefined, issues };
}

/** Box–Muller's cosine draw from `random`: one standard normal per two uniforms (the relu-net and diagonal-net generators). */
export function cosineNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

// ---- designs: rows a_i with one value y_i each (least-squares, logistic)

/** The fields `data: { A, y }` and `generate` of a design objective (exactly one is given). */
export const designFields = {
  data: strictObject({
    A: finiteMatrix().describe('Rows aᵢ: N rows of d features; fixes d.'),
    y: finiteVector().describe('One value yᵢ per row (logistic: labels −1 or +1).'),
  })
    .optional()
    .describe('The data, given. Exactly one of data and generate is given.'),
  generate: generateSchema
    .optional()
    .describe('The data, generated: aᵢ and x_true independent N(0, I_d). Exactly one of data and generate is given.'),
};

/** A design as parsed: given data or generation settings. */
export interface DesignInput {
  data?: { A: number[][]; y: number[] };
  generate?: GenerateSettings;
}

/** A normalized design: the data, generated or given. */
export interface Design {
  /** N × d features. */
  A: number[][];
  /** N values, one per row. */
  y: number[];
  /** How the data was generated, with the x_true it was generated from (absent for given data). */
  generated?: GenerateSettings & { xTrue: number[] };
}

/**
 * Cross-field checks of a design: `data` or `generate`; rows of equal length; one
 * `what` (target, label) per row, each passing `checkValues`; the data-size limits.
 */
export function checkDesign(
  raw: Record<string, unknown>,
  path: JsonPath,
  what: string,
  checkValues: (value: unknown, path: JsonPath) => ExperimentIssue[] = () => [],
): ObjectiveCheck {
  const issues = checkDataOrGenerate(raw, path, '"A", "y"');
  let dim: number | undefined;
  let dimSource: string | undefined;
  if (isRecord(raw.data)) {
    const aPath = [...path, 'data', 'A'];
    const yPath = [...path, 'data', 'y'];
    const rows = checkSampleMatrix(raw.data.A, aPath, 1);
    issues.push(...rows.issues, ...checkPerSample(raw.data.y, yPath, rows.samples, aPath, what), ...checkValues(raw.data.y, yPath));
    dim = rows.features;
    dimSource = formatJsonPath([...aPath, 0]);
  } else if (raw.data === undefined && isRecord(raw.generate)) {
    const generated = checkGenerate(raw.generate, [...path, 'generate'], 1);
    issues.push(...generated.issues);
    dim = generated.features;
    dimSource = formatJsonPath([...path, 'generate', 'features']);
  }
  return { dim, dimSource, issues };
}

/** d of a valid design. */
export function designDimension(parsed: DesignInput): number {
  return parsed.data ? parsed.data.A[0].length : parsed.generate!.features;
}

/**
 * The data of a valid design: given data copied, or the Gaussian design with
 * y_i = value(a_iᵀx_true + s·ε_i) and the settings it was generated from.
 */
export function designData(parsed: DesignInput, value: (signal: number) => number): Design {
  if (parsed.data) return { A: parsed.data.A.map((row) => [...row]), y: [...parsed.data.y] };
  const g = parsed.generate!;
  const { xTrue, A, epsilon } = gaussianDesign(g.samples, g.features, g.seed);
  const y = A.map((row, i) => value(rowDot(row, xTrue) + g.noise * epsilon[i]));
  return { A, y, generated: { ...g, xTrue } };
}

/** `data` (sample i at i·(d + 1): a_i, then y_i), `constants` (N_SAMPLES) and `sampleCount` of a design's descriptor. */
export const designLayout = {
  data: (o: Design) => interleaveSamples(o.A, o.y),
  constants: (o: Design) => ({ N_SAMPLES: o.y.length }),
  sampleCount: (o: Design) => o.y.length,
};

