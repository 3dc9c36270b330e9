import { z } from 'zod';
import type { CheckContext } from './check-context';
import { describeValue } from './describe-value';
import type { ExperimentIssue } from './issue';
import { isRecord } from './numeric-guards';
import { checkRegion, REGION_DESCRIPTIONS, REGION_SHAPES, type Region } from './region';
import { strictObject } from './strict-object';

/**
 * Zod schema of `escape`: a region (ball, halfspace or level; see region.ts) plus
 * `stop` (default true: a trajectory is frozen at its first exit) and `bridge`
 * (default true: for dynamics with additive noise, also detect exits between two
 * steps by the Brownian-bridge crossing probability).
 */
const options = {
  stop: z
    .boolean({ error: (i) => `expected stop as true or false, found ${describeValue(i.input)}` })
    .default(true)
    .describe('Freeze a trajectory at its first exit (true) or let it run on (false).'),
  bridge: z
    .boolean({ error: (i) => `expected bridge as true or false, found ${describeValue(i.input)}` })
    .default(true)
    .describe('For dynamics with additive noise, also detect exits between two steps by the Brownian-bridge crossing probability.'),
};

export const escapeSchema = z.discriminatedUnion('kind', [
  strictObject({ ...REGION_SHAPES.ball, ...options }).describe(REGION_DESCRIPTIONS.ball),
  strictObject({ ...REGION_SHAPES.halfspace, ...options }).describe(REGION_DESCRIPTIONS.halfspace),
  strictObject({ ...REGION_SHAPES.level, ...options }).describe(REGION_DESCRIPTIONS.level),
]);

/** `escape` as parsed. */
export type EscapeInput = z.output<typeof escapeSchema>;

/** A normalized escape specification. */
export interface EscapeSpec {
  region: Region;
  stop: boolean;
  /** Brownian-bridge crossing detection was asked for (applied where the dynamics has additive noise). */
  bridge: boolean;
}

export function checkEscape(raw: unknown, ctx: CheckContext): ExperimentIssue[] {
  return isRecord(raw) ? checkRegion(raw, ['escape'], ctx) : [];
}

export function normalizeEscape(parsed: EscapeInput): EscapeSpec {
  const { stop, bridge, ...region } = parsed;
  return { region: region as Region, stop, bridge };
}
