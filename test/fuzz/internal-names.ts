import { readFileSync } from 'node:fs';

/**
 * Internal identifiers in a user-facing message: camelCase words (`psdFactor`,
 * `minibatchForRun`) that are not names of the experiment format. Field names
 * and values a user writes in a file (`batchSize`, `randomScale`) may appear;
 * they are read from the format's JSON Schema, so a word counts as internal
 * only when no experiment file could contain it; quoted text echoes the file.
 */
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g;
const JSON_PATH = /\$[\w.[\]"-]*/g;
/** What the user wrote, echoed back in quotes. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/** Every property name and string constant of the experiment schema. */
function formatNames(): Set<string> {
  const schema = JSON.parse(readFileSync(new URL('../../schema/experiment.schema.json', import.meta.url), 'utf8'));
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((k) => names.add(k));
      if ((key === 'const' || key === 'enum') && value !== undefined) [value].flat().forEach((v) => typeof v === 'string' && names.add(v));
      walk(value);
    }
  };
  walk(schema);
  return names;
}

const FORMAT_NAMES = formatNames();

export function internalNames(message: string): string[] {
  const words = message.replace(QUOTED, ' ').replace(JSON_PATH, ' ').match(CAMEL_CASE) ?? [];
  return words.filter((w) => !FORMAT_NAMES.has(w));
}
