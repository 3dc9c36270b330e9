import { dynamicsDescriptor, noiseDescriptor, objectiveDescriptor } from '../registry';
import type { Experiment } from './experiment';
import { issueAt, type ExperimentIssue } from './issue';
import { formatJsonPath, type JsonPath } from './json-path';
import { F32_MAX } from './numbers';
import { expandRuns } from './runs';
import { NOISE_BATCH_SIZE } from './sweep';

/**
 * Builds the parameters every run will pack for the GPU (objective, noise, and
 * each dynamics item at each sweep value: exact transitions, factors of Σ, HA-SME's
 * matrices…) and checks that they are finite in float32. Each number of the file is
 * within range, but derived ones (σσᵀ, e^{−A dt}, ηΣ) can still overflow; this finds
 * them before anything runs, instead of a failure (or a silent +Infinity) mid-run.
 */
export function checkPacking(experiment: Experiment): ExperimentIssue[] {
  const issues: ExperimentIssue[] = [];
  const { dim, objective } = experiment;
  const attempt = (path: JsonPath, what: string, pack: () => number[]) => {
    let words: number[];
    try {
      words = pack();
    } catch (e) {
      issues.push(issueAt(path, `${what} cannot be built: ${(e as Error).message}`));
      return;
    }
    const bad = words.findIndex((w) => !Number.isFinite(Math.fround(w)));
    if (bad >= 0) {
      issues.push(issueAt(path, `${what} overflow the float32 range of the GPU (±${F32_MAX}): a derived parameter is ${words[bad]}; use smaller values`));
    }
  };
  attempt(['objective'], `the ${objective.kind} objective's parameters`, () => objectiveDescriptor(objective.kind).params.pack(objective, dim));
  const sweep = experiment.sweep;
  const sweptNoise = sweep?.param === NOISE_BATCH_SIZE;
  const runs = expandRuns(experiment);
  // Each noise a run uses (under a noise.batchSize sweep, one per swept value; the experiment's own is not run).
  for (const [i, run] of runs.entries()) {
    if (i > 0 && run.noise === runs[i - 1].noise) continue;
    const path = sweptNoise ? ['sweep', NOISE_BATCH_SIZE, Math.floor(run.index / experiment.dynamics.length)] : ['noise'];
    attempt(path, `the ${run.noise.kind} noise's parameters`, () => noiseDescriptor(run.noise.kind).params.pack(run.noise, dim));
  }
  for (const run of runs) {
    const at = sweep && run.sweep ? ` at ${formatJsonPath(['sweep', sweep.param, Math.floor(run.index / experiment.dynamics.length)])}` : '';
    attempt(['dynamics', run.dynamicsIndex], `the ${run.dynamics.kind} parameters${at}`, () =>
      dynamicsDescriptor(run.dynamics.kind).params.pack(run.dynamics, objective, dim, run.noise),
    );
  }
  return issues;
}
