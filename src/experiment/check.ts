import type { CheckContext } from './check-context';
import { checkDuration, type DtSource } from './duration';
import { findDynamicsKind } from './dynamics/semantics';
import { checkInitialState } from './initial-state';
import { issueAt, type ExperimentIssue } from './issue';
import { isFiniteNumber, isRecord } from './numeric-guards';
import { findObjectiveKind } from './objectives/semantics';
import { checkRecord } from './record';
import { checkEscape } from './escape';
import { checkNoise } from './noise';
import { checkSweep } from './sweep';

function checkReference(raw: Record<string, unknown>): ExperimentIssue[] {
  const reference = raw.reference;
  if (!isRecord(reference) || !isFiniteNumber(reference.trajectories) || !isFiniteNumber(raw.trajectories)) return [];
  if (reference.trajectories <= raw.trajectories) return [];
  return [
    issueAt(
      ['reference', 'trajectories'],
      `expected at most trajectories = ${raw.trajectories} reference trajectories, found ${reference.trajectories}`,
    ),
  ];
}

/**
 * Cross-field checks of a raw experiment: everything the structural schema cannot see
 * (d from the objective against b, x0 and σ; A square and symmetric; integrator needs;
 * horizon/dt; sweep parameters and values; reference size). Each check runs on whatever
 * parts are well-formed enough, so problems are reported alongside structural ones.
 */
export function checkExperiment(raw: unknown): ExperimentIssue[] {
  if (!isRecord(raw)) return [];
  const issues: ExperimentIssue[] = [];
  const ctx: CheckContext = { dimSource: '$.objective.A' };

  const objective = raw.objective;
  const objectiveKind = isRecord(objective) ? findObjectiveKind(objective.kind) : undefined;
  if (isRecord(objective) && objectiveKind !== undefined) {
    const result = objectiveKind.check(objective, ['objective']);
    issues.push(...result.issues);
    ctx.dim = result.dim;
    if (result.dimSource) ctx.dimSource = result.dimSource;
    ctx.objectiveKind = objective.kind as string;
  }

  const itemDts: DtSource[] = [];
  if (Array.isArray(raw.dynamics)) {
    raw.dynamics.forEach((item, i) => {
      if (!isRecord(item)) return;
      itemDts.push({ dt: item.dt, path: ['dynamics', i, 'dt'] });
      issues.push(...(findDynamicsKind(item.kind)?.check(item, ['dynamics', i], ctx) ?? []));
    });
  }

  issues.push(...checkInitialState(raw.x0, ['x0'], ctx));
  const sweep = checkSweep(raw.sweep, raw.dynamics, raw.noise, ctx);
  issues.push(...sweep.issues);
  issues.push(...checkDuration(raw, sweep.dts ?? itemDts));
  issues.push(...checkRecord(raw.record, ctx));
  issues.push(...checkEscape(raw.escape, ctx));
  issues.push(...checkNoise(raw.noise, ctx));
  issues.push(...checkReference(raw));
  return issues;
}
