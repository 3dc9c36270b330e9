import { z } from 'zod';
import type { CheckContext } from './check-context';
import { unknownNameMessage } from './closest-name';
import type { DtSource } from './duration';
import type { SweepValue } from './dynamics/dynamics-kind';
import { findDynamicsKind, type SweepParam } from './dynamics/semantics';
import { issueAt, type ExperimentIssue } from './issue';
import { isRecord } from './numeric-guards';

/**
 * Zod schema of `sweep`: `{ "<param>": [values…] }`. Which parameters exist and what
 * values they accept depends on the dynamics kinds; {@link checkSweep} validates that.
 */
export const sweepSchema = z.record(z.string(), z.array(z.unknown()).min(1));

/** A normalized sweep: one run per value, in order, the value applied to every dynamics item. */
export interface Sweep {
  param: SweepParam;
  values: SweepValue[];
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
 * Checks a raw sweep: exactly one parameter, shared by every dynamics item of a known kind,
 * each value valid for that parameter exactly as the field itself.
 */
export function checkSweep(raw: unknown, dynamics: unknown, ctx: CheckContext): SweepCheck {
  if (!isRecord(raw)) return { issues: [] };
  const keys = Object.keys(raw);
  if (keys.length === 0) return { issues: [issueAt(['sweep'], 'expected exactly one parameter to sweep, found none')] };
  if (keys.length > 1) {
    return { issues: [issueAt(['sweep', keys[1]], `expected exactly one parameter to sweep, found ${keys.length}: ${keys.join(', ')}`)] };
  }
  const param = keys[0];
  const values = raw[param];
  if (!Array.isArray(values)) return { issues: [] };
  const dts = param === 'dt' ? values.map((dt, i) => ({ dt, path: ['sweep', 'dt', i] })) : undefined;
  const kinds = knownKinds(dynamics);
  if (kinds.length === 0) return { issues: [], dts };
  const shared = Object.keys(kinds[0].params).filter((name) => kinds.every((kind) => Object.hasOwn(kind.params, name)));
  if (!shared.includes(param)) {
    const message = `${unknownNameMessage('sweep parameter', param, shared)} (parameters of every dynamics item)`;
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
  return { param: param as SweepParam, values: parsed[param] as SweepValue[] };
}
