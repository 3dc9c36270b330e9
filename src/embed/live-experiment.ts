import { expandRuns, type Experiment, type PlannedRun } from '../experiment';
import type { EngineDevice } from '../gpu/engine-device';
import { adapterLabel } from '../gpu/adapter-description';
import { ensembleSpec } from '../run/ensemble-spec-of';
import { runLabel, type Measurements } from '../run/measure';
import { reportExperiment } from '../run/report-experiment';
import type { ExperimentResult } from '../run/experiment-result';
import { LiveEnsemble, type LiveEnsembleOptions } from './live-ensemble';

/** One planned run of an experiment, live on the GPU. */
export interface LiveRun {
  planned: PlannedRun;
  label: string;
  ensemble: LiveEnsemble;
}

/**
 * Every run of an experiment (sweep values × dynamics items) as live
 * ensembles on one device, stepped together; `report()` turns them into the
 * same result `runExperiment` gives (reference comparisons, strong errors and
 * stationarity, which need tracked trajectories, are left out).
 */
export class LiveExperiment {
  private constructor(
    readonly experiment: Experiment,
    readonly runs: LiveRun[],
    private readonly gpu: EngineDevice,
  ) {}

  static async create(gpu: EngineDevice, experiment: Experiment, options: LiveEnsembleOptions = {}): Promise<LiveExperiment> {
    const runs: LiveRun[] = [];
    try {
      for (const planned of expandRuns(experiment)) {
        const ensemble = await LiveEnsemble.create(gpu, ensembleSpec(experiment, planned), options);
        runs.push({ planned, label: runLabel(planned), ensemble });
      }
    } catch (e) {
      for (const r of runs) r.ensemble.dispose();
      throw e;
    }
    return new LiveExperiment(experiment, runs, gpu);
  }

  get done(): boolean {
    return this.runs.every((r) => r.ensemble.done);
  }

  /** Advances every run by up to `steps` of its own steps (runs of different step sizes end at the same model time). */
  async advance(steps: number): Promise<void> {
    await Promise.all(this.runs.filter((r) => !r.ensemble.done).map((r) => r.ensemble.advance(steps)));
  }

  /** Advances every run by the same fraction of its total steps (so runs with different step counts keep pace). */
  async advanceFraction(fraction: number): Promise<void> {
    const pending = this.runs.filter((r) => !r.ensemble.done);
    await Promise.all(pending.map((r) => r.ensemble.advance(Math.max(1, Math.round(fraction * r.ensemble.spec.steps)))));
  }

  /** The experiment's result from what was measured so far (checkpoints not yet reached have count 0). */
  async report(): Promise<ExperimentResult> {
    const measured: Measurements = {
      device: this.gpu.adapter,
      range: { first: 0, trajectories: this.experiment.trajectories },
      runs: [],
      strong: [],
    };
    for (const r of this.runs) {
      const t = r.ensemble.timing();
      measured.runs.push({
        index: r.planned.index,
        statistics: await r.ensemble.readStatistics(),
        timing: { seconds: t.seconds, compileSeconds: t.compileSeconds, trajectorySteps: t.trajectorySteps, device: adapterLabel(this.gpu.adapter) },
      });
    }
    return reportExperiment(this.experiment, measured);
  }

  /** Frees every run's buffers; idempotent. */
  dispose(): void {
    for (const r of this.runs) r.ensemble.dispose();
  }
}

/** One run (default the first) of a validated experiment as a live ensemble: the shortest way in for an app. */
export async function createLiveEnsemble(gpu: EngineDevice, experiment: Experiment, run = 0, options: LiveEnsembleOptions = {}): Promise<LiveEnsemble> {
  const planned = expandRuns(experiment);
  if (!Number.isInteger(run) || run < 0 || run >= planned.length) throw new RangeError(`run must be an integer in [0, ${planned.length - 1}], got ${run}`);
  return LiveEnsemble.create(gpu, ensembleSpec(experiment, planned[run]), options);
}
