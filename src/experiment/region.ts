import { z } from 'zod';
import type { CheckContext } from './check-context';
import { checkVectorLength } from './dimension-checks';
import { issueAt, type ExperimentIssue } from './issue';
import type { JsonPath } from './json-path';
import { finiteNumber, finiteVector, positiveNumber } from './numbers';
import { isRecord } from './numeric-guards';
import { strictObject } from './strict-object';

/**
 * Regions of the state space, used by `escape` (first exit) and `record.regions`
 * (occupancy). A trajectory is inside while
 *   ball:      ‖x − center‖ ≤ radius
 *   halfspace: normal·x ≤ offset
 *   level:     f(x) ≤ value
 * and exits when the inequality fails.
 */
export const REGION_SHAPES = {
  ball: {
    kind: z.literal('ball'),
    center: finiteVector().describe('Center c (d numbers).'),
    radius: positiveNumber().describe('Radius r: inside while ‖x − c‖ ≤ r.'),
  },
  halfspace: {
    kind: z.literal('halfspace'),
    normal: finiteVector().describe('Normal n (d numbers, not all zero).'),
    offset: finiteNumber().describe('Offset b: inside while n·x ≤ b.'),
  },
  level: { kind: z.literal('level'), value: finiteNumber().describe('Level v: inside while f(x) ≤ v.') },
};

/** One line per region kind: where a trajectory is inside (descriptions of the JSON Schema). */
export const REGION_DESCRIPTIONS = {
  ball: 'A ball: inside while ‖x − center‖ ≤ radius.',
  halfspace: 'A halfspace: inside while normal·x ≤ offset.',
  level: 'A sublevel set of the objective: inside while f(x) ≤ value.',
} as const;

/** The region kinds, in the order messages list them. */
export const REGION_KINDS = ['ball', 'halfspace', 'level'] as const;

/** Zod schema of one region. */
export const regionSchema = z.discriminatedUnion('kind', [
  strictObject(REGION_SHAPES.ball).describe(REGION_DESCRIPTIONS.ball),
  strictObject(REGION_SHAPES.halfspace).describe(REGION_DESCRIPTIONS.halfspace),
  strictObject(REGION_SHAPES.level).describe(REGION_DESCRIPTIONS.level),
]);

/** A region as written (and normalized: nothing to fill in). */
export type Region = z.output<typeof regionSchema>;

/** Vector lengths against d, and a halfspace normal that is not zero. */
export function checkRegion(raw: unknown, path: JsonPath, ctx: CheckContext): ExperimentIssue[] {
  if (!isRecord(raw)) return [];
  const issues: ExperimentIssue[] = [];
  if (raw.kind === 'ball' && Array.isArray(raw.center)) issues.push(...checkVectorLength(raw.center, [...path, 'center'], ctx));
  if (raw.kind === 'halfspace' && Array.isArray(raw.normal)) {
    issues.push(...checkVectorLength(raw.normal, [...path, 'normal'], ctx));
    if (raw.normal.every((v) => v === 0)) issues.push(issueAt([...path, 'normal'], 'expected a non-zero normal vector, found all zeros'));
  }
  return issues;
}

/** A short human description, used in reports. */
export function describeRegion(region: Region): string {
  switch (region.kind) {
    case 'ball':
      return `‖x − (${region.center.join(', ')})‖ ≤ ${region.radius}`;
    case 'halfspace':
      return `(${region.normal.join(', ')})·x ≤ ${region.offset}`;
    case 'level':
      return `f(x) ≤ ${region.value}`;
  }
}
