import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError, EXIT } from './exit-codes';

/**
 * Checks before anything runs that `--out FILE` can be written: its folder exists
 * and is writable, and FILE is not a folder. A long run must not end in an error
 * about the path it was given at the start.
 */
export async function checkOutPath(flag: string, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  if (path === '') throw new CliError(`${flag} needs a file name`, EXIT.invalidInput);
  const folder = dirname(resolve(path));
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo?.isDirectory()) {
    throw new CliError(`cannot write ${flag} ${path}: the folder ${folder} does not exist; nothing was run`, EXIT.invalidInput, 'create the folder first, or choose another path');
  }
  const writable = await access(folder, constants.W_OK).then(() => true, () => false);
  if (!writable) throw new CliError(`cannot write ${flag} ${path}: the folder ${folder} is not writable; nothing was run`, EXIT.invalidInput, 'choose another path');
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) throw new CliError(`cannot write ${flag} ${path}: it is a folder; nothing was run`, EXIT.invalidInput, 'give a file name');
}
