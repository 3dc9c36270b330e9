import type { Experiment } from '../experiment';
import type { ExperimentResult } from './experiment-result';
import { measureExperiment, type RunExperimentOptions } from './measure';
import { reportExperiment } from './report-experiment';
import { attachMlmc } from './mlmc';

export type { RunExperimentOptions, ExperimentProgress } from './measure';

/**
 * Runs a validated experiment and reports it: experiment → measure (runner and
 * reductions, mergeable statistics) → report (summaries, comparisons, slopes),
 * and the multilevel Monte Carlo estimate where the file asks for one.
 */
export async function runExperiment(experiment: Experiment, options: RunExperimentOptions): Promise<ExperimentResult> {
  return attachMlmc(experiment, reportExperiment(experiment, await measureExperiment(experiment, options)), options.device, options.signal);
}
