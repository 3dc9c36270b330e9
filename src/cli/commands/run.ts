import { readFile, writeFile } from 'node:fs/promises';
import { formatIssues, parseExperiment, parseExperimentJson, type Experiment } from '../../experiment';
import type { EngineDevice } from '../../gpu/engine-device';
import { requestNodeDevice, type NodeBackend } from '../../gpu/node-device';
import { formatConsoleReport } from '../../report/console-report';
import { runExperiment } from '../../run/run-experiment';
import { CliError, EXIT } from '../exit-codes';
import { progressReporter } from '../progress';

export interface RunCommandOptions {
  out?: string;
  trajectories?: string;
  device: 'gpu' | 'cpu';
  backend?: NodeBackend;
  quiet?: boolean;
}

/** `sdeflow run FILE`: validate everything first, then run, report, and write the result JSON. */
export async function runCommand(file: string, options: RunCommandOptions): Promise<void> {
  const experiment = await loadExperiment(file, options.trajectories);
  if (options.device !== 'gpu' && options.device !== 'cpu') {
    throw new CliError(`--device must be gpu or cpu, got "${options.device}"`, EXIT.invalidInput);
  }
  const device: EngineDevice | 'cpu' = options.device === 'cpu' ? 'cpu' : await requestNodeDevice({ backend: options.backend });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  const progress = progressReporter();
  try {
    const result = await runExperiment(experiment, { device, signal: controller.signal, onProgress: (p) => progress.update(p) });
    progress.stop();
    if (options.out) await writeFile(options.out, JSON.stringify(result, null, 2) + '\n');
    if (!options.quiet) process.stdout.write(formatConsoleReport(result) + '\n');
    if (options.out) process.stderr.write(`wrote ${options.out}\n`);
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    if (device !== 'cpu') device.release();
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
