/**
 * The absolute-deviation objective, a nonsmooth finite sum (docs/math.md §5c)
 * f(x) = (1/N) Σ_i f_i(x), f_i(x) = Σ_j w_j |x_j − a_ij|: its experiment-file
 * format and engine descriptor. The gradient is the Clarke subgradient with
 * sign(0) = 0. Each coordinate is minimized by the median of the a_ij (the
 * weights w_j > 0 scale a coordinate's terms alike, so they do not move it).
 *
 * File form: `{ "kind": "absolute-deviation", "points": [[…], …], "weights"?: w }`, N
 * points a_i of d coordinates; `weights` a number > 0 for every coordinate or d
 * numbers > 0 (default 1). docs/math.md §5c's example: points (−2, 1), (−1, −1), (0.5, 0),
 * (1, 2), (3, −3) with weights [1, 2] has x* = (0.5, 0).
 */
import source from '../../shaders/objectives/absolute-deviation.wgsl?raw';
import { z } from 'zod';
import { checkVectorLength } from '../experiment/dimension-checks';
import { finiteMatrix, positiveNumber } from '../experiment/numbers';
import { formatJsonPath } from '../experiment/json-path';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { describeValue } from '../experiment/describe-value';
import { referenceAbsoluteDeviation } from '../reference/objectives/absolute-deviation';
import { checkSampleMatrix, interleaveSamples } from './finite-sum-data';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { paramLayout } from '../compose/param-layout';

// ---- experiment-file format

export const absoluteDeviationObjectiveSchema = strictObject({
  kind: z.literal('absolute-deviation'),
  points: finiteMatrix().describe('Points aᵢ: N rows of d coordinates; fixes d.'),
  weights: z
    .union([positiveNumber(), z.array(positiveNumber()).min(1)], {
      error: (i) => `expected weights as a number > 0 or an array of d numbers > 0, found ${describeValue(i.input)}`,
    })
    .optional()
    .describe('Weights wⱼ > 0 of f(x) = (1/N) Σᵢ Σⱼ wⱼ|xⱼ − aᵢⱼ|: one number for every coordinate, or d numbers; default 1.'),
});

/** An absolute-deviation objective as parsed. */
export type AbsoluteDeviationObjectiveInput = z.output<typeof absoluteDeviationObjectiveSchema>;

/** A normalized absolute-deviation objective. */
export interface AbsoluteDeviationObjective {
  kind: 'absolute-deviation';
  /** N × d points a_i. */
  points: number[][];
  /** d weights w_j > 0. */
  weights: number[];
}

/** Cross-field checks: rows of equal length, N within limits, `weights` of length d. */
export const absoluteDeviationFormat: ObjectiveKind<AbsoluteDeviationObjectiveInput, AbsoluteDeviationObjective> = {
  check(raw, path) {
    const pointsPath = [...path, 'points'];
    const rows = checkSampleMatrix(raw.points, pointsPath, 0);
    const dim = rows.features;
    const dimSource = formatJsonPath([...pointsPath, 0]);
    const issues = [...rows.issues];
    if (Array.isArray(raw.weights)) issues.push(...checkVectorLength(raw.weights, [...path, 'weights'], { dim, dimSource }));
    return { dim, dimSource, issues };
  },
  dimension: (parsed) => parsed.points[0].length,
  normalize(parsed) {
    const d = parsed.points[0].length;
    const w = parsed.weights ?? 1;
    return {
      kind: 'absolute-deviation',
      points: parsed.points.map((row) => [...row]),
      weights: typeof w === 'number' ? new Array<number>(d).fill(w) : [...w],
    };
  },
};

// ---- engine descriptor

/**
 * The coordinatewise median of the points when it is unique: always for N odd; for N
 * even only when the two middle values of every coordinate coincide.
 */
export function coordinatewiseMedian(points: readonly (readonly number[])[]): number[] | undefined {
  const N = points.length;
  const d = points[0].length;
  const out: number[] = [];
  for (let j = 0; j < d; j++) {
    const column = points.map((p) => p[j]).sort((a, b) => a - b);
    const upper = column[Math.floor(N / 2)];
    if (N % 2 === 0 && column[N / 2 - 1] !== upper) return undefined;
    out.push(upper);
  }
  return out;
}

export const absoluteDeviation = {
  kind: 'absolute-deviation',
  schema: absoluteDeviationObjectiveSchema,
  format: absoluteDeviationFormat,
  title: 'absolute deviation (1/N) Σᵢ Σⱼ wⱼ|xⱼ − aᵢⱼ|',
  contract: { experiment: { objective: { kind: 'absolute-deviation', points: [[0, 0], [1, 2], [2, -1]] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  citation: 'docs/math.md §5c (nonsmooth finite sum with a known Clarke-stationary point)',
  shader: { path: 'objectives/absolute-deviation.wgsl', source },
  params: paramLayout({ ABSOLUTE_DEVIATION_W: (o: AbsoluteDeviationObjective) => o.weights }),
  data: (o: AbsoluteDeviationObjective) => interleaveSamples(o.points),
  constants: (o: AbsoluteDeviationObjective) => ({ N_SAMPLES: o.points.length }),
  sampleCount: (o: AbsoluteDeviationObjective) => o.points.length,
  reference: (o: AbsoluteDeviationObjective, dim: number) => referenceAbsoluteDeviation(o, dim),
  /** The coordinatewise median, when unique (N odd, or equal middle values); the only Clarke-stationary point then. */
  minimizer: (o: AbsoluteDeviationObjective) => coordinatewiseMedian(o.points),
  /** Loops of the WGSL module (each counted one trip more than it runs). */
} satisfies ObjectiveDescriptor<AbsoluteDeviationObjective, AbsoluteDeviationObjectiveInput>;
