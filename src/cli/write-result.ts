import { writeFile } from 'node:fs/promises';
import { formatConsoleReport } from '../report/console-report';
import type { ExperimentResult } from '../run/experiment-result';
import { writeCsvFiles } from './csv-output';

/** Writes --out and --csv and prints the console report (unless --quiet): what run, resume and merge share. */
export async function writeResult(result: ExperimentResult, options: { out?: string; csv?: string; quiet?: boolean }): Promise<void> {
  if (options.out) await writeFile(options.out, JSON.stringify(result, null, 2) + '\n');
  const csvFiles = options.csv !== undefined ? await writeCsvFiles(options.csv, result) : [];
  if (!options.quiet) process.stdout.write(formatConsoleReport(result) + '\n');
  if (options.out) process.stderr.write(`wrote ${options.out}\n`);
  if (options.csv !== undefined) process.stderr.write(`wrote ${csvFiles.length} CSV file${csvFiles.length === 1 ? '' : 's'} to ${options.csv}\n`);
}
