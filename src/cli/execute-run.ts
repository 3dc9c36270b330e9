import { DeviceLostError, type EngineDevice } from '../gpu/engine-device';
import { EnsembleAbortedError } from '../ensemble/ensemble-aborted-error';
import { expandRuns, type Experiment } from '../experiment';
import { CPU_REFERENCE_DEVICE } from '../reference/run-reference';
import { describeCheckpoint, exactJson, toCheckpointFile, type CheckpointInvocation } from '../run/checkpoint-file';
import { measureExperiment, type MeasureProgress } from '../run/measure';
import { toPartFile } from '../run/part-file';
import { reportExperiment } from '../run/report-experiment';
import { attachMlmc } from '../run/mlmc';
import type { Shard, ShardRange } from '../run/shard';
import { writeAtomically } from './atomic-write';
import { writeResult } from './write-result';
import { CliError, EXIT } from './exit-codes';
import { progressReporter } from './progress';

/** Where `--checkpoint` keeps the run's progress, how the run was started, and the progress to continue from. */
export interface CheckpointSettings {
  path: string;
  invocation: CheckpointInvocation;
  /** Least seconds between two checkpoints within a run. */
  every: number;
  resume?: MeasureProgress;
}

export interface ExecuteSettings {
  shard?: Shard;
  range?: ShardRange;
  out?: string;
  csv?: string;
  quiet?: boolean;
  checkpoint?: CheckpointSettings;
}

/** Signals closer together than this count as one delivery. */
const INSIST_AFTER_MS = 500;

/**
 * Runs a validated experiment and writes what `run` and `resume` write (the result
 * and CSV files, or a shard's part file), keeping the checkpoint up to date when
 * asked. SIGINT and SIGTERM let the dispatch in flight finish, write the
 * checkpoint and exit 130 (a second signal, half a second or more later, exits
 * at once: writes are atomic). The
 * device is released at the end, whatever happens.
 */
export async function executeRun(experiment: Experiment, device: EngineDevice | 'cpu', settings: ExecuteSettings): Promise<void> {
  const controller = new AbortController();
  // A signal sent to the whole process group (Slurm stopping a job, `kill -- -PGID`)
  // reaches this process twice: directly, and relayed by bin/sdeflow.mjs. Only a
  // second signal a moment after the first is someone insisting.
  let firstSignal: number | undefined;
  const onSignal = () => {
    const now = performance.now();
    if (firstSignal !== undefined && now - firstSignal > INSIST_AFTER_MS) process.exit(EXIT.interrupted);
    firstSignal ??= now;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = progressReporter();
  const checkpoint = settings.checkpoint;
  const runCount = expandRuns(experiment).length;
  const adapter = device === 'cpu' ? CPU_REFERENCE_DEVICE : device.adapter;
  let last: { written: string; holds: string } | undefined;
  let latest: MeasureProgress | undefined;
  const save = async (state: MeasureProgress, complete = false) => {
    latest = state;
    const file = toCheckpointFile(experiment, checkpoint!.invocation, adapter, state, complete);
    await writeAtomically(checkpoint!.path, exactJson(file) + '\n');
    last = { written: file.written, holds: describeCheckpoint(file, runCount) };
  };
  try {
    const started = performance.now();
    const measurements = await measureExperiment(experiment, {
      device,
      ...(settings.shard ? { shard: settings.shard } : {}),
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      ...(checkpoint ? { checkpoints: { save: (s) => save(s), minIntervalSeconds: checkpoint.every, ...(checkpoint.resume ? { resume: checkpoint.resume } : {}) } } : {}),
    });
    progress.stop();
    if (checkpoint && latest) await save(latest, true);
    if (settings.shard && settings.range) {
      const { shard, range } = settings;
      await writeAtomically(settings.out!, JSON.stringify(toPartFile(experiment, measurements)) + '\n');
      const seconds = (performance.now() - started) / 1000;
      const runs = measurements.runs.length;
      if (!settings.quiet) {
        process.stdout.write(
          `shard ${shard.index}/${shard.count} of ${experiment.name}: trajectories [${range.first}, ${range.first + range.trajectories}) of ${experiment.trajectories}, ` +
            `${runs} run${runs === 1 ? '' : 's'}, ${seconds.toFixed(2)} s\n`,
        );
      }
      process.stderr.write(`wrote ${settings.out}\n`);
      return;
    }
    await writeResult(await attachMlmc(experiment, reportExperiment(experiment, measurements), device, controller.signal), settings);
  } catch (e) {
    throw explain(e, checkpoint, last);
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (device !== 'cpu') device.release();
  }
}

/** An interruption or a lost device, told with where the last checkpoint stands and how to continue. */
function explain(e: unknown, checkpoint: CheckpointSettings | undefined, last: { written: string; holds: string } | undefined): unknown {
  const resume = checkpoint ? `sdeflow resume ${checkpoint.path}` : undefined;
  if (e instanceof EnsembleAbortedError) {
    if (checkpoint && last) return new CliError(`interrupted; the checkpoint ${checkpoint.path} holds ${last.holds}`, EXIT.interrupted, `continue with: ${resume}`);
    return new CliError('interrupted; nothing was written', EXIT.interrupted, checkpoint ? `no checkpoint was reached yet` : 'run with --checkpoint FILE to be able to stop and resume');
  }
  if (e instanceof DeviceLostError) {
    if (checkpoint && last) {
      const stopped = e.message.replace('and its partial results discarded', 'where it stood');
      return new CliError(`${stopped}; the last checkpoint, ${checkpoint.path} (written ${last.written}), holds ${last.holds}`, EXIT.failed, `continue on a new device with: ${resume}`);
    }
    return new CliError(`${e.message}; no checkpoint was written`, EXIT.failed, checkpoint ? 'the run failed before its first checkpoint; run it again' : 'run with --checkpoint FILE to be able to resume after such a failure');
  }
  return e;
}
