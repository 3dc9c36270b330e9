import { readFile } from 'node:fs/promises';
import { mergeParts, MergeError, type PartFile } from '../../run/part-file';
import { reportExperiment } from '../../run/report-experiment';
import { checkCsvDir } from '../csv-output';
import { CliError, EXIT } from '../exit-codes';
import { writeResult } from '../write-result';

export interface MergeCommandOptions {
  out?: string;
  csv?: string;
  quiet?: boolean;
}

const HINT = 'give every part of one sharded run exactly once: sdeflow run FILE --shard i/n --out part-i.json for i = 0 … n−1';

/**
 * `sdeflow merge PARTS… --out F`: joins the part files of one sharded run
 * (`sdeflow run --shard i/n --out part-i.json`) into the result the unsharded run
 * gives, reports it like `run` and writes it. Every input is checked before
 * anything is written.
 */
export async function mergeCommand(files: string[], options: MergeCommandOptions): Promise<void> {
  if (!options.out) throw new CliError('merge needs --out FILE for the merged result', EXIT.invalidInput, 'e.g. sdeflow merge part-*.json --out all.json');
  await checkCsvDir(options.csv);
  const parts: PartFile[] = [];
  for (const file of files) parts.push(await readPart(file));
  let merged: ReturnType<typeof mergeParts>;
  try {
    merged = mergeParts(parts);
  } catch (e) {
    // Parts name shards, not files: say which file holds which shard.
    const shards = files.map((f, i) => `${f} = ${describeShard(parts[i])}`).join(', ');
    const message = e instanceof MergeError ? e.message : `the parts cannot be merged: ${(e as Error).message}`;
    throw new CliError(`${message}\n(${shards}); nothing was written`, EXIT.invalidInput, HINT);
  }
  const result = reportExperiment(merged.experiment, merged.measurements, merged.shards);
  await writeResult(result, options);
}

async function readPart(file: string): Promise<PartFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read part file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.invalidInput, HINT);
  }
  let part: unknown;
  try {
    part = JSON.parse(text);
  } catch (e) {
    throw new CliError(`part file ${file} is not JSON: ${(e as Error).message}`, EXIT.invalidInput, HINT);
  }
  const format = (part as { format?: unknown } | null)?.format;
  if (format !== 'sdeflow-part/v1') {
    const what =
      format === 'sdeflow-result/v1' ? 'it is a merged or unsharded result, not a part' : format === undefined ? 'no "format" field' : `format ${JSON.stringify(format)}`;
    throw new CliError(`${file} is not an sdeflow part file (${what})`, EXIT.invalidInput, HINT);
  }
  return part as PartFile;
}

function describeShard(p: PartFile | undefined): string {
  return p?.shard ? `shard ${p.shard.index}/${p.shard.count}` : 'no shard';
}
