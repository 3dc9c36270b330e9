import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { formatIssues, parseExperiment, parseExperimentJson, type Experiment } from '../../experiment';
import type { EngineDevice } from '../../gpu/engine-device';
import { requestNodeDevice, type NodeBackend } from '../../gpu/node-device';
import { formatConsoleReport } from '../../report/console-report';
import type { ExperimentResult } from '../../run/experiment-result';
import { measureExperiment } from '../../run/measure';
import { toPartFile } from '../../run/part-file';
import { reportExperiment } from '../../run/report-experiment';
import { parseShard, shardRange, type Shard, type ShardRange } from '../../run/shard';
import { checkCsvDir, writeCsvFiles } from '../csv-output';
import { CliError, EXIT } from '../exit-codes';
import { progressReporter } from '../progress';

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
}

const MERGE_HINT = 'run every shard with --out part-i.json, then: sdeflow merge part-*.json --out all.json';

/**
 * `sdeflow run FILE`: validate everything first (options, file, shard), then run,
 * report, and write the result JSON (and CSV files). With `--shard i/n`, run that
 * shard's trajectories only and write its part file for `sdeflow merge`.
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
  const experiment = await loadExperiment(file, options.trajectories);
  const range = shard ? shardRangeOption(experiment, shard) : undefined;
  if (options.device !== 'gpu' && options.device !== 'cpu') {
    throw new CliError(`--device must be gpu or cpu, got "${options.device}"`, EXIT.invalidInput);
  }
  const device: EngineDevice | 'cpu' = options.device === 'cpu' ? 'cpu' : await requestNodeDevice({ backend: options.backend });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  const progress = progressReporter();
  try {
    const started = performance.now();
    const measurements = await measureExperiment(experiment, { device, shard, signal: controller.signal, onProgress: (p) => progress.update(p) });
    progress.stop();
    if (shard && range) {
      await writeAtomically(options.out!, JSON.stringify(toPartFile(experiment, measurements)) + '\n');
      const seconds = (performance.now() - started) / 1000;
      const runs = measurements.runs.length;
      if (!options.quiet) {
        process.stdout.write(
          `shard ${shard.index}/${shard.count} of ${experiment.name}: trajectories [${range.first}, ${range.first + range.trajectories}) of ${experiment.trajectories}, ` +
            `${runs} run${runs === 1 ? '' : 's'}, ${seconds.toFixed(2)} s\n`,
        );
      }
      process.stderr.write(`wrote ${options.out}\n`);
      return;
    }
    const result = reportExperiment(experiment, measurements);
    await writeResult(result, options);
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    if (device !== 'cpu') device.release();
  }
}

/** Writes --out and --csv and prints the console report (unless --quiet): what run and merge share. */
export async function writeResult(result: ExperimentResult, options: { out?: string; csv?: string; quiet?: boolean }): Promise<void> {
  if (options.out) await writeFile(options.out, JSON.stringify(result, null, 2) + '\n');
  const csvFiles = options.csv !== undefined ? await writeCsvFiles(options.csv, result) : [];
  if (!options.quiet) process.stdout.write(formatConsoleReport(result) + '\n');
  if (options.out) process.stderr.write(`wrote ${options.out}\n`);
  if (options.csv !== undefined) process.stderr.write(`wrote ${csvFiles.length} CSV file${csvFiles.length === 1 ? '' : 's'} to ${options.csv}\n`);
}

/**
 * Writes through a temporary file and a rename, so that a shard killed mid-write
 * (a preempted pod, a full volume) never leaves a truncated part for merge to find.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
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

function invalid(file: string, details: string): CliError {
  return new CliError(`invalid experiment file ${file}; nothing was run:\n${details}`, EXIT.invalidInput, 'see the experiment file format in the README');
}
