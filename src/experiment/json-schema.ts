/**
 * The JSON Schema (draft 2020-12) of experiment files, generated from the zod schemas
 * that validate them (`experimentSchema` and the registry's kinds) by zod's
 * `toJSONSchema`, so editors complete and check files that name it in `"$schema"`.
 *
 * zod sees what the schemas accept as plain JSON types; what it cannot see is added here:
 * - `strictObject`s are loose objects with an unknown-key check at runtime: they get
 *   `additionalProperties: false`;
 * - each objective, noise and dynamics kind is described by its registry entry (title
 *   and citation);
 * - a `quadratic-sum` component without `kind` is a quadratic (zod's preprocess);
 * - two cross-field rules that are plain to state: exactly one of `steps` and `horizon`,
 *   and exactly one of `data` and `generate` (finite-sum objectives).
 * Other cross-field rules (dimensions, symmetry, horizon / dt, sweep parameters) stay
 * zod's and `check.ts`'s: a file the schema accepts can still be refused when it runs.
 *
 * Step sizes and batch sizes, shared by many kinds, are written once under `$defs`.
 */
import { z } from 'zod';
import { MAX_BATCH } from '../noise/minibatch';
import { sumComponentSchema } from '../objectives/quadratic-sum-components';
import { DYNAMICS_LIST, NOISE_LIST, OBJECTIVE_LIST } from '../registry';
import { batchSizeSchema } from '../schedules/batch-size';
import { scheduleSchema } from '../schedules/schedule';
import { experimentSchema } from './schema';
import { isStrictObject } from './strict-object';

/** A JSON Schema as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

/** The schema's `$id`. */
export const EXPERIMENT_SCHEMA_ID = 'urn:sdeflow:experiment-file:v1';

/** The schema's `title`. */
export const EXPERIMENT_SCHEMA_TITLE = 'sdeflow experiment file, format v1';

/** Where the schema is committed, relative to the repository root. */
export const EXPERIMENT_SCHEMA_FILE = 'schema/experiment.schema.json';

/** What files in experiments/ write in `"$schema"`: the committed schema, relative to them. */
export const EXAMPLE_SCHEMA_REFERENCE = `../${EXPERIMENT_SCHEMA_FILE}`;

/** Shared schemas written once, under `$defs/<id>`, with a title (the format reference's heading). */
const NAMED: ReadonlyMap<z.core.$ZodType, { id: string; title: string }> = new Map<z.core.$ZodType, { id: string; title: string }>([
  [scheduleSchema, { id: 'stepSize', title: 'Step size' }],
  [batchSizeSchema(MAX_BATCH), { id: 'batchSize', title: 'Batch size' }],
]);

/** The registry's entry of each kind's schema: its description in the JSON Schema. */
const KIND_ENTRIES: ReadonlyMap<z.core.$ZodType, { title: string; citation?: string }> = new Map(
  [...OBJECTIVE_LIST, ...NOISE_LIST, ...DYNAMICS_LIST].map((d) => [d.schema as z.core.$ZodType, d as { title: string; citation?: string }]),
);

/** Pairs of fields of which an object holds exactly one (checked by check.ts and the objectives' checks). */
const EXACTLY_ONE_OF: readonly (readonly [string, string])[] = [
  ['steps', 'horizon'],
  ['data', 'generate'],
];

/** Marks, while zod converts, the schema of a component whose `kind` defaults to quadratic; rewritten afterwards. */
const KIND_DEFAULT_MARK = 'x-sdeflow-kind-default';

/** The global registry's metadata (descriptions), plus the `id`s of {@link NAMED}. */
class NamedRegistry extends z.core.$ZodRegistry<Record<string, unknown>> {
  override get(schema: z.core.$ZodType): Record<string, unknown> | undefined {
    const meta = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
    const named = NAMED.get(schema);
    return named === undefined ? meta : { ...meta, ...named };
  }
}

/** A kind's description: its registry title as a sentence, with the citation. */
function describeKind(entry: { title: string; citation?: string }): string {
  const title = entry.title.charAt(0).toUpperCase() + entry.title.slice(1);
  return entry.citation ? `${title} (${entry.citation}).` : `${title}.`;
}

function override({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  if (isStrictObject(zodSchema)) jsonSchema.additionalProperties = false;
  const entry = KIND_ENTRIES.get(zodSchema);
  if (entry !== undefined && jsonSchema.description === undefined) jsonSchema.description = describeKind(entry);
  if (zodSchema === sumComponentSchema) jsonSchema[KIND_DEFAULT_MARK] = 'quadratic';
}

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every schema object below `schema` (itself included), parents before children. */
function* schemasIn(schema: unknown): Generator<JsonSchema> {
  if (Array.isArray(schema)) {
    for (const item of schema) yield* schemasIn(item);
    return;
  }
  if (!isSchema(schema)) return;
  yield schema;
  for (const value of Object.values(schema)) yield* schemasIn(value);
}

/** The member of a `oneOf` whose `kind` is the const `kind`. */
function memberOfKind(schema: JsonSchema, kind: string): JsonSchema | undefined {
  const members = Array.isArray(schema.oneOf) ? (schema.oneOf as JsonSchema[]) : [];
  return members.find((m) => (m.properties as Record<string, JsonSchema> | undefined)?.kind?.const === kind);
}

/** The rewrites that need the finished tree: defaulted kinds and exactly-one-of rules. */
function finish(root: JsonSchema): void {
  for (const schema of schemasIn(root)) {
    const kind = schema[KIND_DEFAULT_MARK];
    if (typeof kind === 'string') {
      delete schema[KIND_DEFAULT_MARK];
      const member = memberOfKind(schema, kind);
      if (member === undefined) throw new Error(`no member of kind "${kind}" to default to`);
      (member.properties as Record<string, JsonSchema>).kind.default = kind;
      member.required = (member.required as string[]).filter((name) => name !== 'kind');
    }
    const properties = schema.properties as Record<string, unknown> | undefined;
    if (properties === undefined || schema.oneOf !== undefined) continue;
    const rules = EXACTLY_ONE_OF.filter((pair) => pair.every((name) => Object.hasOwn(properties, name)));
    if (rules.length > 1) throw new Error(`more than one exactly-one-of rule applies to ${Object.keys(properties).join(', ')}`);
    if (rules.length === 1) schema.oneOf = rules[0].map((name) => ({ required: [name] }));
  }
}

/** Keywords in the order they are written; others follow in alphabetical order. */
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  '$ref',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'enumDescriptions',
  'default',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'minLength',
  'minItems',
  'maxItems',
  'prefixItems',
  'items',
  'properties',
  'required',
  'propertyNames',
  'additionalProperties',
  'anyOf',
  'oneOf',
  '$defs',
];

/** Keywords whose value maps names to schemas: their entries keep their order (the zod shape's), `$defs` sorted. */
const NAME_MAPS = new Set(['properties', '$defs']);

function rank(keyword: string): number {
  const at = KEYWORD_ORDER.indexOf(keyword);
  return at < 0 ? KEYWORD_ORDER.length : at;
}

/** A copy of `value` with every schema's keywords in a fixed order, so the file diffs well. */
function canonical(value: unknown, inNameMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item));
  if (!isSchema(value)) return value;
  const entries = Object.entries(value);
  if (!inNameMap) entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, inNameMap ? canonical(item) : NAME_MAPS.has(key) ? canonicalMap(key, item) : canonical(item)]));
}

function canonicalMap(keyword: string, map: unknown): unknown {
  if (!isSchema(map)) return canonical(map);
  const entries = Object.entries(map);
  if (keyword === '$defs') entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([name, schema]) => [name, canonical(schema)]));
}

/**
 * The JSON Schema of experiment files (format v1), as a fresh object: generated from
 * {@link experimentSchema} for inputs (fields with defaults are optional), keywords in a
 * fixed order. scripts/generate-format-reference.ts writes it to {@link EXPERIMENT_SCHEMA_FILE}.
 */
export function experimentJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(experimentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    metadata: new NamedRegistry(),
    override: override as (ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }) => void,
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  const schema: JsonSchema = {
    $schema,
    $id: EXPERIMENT_SCHEMA_ID,
    title: EXPERIMENT_SCHEMA_TITLE,
    description:
      'An experiment: an objective, gradient noise, the dynamics to simulate, the initial state, trajectories and duration, and what to record. Generated from the zod schemas of src/experiment/; cross-field rules (dimensions, symmetry, horizon / dt, sweep parameters) are checked when the experiment runs.',
    ...rest,
  };
  finish(schema);
  return canonical(schema) as JsonSchema;
}

/** The committed file's text: {@link experimentJsonSchema}, two-space indented, with a final newline. */
export function experimentJsonSchemaText(): string {
  return `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`;
}
