import { findDynamicsKind } from './dynamics/semantics';
import type { Duration } from './duration';
import type { Experiment } from './experiment';
import { normalizeInitialState } from './initial-state';
import { findObjectiveKind } from './objectives/semantics';
import { normalizeRecord } from './record';
import { normalizeEscape } from './escape';
import { normalizeNoise } from './noise';
import type { ExperimentInput } from './schema';
import { normalizeSweep } from './sweep';

function known<T>(kind: T | undefined, name: string): T {
  if (kind === undefined) throw new Error(`no behaviour registered for kind ${JSON.stringify(name)}`);
  return kind;
}

/** Builds the normalized {@link Experiment} from a structurally and cross-field valid input. */
export function normalizeExperiment(parsed: ExperimentInput): Experiment {
  const objectiveKind = known(findObjectiveKind(parsed.objective.kind), parsed.objective.kind);
  const dim = objectiveKind.dimension(parsed.objective);
  const duration: Duration =
    parsed.steps !== undefined ? { kind: 'steps', steps: parsed.steps } : { kind: 'horizon', horizon: parsed.horizon as number };
  const experiment: Experiment = {
    name: parsed.name,
    seed: parsed.seed,
    dim,
    objective: objectiveKind.normalize(parsed.objective),
    noise: normalizeNoise(parsed.noise, dim),
    dynamics: parsed.dynamics.map((item) => known(findDynamicsKind(item.kind), item.kind).normalize(item, dim)),
    x0: normalizeInitialState(parsed.x0, dim),
    trajectories: parsed.trajectories,
    duration,
    record: normalizeRecord(parsed.record),
  };
  if (parsed.description !== undefined) experiment.description = parsed.description;
  if (parsed.escape !== undefined) experiment.escape = normalizeEscape(parsed.escape);
  if (parsed.reference !== undefined) experiment.reference = { trajectories: parsed.reference.trajectories };
  if (parsed.coupling === 'independent') experiment.coupling = 'independent';
  if (parsed.estimator !== undefined) experiment.estimator = { ...parsed.estimator };
  const sweep = parsed.sweep === undefined ? undefined : normalizeSweep(parsed.sweep);
  if (sweep !== undefined) experiment.sweep = sweep;
  return experiment;
}
