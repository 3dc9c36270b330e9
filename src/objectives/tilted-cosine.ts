/**
 * The tilted cosine f(x) = Σᵢ xᵢ²/2 − a cos(k xᵢ) + a (docs/math.md §2d): a quadratic bowl
 * with cosine bumps, global minimum f(0) = 0 and, for a k² > 1, local minima in
 * every coordinate — the multimodal test function of graduated optimization, with
 * its Gaussian smoothing f_δ in closed form. Its experiment-file format and engine descriptor.
 */
import source from '../../shaders/objectives/tilted-cosine.wgsl?raw';
import { z } from 'zod';
import { formatJsonPath } from '../experiment/json-path';
import { positiveInteger, positiveNumber } from '../experiment/numbers';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { strictObject } from '../experiment/strict-object';
import { cosineBumpsGaussianExpectation } from '../reference/objectives/cosine-bumps';
import { referenceTiltedCosine } from '../reference/objectives/tilted-cosine';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { cosineBumpsParams } from './cosine-bumps';

// ---- experiment-file format

/** docs/math.md §2d's values: a = 1, k = 4 (critical points tabulated there). */
export const DEFAULT_TILTED_COSINE = { dim: 1, a: 1, k: 4 } as const;

/** `{ kind: "tilted-cosine", dim?, a?, k? }`: d = `dim` (default 1), amplitude a and wave number k (defaults 1 and 4). */
export const tiltedCosineObjectiveSchema = strictObject({
  kind: z.literal('tilted-cosine'),
  dim: positiveInteger().default(DEFAULT_TILTED_COSINE.dim).describe('State dimension d.'),
  a: positiveNumber().default(DEFAULT_TILTED_COSINE.a).describe('Amplitude a of f(x) = Σᵢ xᵢ²/2 − a cos(k xᵢ) + a.'),
  k: positiveNumber().default(DEFAULT_TILTED_COSINE.k).describe('Wave number k.'),
});

export type TiltedCosineObjectiveInput = z.output<typeof tiltedCosineObjectiveSchema>;

export interface TiltedCosineObjective {
  kind: 'tilted-cosine';
  dim: number;
  a: number;
  k: number;
}

export const tiltedCosineFormat: ObjectiveKind<TiltedCosineObjectiveInput, TiltedCosineObjective> = {
  check(raw, path) {
    const dim = raw.dim === undefined ? DEFAULT_TILTED_COSINE.dim : raw.dim;
    const dimSource = raw.dim === undefined ? `${formatJsonPath(path)}.dim (default ${DEFAULT_TILTED_COSINE.dim})` : formatJsonPath([...path, 'dim']);
    return { dim: Number.isSafeInteger(dim) && (dim as number) >= 1 ? (dim as number) : undefined, dimSource, issues: [] };
  },
  dimension: (parsed) => parsed.dim,
  normalize: (parsed) => ({ kind: 'tilted-cosine', dim: parsed.dim, a: parsed.a, k: parsed.k }),
};

// ---- engine descriptor

/** The smallest δ at which f_δ is convex: a k² e^{−k²δ²/2} ≤ 1, i.e. √(2 ln(a k²))/k (0 when a k² ≤ 1). */
export function tiltedCosineConvexDelta(a: number, k: number): number {
  return a * k * k <= 1 ? 0 : Math.sqrt(2 * Math.log(a * k * k)) / k;
}

export const tiltedCosine = {
  kind: 'tilted-cosine',
  schema: tiltedCosineObjectiveSchema,
  format: tiltedCosineFormat,
  title: 'tilted cosine Σ xᵢ²/2 − a cos(k xᵢ) + a',
  contract: { experiment: { objective: { kind: 'tilted-cosine', a: 1, k: 4 }, noise: { kind: 'gaussian', cov: 1 }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [2.9], std: 0.3 } } },
  citation: 'Sato & Iiduka, arXiv:2311.08745 (graduated optimization test function; closed-form smoothing docs/math.md §2d)',
  shader: { path: 'objectives/tilted-cosine.wgsl', source },
  params: cosineBumpsParams((o: TiltedCosineObjective) => ({ c: 1, amplitude: o.a, k: o.k })),
  reference: (o: TiltedCosineObjective, dim: number) => referenceTiltedCosine(o, dim),
  gaussianSmoothing: true,
  /** x* = 0: f ≥ Σ xᵢ²/2 with equality only at 0. */
  minimizer: (_o: TiltedCosineObjective, dim: number) => new Array<number>(dim).fill(0),
  /** One loop over the coordinates in each function (counted one trip more), plus the sin/cos range reduction (no loops). */
  gaussianExpectation: (o: TiltedCosineObjective, mean: number[], cov: number[][]) => cosineBumpsGaussianExpectation({ c: 1, amplitude: o.a, k: o.k }, mean, cov),
} satisfies ObjectiveDescriptor<TiltedCosineObjective, TiltedCosineObjectiveInput>;
