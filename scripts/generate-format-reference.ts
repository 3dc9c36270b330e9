// Writes the JSON Schema of experiment files (schema/experiment.schema.json) and the
// format reference (docs/experiment-format.md), both generated from the zod schemas
// (src/experiment/json-schema.ts, src/experiment/format-reference.ts):
//   npm run format-reference        (writes both files)
//   npm run format-reference:check  (exits 1 naming a stale file)
// With --check it writes nothing, and exits 1 naming each committed file that differs
// from what would be generated.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPERIMENT_SCHEMA_FILE, experimentJsonSchema, experimentJsonSchemaText } from '../src/experiment/json-schema';
import { FORMAT_REFERENCE_COMMAND, FORMAT_REFERENCE_FILE, formatReferenceMarkdown } from '../src/experiment/format-reference';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--check');
if (unknown.length > 0) {
  console.error(`unknown argument ${unknown[0]}; usage: ${FORMAT_REFERENCE_COMMAND} [--check]`);
  process.exit(2);
}
const check = args.includes('--check');

const root = fileURLToPath(new URL('..', import.meta.url));
const files = [
  { path: EXPERIMENT_SCHEMA_FILE, text: experimentJsonSchemaText() },
  { path: FORMAT_REFERENCE_FILE, text: formatReferenceMarkdown(experimentJsonSchema()) },
];

const read = (path: string) => {
  try {
    return readFileSync(root + path, 'utf8');
  } catch {
    return undefined;
  }
};

if (check) {
  const stale = files.filter(({ path, text }) => read(path) !== text);
  for (const { path } of stale) console.error(`${path} is stale: regenerate it with ${FORMAT_REFERENCE_COMMAND}`);
  if (stale.length === 0) console.log(`${files.map((f) => f.path).join(' and ')} are up to date`);
  process.exit(stale.length === 0 ? 0 : 1);
}

for (const { path, text } of files) {
  const unchanged = read(path) === text;
  if (!unchanged) {
    mkdirSync(dirname(root + path), { recursive: true });
    writeFileSync(root + path, text);
  }
  console.log(`${path}: ${unchanged ? 'unchanged' : 'written'} (${Buffer.byteLength(text)} bytes)`);
}
