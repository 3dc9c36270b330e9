import { assertExperiment, ensembleSpec, expandRuns, runEnsembleGpu, runEnsembleReference, type EnsembleResult, type EnsembleSpec } from '../../src/internal';
import { testDevice } from '../support/gpu';

/** The ensemble specs of an experiment file, one per run (sweep value × dynamics item). */
export function specsOf(file: object): EnsembleSpec[] {
  const experiment = assertExperiment(file);
  return expandRuns(experiment).map((run) => ensembleSpec(experiment, run));
}

/** Runs a spec on the GPU keeping the first `track` paths at every checkpoint. */
export async function runGpu(spec: EnsembleSpec, track = 0): Promise<EnsembleResult> {
  return runEnsembleGpu(await testDevice(), spec, track > 0 ? { trackTrajectories: track } : {});
}

export async function runCpu(spec: EnsembleSpec, track: number): Promise<EnsembleResult> {
  return runEnsembleReference({ ...spec, trajectories: track }, { trackTrajectories: track });
}

/** Mean and standard error of per-trajectory values. */
export function meanAndError(values: ArrayLike<number>): { mean: number; se: number; sd: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  let m2 = 0;
  for (let i = 0; i < n; i++) m2 += (values[i] - mean) ** 2;
  const sd = Math.sqrt(m2 / (n - 1));
  return { mean, se: sd / Math.sqrt(n), sd };
}

/** Sample variance and its standard error sqrt((m₄ − s⁴)/n). */
export function varianceAndError(values: ArrayLike<number>): { variance: number; se: number } {
  const { mean } = meanAndError(values);
  const n = values.length;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const c = (values[i] - mean) ** 2;
    m2 += c / n;
    m4 += (c * c) / n;
  }
  return { variance: (m2 * n) / (n - 1), se: Math.sqrt((m4 - m2 * m2) / n) };
}
