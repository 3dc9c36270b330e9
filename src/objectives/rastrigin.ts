/**
 * The Rastrigin function f(x) = A·D + Σᵢ xᵢ² − A cos(2π xᵢ) (A = 10 by default): global
 * minimum f(0) = 0 and a local minimum near every integer point — the benchmark of Sato &
 * Iiduka's explicit graduated optimization (docs/math.md §2b), with its Gaussian smoothing in
 * closed form (§2d). Its experiment-file format and engine descriptor.
 */
import source from '../../shaders/objectives/rastrigin.wgsl?raw';
import { z } from 'zod';
import { formatJsonPath } from '../experiment/json-path';
import { positiveInteger, positiveNumber } from '../experiment/numbers';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { strictObject } from '../experiment/strict-object';
import { cosineBumpsGaussianExpectation } from '../reference/objectives/cosine-bumps';
import { referenceRastrigin } from '../reference/objectives/rastrigin';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { cosineBumpsParams } from './cosine-bumps';

// ---- experiment-file format

export const DEFAULT_RASTRIGIN = { dim: 2, amplitude: 10 } as const;

/** `{ kind: "rastrigin", dim?, amplitude? }`: d = `dim` (default 2), A = `amplitude` (default 10). */
export const rastriginObjectiveSchema = strictObject({
  kind: z.literal('rastrigin'),
  dim: positiveInteger().default(DEFAULT_RASTRIGIN.dim).describe('State dimension d.'),
  amplitude: positiveNumber().default(DEFAULT_RASTRIGIN.amplitude).describe('A of f(x) = A·d + Σᵢ (xᵢ² − A cos(2πxᵢ)).'),
});

export type RastriginObjectiveInput = z.output<typeof rastriginObjectiveSchema>;

export interface RastriginObjective {
  kind: 'rastrigin';
  dim: number;
  amplitude: number;
}

export const rastriginFormat: ObjectiveKind<RastriginObjectiveInput, RastriginObjective> = {
  check(raw, path) {
    const dim = raw.dim === undefined ? DEFAULT_RASTRIGIN.dim : raw.dim;
    const dimSource = raw.dim === undefined ? `${formatJsonPath(path)}.dim (default ${DEFAULT_RASTRIGIN.dim})` : formatJsonPath([...path, 'dim']);
    return { dim: Number.isSafeInteger(dim) && (dim as number) >= 1 ? (dim as number) : undefined, dimSource, issues: [] };
  },
  dimension: (parsed) => parsed.dim,
  normalize: (parsed) => ({ kind: 'rastrigin', dim: parsed.dim, amplitude: parsed.amplitude }),
};

// ---- engine descriptor

/** The smallest δ at which f_δ is convex: √(ln(2π²A)/(2π²)) (0.517447 for A = 10, docs/math.md §2d). */
export function rastriginConvexDelta(amplitude: number): number {
  const x = 2 * Math.PI ** 2 * amplitude;
  return x <= 1 ? 0 : Math.sqrt(Math.log(x) / (2 * Math.PI ** 2));
}

export const rastrigin = {
  kind: 'rastrigin',
  schema: rastriginObjectiveSchema,
  format: rastriginFormat,
  title: 'Rastrigin A·D + Σ xᵢ² − A cos(2π xᵢ)',
  // lr well below 2/λmax (λmax = 2 + 4π²A ≈ 397 at a minimum): SGD stays stable in its basin.
  contract: { experiment: { objective: { kind: 'rastrigin', dim: 2 }, noise: { kind: 'gaussian', cov: 0.01 }, dynamics: [{ kind: 'sgd', lr: 0.001 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.1 } } },
  citation: 'Rastrigin (1974); explicit graduated optimization benchmark of Sato & Iiduka (docs/math.md §2b, §2d)',
  shader: { path: 'objectives/rastrigin.wgsl', source },
  params: cosineBumpsParams((o: RastriginObjective) => ({ c: 2, amplitude: o.amplitude, k: 2 * Math.PI })),
  reference: (o: RastriginObjective, dim: number) => referenceRastrigin(o, dim),
  gaussianSmoothing: true,
  minimizer: (_o: RastriginObjective, dim: number) => new Array<number>(dim).fill(0),
  gaussianExpectation: (o: RastriginObjective, mean: number[], cov: number[][]) => cosineBumpsGaussianExpectation({ c: 2, amplitude: o.amplitude, k: 2 * Math.PI }, mean, cov),
} satisfies ObjectiveDescriptor<RastriginObjective, RastriginObjectiveInput>;
