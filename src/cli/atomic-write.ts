import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes `text` to `path` through a temporary file in the same folder, flushed to
 * disk, then renamed over `path`: a process killed mid-write (Ctrl-C twice, a
 * preempted pod, a full volume) leaves the previous file whole, never a truncated
 * one — what part files and checkpoints rely on.
 */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
}
