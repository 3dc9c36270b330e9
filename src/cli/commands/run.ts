import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { executeRun, type CheckpointSettings } from '../execute-run';
import { formatIssues, parseExperiment, parseExperimentJson, type Experiment, type ExperimentIssue } from '../../experiment';
import type { EngineDevice } from '../../gpu/engine-device';
import { requestNodeDevice, type NodeBackend } from '../../gpu/node-device';
import type { ExperimentResult } from '../../run/experiment-result';
import { parseShard, shardRange, type Shard, type ShardRange } from '../../run/shard';
import { checkCsvDir } from '../csv-output';
import { CliError, EXIT } from '../exit-codes';
import { checkOutPath } from '../out-path';
import { formatPlan } from '../plan-report';
import { planExperiment, planProblems, type ExperimentPlan } from '../../run/plan';
import { estimateTimes } from '../../run/calibrate';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

export interface RunCommandOptions {
  out?: string;
  trajectories?: string;
  device: 'gpu' | 'cpu';
  backend?: NodeBackend;
  quiet?: boolean;
  /** Write the series (and histograms, exit times, comparisons, slopes) as CSV files into this folder. */
  csv?: string;
  /** `i/n`: run only shard i of n and write its part file to --out. */
  shard?: string;
  /** Print the plan (chunks, buffers, dispatches, memory, an estimated time) and run nothing else. */
  dryRun?: boolean;
  /** Keep a resumable checkpoint here (`sdeflow resume FILE` continues it). */
  checkpoint?: string;
  /** Least seconds between two checkpoints within a run. */
  checkpointEvery?: string;
}

const MERGE_HINT = 'run every shard with --out part-i.json, then: sdeflow merge part-*.json --out all.json';

/**
 * `sdeflow run FILE`: validate everything first (options, output paths, file,
 * shard, and the resource plan against the device's limits and host memory), then
 * run, report, and write the result JSON (and CSV files). With `--shard i/n`, run
 * that shard's trajectories only and write its part file for `sdeflow merge`.
 * `--dry-run` prints the plan with a time estimate instead; `--checkpoint F` keeps
 * the run resumable (src/cli/execute-run.ts, `sdeflow resume F`).
 */
export async function runCommand(file: string, options: RunCommandOptions): Promise<void> {
  const shard = options.shard !== undefined ? parseShardOption(options.shard) : undefined;
  if (shard && !options.out) {
    throw new CliError('--shard needs --out FILE: a shard writes a part file, which sdeflow merge joins', EXIT.invalidInput, MERGE_HINT);
  }
  if (shard && options.csv !== undefined) {
    throw new CliError('--csv needs the whole run, and --shard runs a part of it', EXIT.invalidInput, 'pass --csv DIR to sdeflow merge instead');
  }
  await checkCsvDir(options.csv);
  if (!options.dryRun) await checkOutPath('--out', options.out);
  if (!options.dryRun) await checkOutPath('--checkpoint', options.checkpoint);
  const checkpointEvery = parseCheckpointEvery(options.checkpointEvery);
  const experiment = await loadExperiment(file, options.trajectories);
  if (shard && experiment.estimator) {
    throw new CliError(
      'multilevel Monte Carlo ("estimator") chooses its samples per level from the variances it measures, so it runs whole, not in shards',
      EXIT.invalidInput,
      'run the file without --shard, or remove "estimator" to shard its plain runs',
    );
  }
  const range = shard ? shardRangeOption(experiment, shard) : undefined;
  if (options.device !== 'gpu' && options.device !== 'cpu') {
    throw new CliError(`--device must be gpu or cpu, got "${options.device}"`, EXIT.invalidInput);
  }
  const device: EngineDevice | 'cpu' = options.device === 'cpu' ? 'cpu' : await requestNodeDevice({ backend: options.backend });
  let keepDevice = false;
  try {
    const plan = checkedPlan(experiment, device, shard, options.checkpoint !== undefined);
    if (options.dryRun) {
      // A real run pays the same start (Node, the engine, the device) before its first dispatch.
      const startupSeconds = process.uptime();
      process.stdout.write(formatPlan(plan, await estimateTimes(experiment, plan, device), startupSeconds) + '\n');
      return;
    }
    keepDevice = true;
  } finally {
    if (!keepDevice && device !== 'cpu') device.release();
  }
  const checkpoint: CheckpointSettings | undefined =
    options.checkpoint === undefined
      ? undefined
      : {
          path: options.checkpoint,
          every: checkpointEvery,
          invocation: {
            file: resolve(file),
            ...(options.trajectories !== undefined ? { trajectories: options.trajectories } : {}),
            ...(shard ? { shard } : {}),
            ...(options.out !== undefined ? { out: resolve(options.out) } : {}),
            ...(options.csv !== undefined ? { csv: resolve(options.csv) } : {}),
            device: options.device,
            ...(options.backend !== undefined ? { backend: options.backend } : {}),
          },
        };
  await executeRun(experiment, device, { shard, range, out: options.out, csv: options.csv, quiet: options.quiet, checkpoint });
}

/** `--checkpoint-every S`: a number of seconds ≥ 0 (default {@link DEFAULT_CHECKPOINT_EVERY}). */
export function parseCheckpointEvery(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CHECKPOINT_EVERY;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new CliError(`--checkpoint-every must be a number of seconds ≥ 0, got "${text}"`, EXIT.invalidInput);
  }
  return seconds;
}

/** Seconds between checkpoints within a run, unless --checkpoint-every says otherwise. */
export const DEFAULT_CHECKPOINT_EVERY = 10;

/**
 * The run's resource plan, or exit 2 with the figures when it cannot fit: a buffer
 * beyond the device's limits, or statistics beyond host memory (half the machine's
 * memory, and at most the JavaScript heap, where the report is built).
 */
function checkedPlan(experiment: Experiment, device: EngineDevice | 'cpu', shard: Shard | undefined, snapshots: boolean): ExperimentPlan {
  const plan = planExperiment(experiment, device, { shard, snapshots });
  const budget = Math.min(totalmem() / 2, getHeapStatistics().heap_size_limit);
  const problems = planProblems(plan, device, budget);
  if (problems.length > 0) {
    throw new CliError(`${problems.join('\n')}\nnothing was run`, EXIT.invalidInput, 'sdeflow run FILE --dry-run prints the whole plan');
  }
  return plan;
}

function parseShardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.invalidInput, 'shard i of n is --shard i/n with 0 ≤ i < n, e.g. --shard 0/4');
  }
}

/** The shard's trajectories, or exit 2 when the shard would be empty (nothing has run yet). */
function shardRangeOption(experiment: Experiment, shard: Shard): ShardRange {
  try {
    return shardRange(experiment.trajectories, shard);
  } catch (e) {
    throw new CliError(`${(e as Error).message}; nothing was run`, EXIT.invalidInput, 'use fewer shards or more trajectories');
  }
}

/** Reads and validates an experiment file; `--trajectories` replaces the file's count (and caps the reference's). */
export async function loadExperiment(file: string, trajectories?: string): Promise<Experiment> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.invalidInput);
  }
  const parsed = parseExperimentJson(text);
  if (!parsed.ok) throw invalid(file, formatIssues(parsed.issues));
  printWarnings(parsed.warnings);
  if (trajectories === undefined) return parsed.experiment;
  const n = Number(trajectories);
  if (!/^\d+$/.test(trajectories) || !Number.isSafeInteger(n) || n < 1) {
    throw new CliError(`--trajectories must be a positive integer, got "${trajectories}"`, EXIT.invalidInput);
  }
  const raw = JSON.parse(text) as Record<string, unknown> & { reference?: { trajectories?: number } };
  raw.trajectories = n;
  if (raw.reference?.trajectories !== undefined) raw.reference.trajectories = Math.min(raw.reference.trajectories, n);
  const again = parseExperiment(raw);
  if (!again.ok) throw invalid(file, formatIssues(again.issues));
  return again.experiment;
}

/** Warnings of a valid file (e.g. a step beyond its stability limit), one line each on stderr: the run goes ahead. */
function printWarnings(warnings: readonly ExperimentIssue[]): void {
  for (const w of warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
}

function invalid(file: string, details: string): CliError {
  return new CliError(`invalid experiment file ${file}; nothing was run:\n${details}`, EXIT.invalidInput, 'see the experiment file format in the README');
}
