/**
 * What every mutated experiment file must satisfy: validation never throws; a
 * rejection lists issues whose JSON paths point into the file (at the planted
 * fault when there is one) and whose messages name no internals of the code; an accepted file plans into runner specs without an
 * error, and a shrunk copy runs on the float64 reference.
 */
import { expandRuns, parseExperiment, type Experiment, type ExperimentIssue } from '../../src/experiment/index';
import { checkSpec } from '../../src/ensemble/check-spec';
import { composeEnsembleKernels, packData, packParams, specStatisticsLayout } from '../../src/ensemble/kernels';
import { ensembleSpec } from '../../src/run/ensemble-spec-of';
import { measureExperiment } from '../../src/run/measure';
import { reportExperiment } from '../../src/run/report-experiment';
import { internalNames } from './internal-names';
import { getAt, parseJsonPath, startsWith, type Segments } from './json-tree';
import type { Mutant } from './mutations';

export type Verdict = { ok: true; experiment: Experiment; warnings: ExperimentIssue[] } | { ok: false; issues: ExperimentIssue[] };

/** A failed expectation about one mutant, with what is needed to reproduce it. */
export class OracleError extends Error {}

const fail = (m: Mutant, why: string, issues?: ExperimentIssue[]): never => {
  throw new OracleError(`${why}\nmutant: ${m.what}\n${issues ? issues.map((i) => `  ${i.path}: ${i.message}`).join('\n') : ''}`);
};

/** Validates a mutant and checks the verdict's form (not yet whether an accepted file runs). */
export function judge(m: Mutant): Verdict {
  let verdict: Verdict;
  try {
    verdict = parseExperiment(m.doc);
  } catch (e) {
    return fail(m, `validation threw instead of reporting issues: ${(e as Error).stack}`);
  }
  if (!verdict.ok) {
    const issues = verdict.issues;
    if (issues.length === 0) fail(m, 'rejected with no issues');
    const paths: Segments[] = [];
    for (const issue of issues) {
      const path = parseJsonPath(issue.path);
      if (!path) return fail(m, `issue path ${JSON.stringify(issue.path)} is not a JSON path`, issues);
      // The path names a field of the file: its parent is in the document (the field itself may be missing).
      if (path.length > 0 && getAt(m.doc, path.slice(0, -1)) === undefined) fail(m, `issue path ${issue.path} leaves the document`, issues);
      if (!issue.message.trim() || /\[object Object\]|(?:found|=|got|received) undefined\b/.test(issue.message)) fail(m, `issue at ${issue.path} has a malformed message`, issues);
      const internal = internalNames(issue.message);
      if (internal.length > 0) fail(m, `issue at ${issue.path} names internals of the code (${internal.join(', ')})`, issues);
      paths.push(path);
    }
    const fault = m.fault;
    if (fault?.where === 'exact' && !paths.some((p) => p.length === fault.path.length && startsWith(p, fault.path))) {
      fail(m, `no issue at the planted fault ${JSON.stringify(fault.path)}`, issues);
    }
    if (fault?.where === 'enclosing' && !paths.some((p) => (p.length > 0 && startsWith(fault.path, p)) || startsWith(p, fault.path))) {
      fail(m, `no issue at the planted fault ${JSON.stringify(fault.path)}, a field enclosing it or an entry of it`, issues);
    }
  } else if (m.fault) {
    fail(m, `accepted a file with a planted fault at ${JSON.stringify(m.fault.path)}`);
  } else {
    // Warnings (e.g. a step beyond its stability limit) point into the file too.
    for (const w of verdict.warnings) {
      const path = parseJsonPath(w.path);
      if (!path || getAt(m.doc, path) === undefined) fail(m, `warning path ${w.path} does not name a field of the file`, verdict.warnings);
      const internal = internalNames(w.message);
      if (internal.length > 0) fail(m, `warning at ${w.path} names internals of the code (${internal.join(', ')})`, verdict.warnings);
    }
  }
  return verdict;
}

/**
 * Everything the runner does before its first dispatch, for every planned run:
 * the spec, its checks, parameter and data packing, the statistics layout and
 * the composed WGSL of the three kernels.
 */
export function plan(m: Mutant, experiment: Experiment): void {
  try {
    for (const run of expandRuns(experiment)) {
      const spec = ensembleSpec(experiment, run);
      checkSpec(spec);
      const params = packParams(spec);
      packData(spec);
      composeEnsembleKernels(spec, params, specStatisticsLayout(spec));
    }
  } catch (e) {
    fail(m, `an accepted file failed while planning its runs: ${(e as Error).stack}`);
  }
}

/** At most this many trajectories and steps in a shrunk copy. */
const SHRUNK_TRAJECTORIES = 2;
const SHRUNK_STEPS = 12;

/**
 * A copy of an accepted experiment cut to a few trajectories and steps (the model,
 * noise, records and sweep untouched), so that it runs in milliseconds.
 */
export function shrink(experiment: Experiment): Experiment {
  const steps = Math.min(SHRUNK_STEPS, ...expandRuns(experiment).map((r) => r.steps));
  const small: Experiment = { ...experiment, trajectories: Math.min(experiment.trajectories, SHRUNK_TRAJECTORIES), duration: { kind: 'steps', steps } };
  if (small.reference) small.reference = { trajectories: Math.min(small.reference.trajectories, small.trajectories) };
  if (small.record.stationarity) small.record = { ...small.record, stationarity: { ...small.record.stationarity, trajectories: Math.min(small.record.stationarity.trajectories, 2) } };
  return small;
}

/** Runs a shrunk copy of an accepted experiment on the float64 reference and reports it. */
export async function runShrunk(m: Mutant, experiment: Experiment): Promise<void> {
  try {
    const small = shrink(experiment);
    reportExperiment(small, await measureExperiment(small, { device: 'cpu' }));
  } catch (e) {
    fail(m, `an accepted file failed on the CPU reference: ${(e as Error).stack}`);
  }
}
