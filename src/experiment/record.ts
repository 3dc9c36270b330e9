import { z } from 'zod';
import type { CheckContext } from './check-context';
import { describeValue } from './describe-value';
import { issueAt, type ExperimentIssue } from './issue';
import { finiteNumber, positiveInteger, positiveNumber } from './numbers';
import { isFiniteNumber, isRecord } from './numeric-guards';
import { checkRegion, regionSchema, type Region } from './region';
import { strictObject } from './strict-object';

/** Observables the engine can record. */
export const OBSERVABLES = ['mean', 'variance', 'covariance', 'loss', 'distance', 'gradient', 'smoothness', 'histogram'] as const;

/** What `record.observables` holds when the file does not say. */
export const DEFAULT_OBSERVABLES: readonly Observable[] = ['mean', 'variance'];

/** An observable the engine can record. */
export type Observable = (typeof OBSERVABLES)[number];

/** Full covariance matrices are reduced on the GPU up to this dimension. */
export const MAX_COVARIANCE_DIM = 64;

/** What each observable records, at every checkpoint (the JSON Schema's `enumDescriptions`). */
export const OBSERVABLE_DESCRIPTIONS: Readonly<Record<Observable, string>> = {
  mean: 'E X, per coordinate (with standard errors)',
  variance: 'Var X, per coordinate (with standard errors)',
  covariance: `the covariance matrix of X (d ≤ ${MAX_COVARIANCE_DIM})`,
  loss: 'E f(X)',
  distance: 'E‖X − x*‖², for objectives with a unique minimizer x*',
  gradient: 'E‖∇f(X)‖²',
  smoothness: 'the directional smoothness along the gradient, E[∇fᵀH∇f / ‖∇f‖²] (0 where ∇f = 0)',
  histogram: 'fixed-bin histograms of every coordinate (and of f(X) with lossRange); settings in record.histogram',
};

/** Most histogram bins per quantity. */
export const MAX_HISTOGRAM_BINS = 4096;

const supported = OBSERVABLES.map((name) => JSON.stringify(name)).join(', ');

const rangeSchema = z.tuple([finiteNumber(), finiteNumber()], {
  error: (issue) => `expected a range [lo, hi] of two finite numbers, found ${describeValue(issue.input)}`,
});

/**
 * Zod schema of `record.histogram`: fixed bins over `range` for every coordinate and,
 * with `lossRange`, over f(X). Values outside fall in underflow / overflow counts.
 */
const histogramSchema = strictObject({
  bins: positiveInteger(MAX_HISTOGRAM_BINS).default(64).describe('Bins per quantity.'),
  range: rangeSchema.describe('Range [lo, hi] (lo < hi) binned for every coordinate; values outside count as underflow or overflow.'),
  lossRange: rangeSchema.optional().describe('Range [lo, hi] (lo < hi) binned for the loss f(X); absent: no loss histogram.'),
});

/** Zod schema of `record`; absent means all defaults. */
export const recordSchema = strictObject({
  every: positiveInteger().optional().describe('Record every this many steps (and always at step 0 and the last step); absent: only at step 0 and the last step.'),
  observables: z
    .array(
      z
        .enum(OBSERVABLES, {
          error: (issue) => `unsupported observable ${describeValue(issue.input)}; supported: ${supported}`,
        })
        .meta({ description: 'An observable.', enumDescriptions: OBSERVABLES.map((name) => OBSERVABLE_DESCRIPTIONS[name]) }),
    )
    .min(1)
    .default([...DEFAULT_OBSERVABLES])
    .describe('What to record at every checkpoint, each observable at most once.'),
  histogram: histogramSchema.optional().describe('Histogram settings: given exactly when "histogram" is among the observables.'),
  regions: z
    .record(z.string().min(1), regionSchema)
    .optional()
    .describe('Named regions whose occupancy (the fraction of trajectories inside, with a Wilson 95% interval) is reported at every checkpoint.'),
  stationarity: strictObject({
    epsilon: positiveNumber().describe('Radius ε of the ball the subgradients are sampled in.'),
    samples: positiveInteger(256).default(8).describe('Subgradients sampled per trajectory.'),
    trajectories: positiveInteger(65536).default(1024).describe('Trajectories evaluated: the first ones.'),
  })
    .optional()
    .describe(
      'Clarke stationarity of the final iterates: the distance from 0 to the convex hull of subgradients sampled in the ε-ball, computed in float64; its quantiles are reported.',
    ),
}).prefault({});

/** `record` as parsed (defaults filled by zod). */
export type RecordInput = z.output<typeof recordSchema>;

/** Fixed-bin histogram settings. */
export interface HistogramSpec {
  bins: number;
  range: [number, number];
  lossRange?: [number, number];
}

/** Normalized recording plan. */
export interface RecordSpec {
  /** Record every this many steps; `'end'` (the default) records only step 0 and the final step. */
  every: number | 'end';
  observables: Observable[];
  histogram?: HistogramSpec;
  /** Named regions whose occupancy (fraction of trajectories inside) is reported at every checkpoint. */
  regions?: Record<string, Region>;
  /**
   * Clarke stationarity of the final iterates of the first `trajectories` paths: the distance
   * from 0 to the hull of `samples` subgradients sampled in the `epsilon`-ball (src/stats/clarke-stationarity.ts).
   */
  stationarity?: { epsilon: number; samples: number; trajectories: number };
}

function checkRange(range: unknown, path: (string | number)[]): ExperimentIssue[] {
  if (!Array.isArray(range) || range.length !== 2 || !isFiniteNumber(range[0]) || !isFiniteNumber(range[1])) return [];
  return range[0] < range[1] ? [] : [issueAt(path, `expected lo < hi, found [${range[0]}, ${range[1]}]`)];
}

/**
 * Cross-field checks of `record`: each observable once; `histogram` listed exactly when
 * its settings are given; covariance only up to d = 64; region shapes against d.
 */
export function checkRecord(raw: unknown, ctx: CheckContext): ExperimentIssue[] {
  if (!isRecord(raw)) return [];
  const issues: ExperimentIssue[] = [];
  const observables = Array.isArray(raw.observables) ? raw.observables : [];
  const seen = new Map<unknown, number>();
  observables.forEach((name, i) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else issues.push(issueAt(['record', 'observables', i], `expected each observable once, found ${describeValue(name)} again (first at index ${first})`));
  });
  const histogramAt = observables.indexOf('histogram');
  if (histogramAt >= 0 && raw.histogram === undefined) {
    issues.push(issueAt(['record', 'histogram'], 'expected histogram settings { "bins", "range": [lo, hi], "lossRange"? } since "histogram" is observed, found none'));
  }
  if (histogramAt < 0 && raw.histogram !== undefined) {
    issues.push(issueAt(['record', 'histogram'], 'histogram settings are given but "histogram" is not in record.observables; add it there'));
  }
  if (isRecord(raw.histogram)) {
    issues.push(...checkRange(raw.histogram.range, ['record', 'histogram', 'range']));
    issues.push(...checkRange(raw.histogram.lossRange, ['record', 'histogram', 'lossRange']));
  }
  const covarianceAt = observables.indexOf('covariance');
  if (covarianceAt >= 0 && ctx.dim !== undefined && ctx.dim > MAX_COVARIANCE_DIM) {
    issues.push(issueAt(['record', 'observables', covarianceAt], `covariance is reduced on the GPU up to d = ${MAX_COVARIANCE_DIM}, and d = ${ctx.dim}; record "variance" instead`));
  }
  if (isRecord(raw.regions)) {
    for (const [name, region] of Object.entries(raw.regions)) issues.push(...checkRegion(region, ['record', 'regions', name], ctx));
  }
  return issues;
}

/** Normalizes a valid `record`. */
export function normalizeRecord(parsed: RecordInput): RecordSpec {
  const spec: RecordSpec = { every: parsed.every ?? 'end', observables: [...parsed.observables] };
  if (parsed.histogram) spec.histogram = { bins: parsed.histogram.bins, range: [...parsed.histogram.range], ...(parsed.histogram.lossRange ? { lossRange: [...parsed.histogram.lossRange] } : {}) };
  if (parsed.regions && Object.keys(parsed.regions).length > 0) spec.regions = structuredClone(parsed.regions);
  if (parsed.stationarity) spec.stationarity = { ...parsed.stationarity };
  return spec;
}

/** Steps at which a run records: 0, every multiple of `every`, and `steps` — ascending, no duplicates. */
export function checkpoints(steps: number, every: number): number[] {
  const out: number[] = [];
  for (let step = 0; step < steps; step += every) out.push(step);
  out.push(steps);
  return out;
}
