import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExperimentResult } from '../run/experiment-result';
import { csvReport } from '../report/csv-report';
import { CliError, EXIT } from './exit-codes';

/** Refuses a `--csv DIR` that exists but is not a folder, before anything runs. */
export async function checkCsvDir(dir: string | undefined): Promise<void> {
  if (dir === undefined) return;
  if (dir === '') throw new CliError('--csv needs a folder name', EXIT.invalidInput);
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new CliError(`--csv ${dir} exists and is not a folder`, EXIT.invalidInput, 'give a new or existing folder for the CSV files');
}

/** Writes the result's CSV files into `dir` (created if missing); returns their paths. */
export async function writeCsvFiles(dir: string, result: ExperimentResult): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const file of csvReport(result)) {
    const path = join(dir, file.name);
    await writeFile(path, file.text);
    paths.push(path);
  }
  return paths;
}
