import { access, readFile } from 'node:fs/promises';
import type { EngineDevice } from '../../gpu/engine-device';
import { requestNodeDevice, type NodeBackend } from '../../gpu/node-device';
import { CheckpointError, describeCheckpoint, readCheckpoint } from '../../run/checkpoint-file';
import { experimentHash } from '../../run/experiment-hash';
import { shardRange } from '../../run/shard';
import { expandRuns } from '../../experiment';
import { checkCsvDir } from '../csv-output';
import { executeRun } from '../execute-run';
import { CliError, EXIT } from '../exit-codes';
import { checkOutPath } from '../out-path';
import { loadExperiment, parseCheckpointEvery } from './run';

export interface ResumeCommandOptions {
  out?: string;
  csv?: string;
  quiet?: boolean;
  backend?: NodeBackend;
  checkpointEvery?: string;
}

/**
 * `sdeflow resume CHECKPOINT`: continues a run started with `--checkpoint` (after
 * an interruption, a crash or a lost device) and writes what the run would have
 * written — by default to the run's own --out and --csv. The result equals the
 * uninterrupted run's (same bits, on the same device). Refuses a checkpoint of
 * another RNG stream version, and one whose experiment file has changed since.
 */
export async function resumeCommand(path: string, options: ResumeCommandOptions): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.invalidInput);
  }
  let checkpoint: ReturnType<typeof readCheckpoint>;
  try {
    checkpoint = readCheckpoint(text, path);
  } catch (e) {
    if (e instanceof CheckpointError) throw new CliError(`${e.message}; nothing was run`, EXIT.invalidInput, 'start the run again with sdeflow run FILE --checkpoint F');
    throw e;
  }
  const { file, progress } = checkpoint;
  const invocation = file.invocation;
  const every = parseCheckpointEvery(options.checkpointEvery);
  await checkChangedExperiment(invocation.file, invocation.trajectories, file.experimentHash);
  const out = options.out ?? invocation.out;
  const csv = options.csv ?? invocation.csv;
  await checkCsvDir(csv);
  await checkOutPath('--out', out);
  if (invocation.shard && !out) throw new CliError('a shard writes a part file: give --out FILE', EXIT.invalidInput);
  const experiment = file.experiment;
  const range = invocation.shard ? shardRange(experiment.trajectories, invocation.shard) : undefined;
  const device: EngineDevice | 'cpu' = invocation.device === 'cpu' ? 'cpu' : await requestNodeDevice({ backend: options.backend ?? (invocation.backend as NodeBackend | undefined) });
  const here = device === 'cpu' ? 'float64 CPU reference' : device.adapter.description;
  if (here !== file.device.description) {
    process.stderr.write(`note: the checkpoint was written on ${file.device.description}; continuing on ${here} (the same experiment, but f32 rounding may differ in the last bits)\n`);
  }
  process.stderr.write(`resuming ${experiment.name} from ${path}: ${describeCheckpoint(file, expandRuns(experiment).length)}\n`);
  await executeRun(experiment, device, {
    ...(invocation.shard ? { shard: invocation.shard, range } : {}),
    out,
    csv,
    quiet: options.quiet,
    checkpoint: { path, invocation, every, resume: progress },
  });
}

/**
 * Refuses to resume when the experiment file the run started from now describes
 * another experiment (its fingerprint changed). A file that is gone is not an
 * error: the checkpoint holds the experiment.
 */
async function checkChangedExperiment(file: string, trajectories: string | undefined, hash: string): Promise<void> {
  const present = await access(file).then(() => true, () => false);
  if (!present) {
    process.stderr.write(`note: ${file} is gone; continuing the experiment stored in the checkpoint\n`);
    return;
  }
  let now: string;
  try {
    now = experimentHash(await loadExperiment(file, trajectories));
  } catch (e) {
    throw new CliError(`${file} changed since the checkpoint was written and is no longer valid; nothing was run`, EXIT.invalidInput, 'restore the file, or start the run again');
  }
  if (now !== hash) {
    throw new CliError(
      `${file} changed since the checkpoint was written (fingerprint ${hash}, now ${now}): resuming would mix two experiments; nothing was run`,
      EXIT.invalidInput,
      'restore the file, or start the run again with sdeflow run FILE --checkpoint F',
    );
  }
}
