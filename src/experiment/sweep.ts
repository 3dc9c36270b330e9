import { z } from 'zod';
import { NOISE_LIST, NOISES } from '../registry';
import type { BatchSize } from '../schedules/batch-size';
import type { CheckContext } from './check-context';
import { unknownNameMessage } from './closest-name';
import type { DtSource } from './duration';
import type { SweepValue } from './dynamics/dynamics-kind';
import { findDynamicsKind, type SweepParam } from './dynamics/semantics';
import { issueAt, type ExperimentIssue } from './issue';
import { isRecord } from './numeric-guards';
import { validateWith } from './zod-issues';

/** The sweep parameter that varies the noise's batch size (a dotted path into the experiment) instead of a dynamics parameter. */
export const NOISE_BATCH_SIZE = 'noise.batchSize';

/**
 * Zod schema of `sweep`: `{ "<param>": [values…] }`. Which parameters exist and what
 * values they accept depends on the dynamics kinds; {@link checkSweep} validates that.
 */
export const sweepSchema = z.record(z.string(), z.array(z.unknown()).min(1));

/**
 * A normalized sweep: one run per value, in order, the value applied to every dynamics
 * item, or (`noise.batchSize`) to the noise every item of the run uses.
 */
export type Sweep = { param: SweepParam; values: SweepValue[] } | { param: typeof NOISE_BATCH_SIZE; values: BatchSize[] };

/** One value of a sweep: what a planned run carries. */
export type SweepSetting = { param: SweepParam; value: SweepValue } | { param: typeof NOISE_BATCH_SIZE; value: BatchSize };

/** The settings of a sweep in order (`[undefined]`, one unswept setting, without one). */
export function sweepSettings(sweep: Sweep | undefined): (SweepSetting | undefined)[] {
  if (sweep === undefined) return [undefined];
  if (sweep.param === NOISE_BATCH_SIZE) return sweep.values.map((value) => ({ param: NOISE_BATCH_SIZE, value }));
  const param = sweep.param;
  return sweep.values.map((value) => ({ param, value }));
}

/** What checking a sweep yields: its issues, and the swept time steps (for the horizon check). */
export interface SweepCheck {
  issues: ExperimentIssue[];
  /** Swept dt values with their paths, when `dt` is the swept parameter. */
  dts?: DtSource[];
}

function knownKinds(dynamics: unknown): NonNullable<ReturnType<typeof findDynamicsKind>>[] {
  if (!Array.isArray(dynamics)) return [];
  const kinds = dynamics.map((item) => (isRecord(item) ? findDynamicsKind(item.kind) : undefined));
  return [...new Set(kinds.filter((kind) => kind !== undefined))];
}

/**
 * Checks a swept `noise.batchSize`: the noise (absent: "none") must have a batch size,
 * and each value must be valid for it exactly as the noise's own field. Requirements on
 * the objective (b ≤ N, …) are checked per run after normalization.
 */
function checkNoiseBatchSizes(values: unknown[], noise: unknown): ExperimentIssue[] {
  const kind = noise === undefined ? 'none' : isRecord(noise) ? noise.kind : undefined;
  // A malformed noise is reported at $.noise itself.
  if (typeof kind !== 'string' || !Object.hasOwn(NOISES, kind)) return [];
  const batchSize = NOISES[kind].batchSize;
  if (batchSize === undefined) {
    const withBatch = NOISE_LIST.filter((d) => 'batchSize' in d).map((d) => `"${d.kind}"`);
    const found = noise === undefined ? 'no noise (noise.kind = "none")' : `noise.kind = "${kind}", which has no batch size`;
    return [issueAt(['sweep', NOISE_BATCH_SIZE], `sweeping ${NOISE_BATCH_SIZE} needs a noise with a batch size (${withBatch.join(' or ')}), found ${found}`)];
  }
  return values.flatMap((value, i) => validateWith(batchSize.schema, value, ['sweep', NOISE_BATCH_SIZE, i]));
}

/**
 * Checks a raw sweep: exactly one parameter, either `noise.batchSize` or one shared by
 * every dynamics item of a known kind, each value valid for that parameter exactly as
 * the field itself.
 */
export function checkSweep(raw: unknown, dynamics: unknown, noise: unknown, ctx: CheckContext): SweepCheck {
  if (!isRecord(raw)) return { issues: [] };
  const keys = Object.keys(raw);
  if (keys.length === 0) return { issues: [issueAt(['sweep'], 'expected exactly one parameter to sweep, found none')] };
  if (keys.length > 1) {
    return { issues: [issueAt(['sweep', keys[1]], `expected exactly one parameter to sweep, found ${keys.length}: ${keys.join(', ')}`)] };
  }
  const param = keys[0];
  const values = raw[param];
  if (!Array.isArray(values)) return { issues: [] };
  if (param === NOISE_BATCH_SIZE) return { issues: checkNoiseBatchSizes(values, noise) };
  const dts = param === 'dt' ? values.map((dt, i) => ({ dt, path: ['sweep', 'dt', i] })) : undefined;
  const kinds = knownKinds(dynamics);
  if (kinds.length === 0) return { issues: [], dts };
  const shared = Object.keys(kinds[0].params).filter((name) => kinds.every((kind) => Object.hasOwn(kind.params, name)));
  if (!shared.includes(param)) {
    const message = `${unknownNameMessage('sweep parameter', param, [...shared, NOISE_BATCH_SIZE])} (parameters of every dynamics item, or ${NOISE_BATCH_SIZE})`;
    return { issues: [issueAt(['sweep', param], message)], dts };
  }
  const issues = values.flatMap((value, i) =>
    kinds.flatMap((kind) => kind.params[param as SweepParam](value, ['sweep', param, i], ctx)),
  );
  return { issues, dts };
}

/** Normalizes a valid sweep (at most one, already checked, key). */
export function normalizeSweep(parsed: Record<string, unknown[]>): Sweep | undefined {
  const [param] = Object.keys(parsed);
  if (param === undefined) return undefined;
  if (param === NOISE_BATCH_SIZE) return { param, values: parsed[param] as BatchSize[] };
  return { param: param as SweepParam, values: parsed[param] as SweepValue[] };
}
