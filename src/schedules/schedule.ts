import { z } from 'zod';
import { describeValue } from '../experiment/describe-value';
import { issueAt, type ExperimentIssue } from '../experiment/issue';
import type { JsonPath } from '../experiment/json-path';
import { positiveInteger, positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import { validateWith } from '../experiment/zod-issues';
import { uniformFromWord } from '../rng/random';
import { RngPurpose } from '../rng/streams';
import type { TrajectoryStream } from '../reference/trajectory-stream';

/**
 * Step-size schedules over the step index k = 0, 1, … (docs/architecture.md, "Schedules"):
 * a number, or `step` (v·g^⌊k/n⌋), `inverse-power` (s·(k+1)^−q) or `polynomial`
 * (v·(1 − k/K)^q), each optionally with `randomScale: [lo, hi]` — one factor per
 * trajectory, uniform in [lo, hi], from the STEPSIZE stream (the random step sizes
 * of the two-timescale framework's theorems). WGSL twin: shaders/lib/schedule.wgsl.
 */
const randomScale = z
  .tuple([positiveNumber(), positiveNumber()], { error: (i) => `expected randomScale as [lo, hi] with 0 < lo ≤ hi, found ${describeValue(i.input)}` })
  .optional()
  .describe('[lo, hi] with 0 < lo ≤ hi: one factor per trajectory, uniform in [lo, hi] (the STEPSIZE stream), multiplies every step size of the schedule.');

export const scheduleSchema = z.union(
  [
    positiveNumber().describe('A constant step size.'),
    strictObject({ kind: z.literal('constant'), value: positiveNumber().describe('The step size v.'), randomScale }).describe('Constant: v at every step.'),
    strictObject({
      kind: z.literal('step'),
      initial: positiveNumber().describe('Step size v at k = 0.'),
      every: positiveInteger().describe('Steps n per stage.'),
      factor: positiveNumber().describe('Factor g per stage.'),
      randomScale,
    }).describe('Step decay: v·g^⌊k/n⌋.'),
    strictObject({
      kind: z.literal('inverse-power'),
      scale: positiveNumber().describe('Scale s.'),
      power: positiveNumber().describe('Power q.'),
      randomScale,
    }).describe('Inverse power: s·(k + 1)^−q.'),
    strictObject({
      kind: z.literal('polynomial'),
      initial: positiveNumber().describe('Step size v at k = 0.'),
      power: positiveNumber().describe('Power q.'),
      total: positiveInteger().describe('Step K at which the step size reaches 0 (and stays there).'),
      randomScale,
    }).describe('Polynomial decay: v·(1 − k/K)^q, 0 from k = K on.'),
  ],
  {
    error: (i) =>
      `expected a step size: a number > 0 or a schedule { "kind": "step" | "inverse-power" | "polynomial", … }, found ${describeValue(i.input)}`,
  },
).describe('A step size: a number > 0, or a schedule over the step index k = 0, 1, …, which may add a per-trajectory randomScale.');

/** A step size as written: a number or a schedule. */
export type Schedule = z.output<typeof scheduleSchema>;

/** Words of one packed schedule: [kind, a, b, c, lo, hi]. */
export const SCHEDULE_WORDS = 6;

/** Validates a schedule value (used for sweeps), with lo ≤ hi for randomScale. */
export function checkSchedule(value: unknown, path: JsonPath): ExperimentIssue[] {
  const issues = validateWith(scheduleSchema, value, path);
  if (issues.length > 0) return issues;
  const s = value as Schedule;
  if (typeof s === 'object' && s.randomScale && s.randomScale[0] > s.randomScale[1]) {
    return [issueAt([...path, 'randomScale'], `expected lo ≤ hi, found [${s.randomScale[0]}, ${s.randomScale[1]}]`)];
  }
  return [];
}

/** A raw schedule's randomScale must have lo ≤ hi (zod checks each bound; this checks their order). */
export function checkRandomScaleOrder(value: unknown, path: JsonPath): ExperimentIssue[] {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { randomScale?: unknown }).randomScale)) return [];
  const [lo, hi] = (value as { randomScale: unknown[] }).randomScale;
  return typeof lo === 'number' && typeof hi === 'number' && lo > hi ? [issueAt([...path, 'randomScale'], `expected lo ≤ hi, found [${lo}, ${hi}]`)] : [];
}

/** [kind, a, b, c, lo, hi] as shaders/lib/schedule.wgsl reads it. */
export function packSchedule(s: Schedule): number[] {
  const [lo, hi] = typeof s === 'object' && s.randomScale ? s.randomScale : [1, 1];
  if (typeof s === 'number') return [0, s, 0, 1, lo, hi];
  switch (s.kind) {
    case 'constant':
      return [0, s.value, 0, 1, lo, hi];
    case 'step':
      return [1, s.initial, s.factor, s.every, lo, hi];
    case 'inverse-power':
      return [2, s.scale, s.power, 1, lo, hi];
    case 'polynomial':
      return [3, s.initial, s.power, s.total, lo, hi];
  }
}

/** The schedule's value at step k (float64; without the random factor). */
export function scheduleValue(s: Schedule, k: number): number {
  if (typeof s === 'number') return s;
  switch (s.kind) {
    case 'constant':
      return s.value;
    case 'step':
      return s.initial * s.factor ** Math.floor(k / s.every);
    case 'inverse-power':
      return s.scale * (k + 1) ** -s.power;
    case 'polynomial':
      return s.initial * Math.max(0, 1 - k / s.total) ** s.power;
  }
}

/** The per-trajectory factor of a schedule's randomScale (1 without one), as schedule_factor draws it. */
export function scheduleFactor(s: Schedule, stream: TrajectoryStream, slot: number): number {
  if (typeof s !== 'object' || !s.randomScale || s.randomScale[0] === s.randomScale[1]) return typeof s === 'object' && s.randomScale ? s.randomScale[0] : 1;
  const [lo, hi] = s.randomScale;
  return lo + (hi - lo) * uniformFromWord(stream.wordsAt(0, RngPurpose.STEPSIZE, 0)[slot]);
}

/** The value at step 0 (what a continuous model uses as its constant step, or a report shows). */
export const initialValue = (s: Schedule) => scheduleValue(s, 0);
