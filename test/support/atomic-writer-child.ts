/**
 * Child process of test/cli/checkpoint-resume.test.ts: writes two large versions
 * of a file in turn through writeAtomically, printing a line after each, until it
 * is killed (SIGKILL, mid-write as often as not).
 */
import { writeAtomically } from '../../src/cli/atomic-write';

const [path] = process.argv.slice(2);
const version = (tag: string) => JSON.stringify({ tag, filler: tag.repeat(4 * 2 ** 20) }) + '\n';
const texts = [version('A'), version('B')];
for (let i = 0; ; i++) {
  await writeAtomically(path, texts[i % 2]);
  process.stdout.write(`wrote ${i}\n`);
}
