import { z } from 'zod';
import { describeValue } from './describe-value';
import { issueAt, type ExperimentIssue } from './issue';
import { positiveInteger } from './numbers';
import { isRecord } from './numeric-guards';
import { strictObject } from './strict-object';

/** Observables the engine can record. */
export const OBSERVABLES = ['mean', 'variance'] as const;

/** An observable the engine can record. */
export type Observable = (typeof OBSERVABLES)[number];

const supported = OBSERVABLES.map((name) => JSON.stringify(name)).join(', ');

/** Zod schema of `record`: `{ every?: positive integer, observables?: Observable[] }`; absent means all defaults. */
export const recordSchema = strictObject({
  every: positiveInteger().optional(),
  observables: z
    .array(
      z.enum(OBSERVABLES, {
        error: (issue) => `unsupported observable ${describeValue(issue.input)}; supported: ${supported}`,
      }),
    )
    .min(1)
    .default([...OBSERVABLES]),
}).prefault({});

/** `record` as parsed (defaults filled by zod). */
export type RecordInput = z.output<typeof recordSchema>;

/** Normalized recording plan. */
export interface RecordSpec {
  /** Record every this many steps; `'end'` (the default) records only step 0 and the final step. */
  every: number | 'end';
  observables: Observable[];
}

/** Rejects an observable listed twice, at the path of the repeat. */
export function checkRecord(raw: unknown): ExperimentIssue[] {
  if (!isRecord(raw) || !Array.isArray(raw.observables)) return [];
  const seen = new Map<unknown, number>();
  const issues: ExperimentIssue[] = [];
  raw.observables.forEach((name, i) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else issues.push(issueAt(['record', 'observables', i], `expected each observable once, found ${describeValue(name)} again (first at index ${first})`));
  });
  return issues;
}

/** Normalizes a valid `record`. */
export function normalizeRecord(parsed: RecordInput): RecordSpec {
  return { every: parsed.every ?? 'end', observables: [...parsed.observables] };
}

/** Steps at which a run records: 0, every multiple of `every`, and `steps` — ascending, no duplicates. */
export function checkpoints(steps: number, every: number): number[] {
  const out: number[] = [];
  for (let step = 0; step < steps; step += every) out.push(step);
  out.push(steps);
  return out;
}
