import { paramLayout, recordConstants, wgslEnum } from '../compose/param-layout';
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

/** Schedule kinds, shared with shaders/lib/schedule.wgsl (SCHEDULE_CONSTANT, SCHEDULE_STEP, …). */
export const SCHEDULE_KIND = wgslEnum('SCHEDULE', ['constant', 'step', 'inverse-power', 'polynomial']);

/** A schedule's kind and its arguments (a, b, c) as lib/schedule.wgsl reads them. */
function scheduleArguments(s: Schedule): { kind: keyof typeof SCHEDULE_KIND.codes; args: [number, number, number] } {
  if (typeof s === 'number') return { kind: 'constant', args: [s, 0, 1] };
  switch (s.kind) {
    case 'constant':
      return { kind: 'constant', args: [s.value, 0, 1] };
    case 'step':
      return { kind: 'step', args: [s.initial, s.factor, s.every] };
    case 'inverse-power':
      return { kind: 'inverse-power', args: [s.scale, s.power, 1] };
    case 'polynomial':
      return { kind: 'polynomial', args: [s.initial, s.power, s.total] };
  }
}

/**
 * One schedule as shaders/lib/schedule.wgsl reads it at `at`: its kind at
 * SCHEDULE_CODE, (a, b, c) at SCHEDULE_ARGS and the randomScale [lo, hi] at
 * SCHEDULE_RANDOM_SCALE ([1, 1] without one); SCHEDULE_WORDS long.
 */
const SCHEDULE_PARAMS = paramLayout<[s: Schedule]>({
  SCHEDULE_CODE: { u32: (s) => SCHEDULE_KIND.codes[scheduleArguments(s).kind] },
  SCHEDULE_ARGS: (s) => scheduleArguments(s).args,
  SCHEDULE_RANDOM_SCALE: (s) => (typeof s === 'object' && s.randomScale ? s.randomScale : [1, 1]),
});

/** The preamble constants of the schedule record (its fields' offsets and SCHEDULE_WORDS). */
export const SCHEDULE_RECORD_CONSTANTS = recordConstants(SCHEDULE_PARAMS, 'SCHEDULE_WORDS', 1);

/** Words of one packed schedule. */
export const SCHEDULE_WORDS = SCHEDULE_RECORD_CONSTANTS.SCHEDULE_WORDS;

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

/** One schedule's words as shaders/lib/schedule.wgsl reads them (SCHEDULE_PARAMS). */
export function packSchedule(s: Schedule): number[] {
  return SCHEDULE_PARAMS.pack(s);
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
