import { describeValue } from './describe-value';
import { issueAt, type ExperimentIssue } from './issue';
import { formatJsonPath, type JsonPath } from './json-path';
import { isFiniteNumber } from './numeric-guards';

/** Relative tolerance for `horizon / dt` to count as a whole number of steps. */
export const HORIZON_TOLERANCE = 1e-9;

/** How long each run lasts: a step count, or a model-time horizon reached in `horizon / dt` steps. */
export type Duration = { kind: 'steps'; steps: number } | { kind: 'horizon'; horizon: number };

/** A time step to check a horizon against, with where it came from. */
export interface DtSource {
  dt: unknown;
  path: JsonPath;
}

/** Number of steps of size `dt` to reach `horizon`, if it is a whole number (to {@link HORIZON_TOLERANCE}). */
export function horizonSteps(horizon: number, dt: number): number | undefined {
  const ratio = horizon / dt;
  const steps = Math.round(ratio);
  if (steps < 1 || !Number.isSafeInteger(steps)) return undefined;
  return Math.abs(ratio - steps) <= HORIZON_TOLERANCE * ratio ? steps : undefined;
}

/** Steps of a run with time step `dt` (validity was checked beforehand). */
export function resolveSteps(duration: Duration, dt: number): number {
  if (duration.kind === 'steps') return duration.steps;
  const steps = horizonSteps(duration.horizon, dt);
  if (steps === undefined) throw new Error(`horizon ${duration.horizon} is not a whole number of steps of ${dt}`);
  return steps;
}

/**
 * Checks that exactly one of `steps` and `horizon` is given and, for a horizon, that it
 * is a whole number of steps of every time step in `dts`. Issues name `$.horizon`.
 */
export function checkDuration(raw: Record<string, unknown>, dts: readonly DtSource[]): ExperimentIssue[] {
  const hasSteps = raw.steps !== undefined;
  const hasHorizon = raw.horizon !== undefined;
  if (hasSteps && hasHorizon) {
    return [
      issueAt(
        ['horizon'],
        `expected exactly one of steps and horizon, found both (steps = ${describeValue(raw.steps)}, horizon = ${describeValue(raw.horizon)})`,
      ),
    ];
  }
  if (!hasSteps && !hasHorizon) {
    return [issueAt(['steps'], 'expected steps (a positive integer) or horizon (a positive number of model time), found neither')];
  }
  const horizon = raw.horizon;
  if (!isFiniteNumber(horizon) || horizon <= 0) return [];
  const issues: ExperimentIssue[] = [];
  for (const { dt, path } of dts) {
    if (!isFiniteNumber(dt) || dt <= 0 || horizonSteps(horizon, dt) !== undefined) continue;
    issues.push(
      issueAt(
        ['horizon'],
        `expected horizon to be a whole number of steps of dt = ${dt} (${formatJsonPath(path)}), ` +
          `found horizon / dt = ${horizon} / ${dt} = ${horizon / dt}`,
      ),
    );
  }
  return issues;
}
