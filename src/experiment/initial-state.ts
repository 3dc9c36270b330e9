import { z } from 'zod';
import type { CheckContext } from './check-context';
import { describeValue } from './describe-value';
import { checkVectorLength } from './dimension-checks';
import type { ExperimentIssue } from './issue';
import type { JsonPath } from './json-path';
import { finiteNumber, finiteVector, nonNegativeNumber } from './numbers';
import { isRecord } from './numeric-guards';
import { strictObject } from './strict-object';

const gaussianSchema = strictObject({
  kind: z.literal('gaussian'),
  mean: z
    .union([finiteNumber(), finiteVector()], {
      error: (issue) => `expected mean as a number or an array of d numbers, found ${describeValue(issue.input)}`,
    })
    .describe('Mean: one number for every coordinate, or d numbers.'),
  std: z
    .union([nonNegativeNumber(), z.array(nonNegativeNumber()).min(1)], {
      error: (issue) => `expected std as a number ≥ 0 or an array of d numbers ≥ 0, found ${describeValue(issue.input)}`,
    })
    .describe('Standard deviation: one number ≥ 0 for every coordinate, or d numbers ≥ 0 (0: that coordinate starts at its mean).'),
}).describe('Independent Gaussian coordinates, one draw per trajectory.');

/**
 * Zod schema of `x0`: a point (array of d numbers) or
 * `{ kind: "gaussian", mean: number | number[d], std: number ≥ 0 | number[d] ≥ 0 }`.
 */
export function initialStateSchema() {
  return z.union([finiteVector().describe('The same point x0 (d numbers) for every trajectory.'), z.discriminatedUnion('kind', [gaussianSchema])], {
    error: (issue) =>
      `expected x0 as an array of d numbers or { "kind": "gaussian", "mean", "std" }, found ${describeValue(issue.input)}`,
  });
}

/** `x0` as written in the file. */
export type InitialStateInput = z.output<ReturnType<typeof initialStateSchema>>;

/** Normalized initial state: every vector has d entries. */
export type InitialState = { kind: 'point'; value: number[] } | { kind: 'gaussian'; mean: number[]; std: number[] };

/** Checks the lengths of a raw x0 (or its mean and std) against d. */
export function checkInitialState(raw: unknown, path: JsonPath, ctx: CheckContext): ExperimentIssue[] {
  if (Array.isArray(raw)) return checkVectorLength(raw, path, ctx);
  if (!isRecord(raw) || raw.kind !== 'gaussian') return [];
  return (['mean', 'std'] as const).flatMap((field) => {
    const value = raw[field];
    return Array.isArray(value) ? checkVectorLength(value, [...path, field], ctx) : [];
  });
}

function broadcast(value: number | number[], dim: number): number[] {
  return typeof value === 'number' ? new Array<number>(dim).fill(value) : [...value];
}

/** Normalizes a valid x0, broadcasting scalar mean/std to d entries. */
export function normalizeInitialState(parsed: InitialStateInput, dim: number): InitialState {
  if (Array.isArray(parsed)) return { kind: 'point', value: [...parsed] };
  return { kind: 'gaussian', mean: broadcast(parsed.mean, dim), std: broadcast(parsed.std, dim) };
}
