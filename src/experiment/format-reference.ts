/**
 * The reference page of the experiment-file format (docs/experiment-format.md), written
 * by walking the JSON Schema that json-schema.ts generates from the zod schemas: every
 * field, kind, default, bound and description comes from there, in the schemas' order
 * (kinds as the registry lists them). Only the page's outline — which top-level field
 * gets a section of its own — is stated here.
 */
import { F32_MAX } from './numbers';
import { EXAMPLE_SCHEMA_REFERENCE, EXPERIMENT_SCHEMA_FILE, experimentJsonSchema, type JsonSchema } from './json-schema';

/** The command that writes this page and the JSON Schema (scripts/generate-format-reference.ts). */
export const FORMAT_REFERENCE_COMMAND = 'npm run format-reference';

/** Where the page is committed, relative to the repository root. */
export const FORMAT_REFERENCE_FILE = 'docs/experiment-format.md';

/** Top-level fields that get a section of their own, in page order, with the section's title. */
const FIELD_SECTIONS: readonly { field: string; title: string }[] = [
  { field: 'objective', title: 'Objectives' },
  { field: 'noise', title: 'Gradient noise' },
  { field: 'dynamics', title: 'Dynamics' },
  { field: 'x0', title: 'Initial state' },
  { field: 'record', title: 'Recording' },
  { field: 'escape', title: 'Escape' },
];

type Properties = Record<string, JsonSchema>;

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `$ref`s below `schema`, in document order. */
function* refsIn(schema: unknown): Generator<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) yield* refsIn(item);
  } else if (isSchema(schema)) {
    if (typeof schema.$ref === 'string') yield schema.$ref;
    for (const value of Object.values(schema)) yield* refsIn(value);
  }
}

/** GitHub's anchor of a heading. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** Text for a table cell: pipes escaped, on one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const code = (text: string) => `\`${text}\``;

/** The page as it is being written, with what it needs to resolve `$ref`s. */
class Page {
  readonly lines: string[] = [];
  constructor(readonly root: JsonSchema) {}

  /** The `$defs` entry a `$ref` names. */
  def(ref: string): { name: string; schema: JsonSchema } {
    const name = ref.replace(/^#\/\$defs\//, '');
    const schema = (this.root.$defs as Record<string, JsonSchema> | undefined)?.[name];
    if (!isSchema(schema)) throw new Error(`unresolved $ref ${ref}`);
    return { name, schema };
  }

  /** A schema with its `$ref` followed (its own keywords, such as a description, win). */
  resolve(schema: JsonSchema): JsonSchema {
    return typeof schema.$ref === 'string' ? { ...this.def(schema.$ref).schema, ...schema } : schema;
  }

  /** A link to a `$defs` entry's section. */
  defLink(ref: string): string {
    const { schema } = this.def(ref);
    const title = String(schema.title);
    return `[${title.toLowerCase()}](#${anchor(title)})`;
  }

  push(...lines: string[]): void {
    this.lines.push(...lines);
  }
}

/** The alternatives of a union, nested unions flattened; undefined when `schema` is not a union. */
function alternatives(schema: JsonSchema): JsonSchema[] | undefined {
  const list = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (!Array.isArray(list) || schema.properties !== undefined) return undefined;
  return list.flatMap((alternative) => alternatives(alternative) ?? [alternative]);
}

/** The `kind` of an object schema whose `kind` is a constant. */
function kindOf(schema: JsonSchema): string | undefined {
  const kind = (schema.properties as Properties | undefined)?.kind?.const;
  return typeof kind === 'string' ? kind : undefined;
}

/** A union with at least one object member selected by `kind`. */
const isKindUnion = (schema: JsonSchema) => (alternatives(schema) ?? []).some((a) => kindOf(a) !== undefined);

/** Whether a number bound is only the float32 range or the largest safe integer (stated once, in the intro). */
const isImplicitBound = (value: unknown) => value === F32_MAX || value === -F32_MAX || value === Number.MAX_SAFE_INTEGER;

function typeText(page: Page, schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') return page.defLink(schema.$ref);
  if (schema.const !== undefined) return code(JSON.stringify(schema.const));
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => code(JSON.stringify(v))).join(' | ');
  const list = alternatives(schema);
  if (list !== undefined) {
    const others = list.filter((a) => kindOf(a) === undefined).map((a) => typeText(page, a));
    if (list.some((a) => kindOf(a) !== undefined)) others.push(`object selected by ${code('kind')} (below)`);
    return others.join(' | ');
  }
  const type = schema.type;
  if (Array.isArray(type)) return type.join(' | ');
  if (type === 'array') {
    if (Array.isArray(schema.prefixItems)) return `[${(schema.prefixItems as JsonSchema[]).map((item) => typeText(page, item)).join(', ')}]`;
    const items = isSchema(schema.items) ? schema.items : {};
    if (Array.isArray(items.enumDescriptions)) return 'array of the values below';
    if (isKindUnion(items)) return `array of objects selected by ${code('kind')} (below)`;
    const inner = typeText(page, items);
    return /^[\w[\]]+$/.test(inner) ? `${inner}[]` : `array of ${inner}`;
  }
  if (type === 'object') {
    const values = schema.additionalProperties;
    if (isSchema(values)) return isKindUnion(values) ? `map of names to objects selected by ${code('kind')} (below)` : `map of names to ${typeText(page, values)}`;
    return 'object';
  }
  return typeof type === 'string' ? type : 'any';
}

function numberBounds(schema: JsonSchema): string {
  const lo = isImplicitBound(schema.minimum) ? undefined : schema.minimum;
  const loOpen = schema.exclusiveMinimum;
  const hi = isImplicitBound(schema.maximum) ? undefined : schema.maximum;
  const hiOpen = schema.exclusiveMaximum;
  const low = loOpen !== undefined ? { value: loOpen, open: true } : lo !== undefined ? { value: lo, open: false } : undefined;
  const high = hiOpen !== undefined ? { value: hiOpen, open: true } : hi !== undefined ? { value: hi, open: false } : undefined;
  if (low && high) return `${low.open ? '(' : '['}${low.value}, ${high.value}${high.open ? ')' : ']'}`;
  if (low) return `${low.open ? '>' : '≥'} ${low.value}`;
  if (high) return `${high.open ? '<' : '≤'} ${high.value}`;
  return '';
}

function lengthBounds(schema: JsonSchema, unit: string): string {
  const min = schema.minItems as number | undefined;
  const max = schema.maxItems as number | undefined;
  if (min !== undefined && max !== undefined) return min === max ? `${min} ${unit}` : `${min}–${max} ${unit}`;
  if (min === 1) return 'non-empty';
  if (min !== undefined) return `≥ ${min} ${unit}`;
  if (max !== undefined) return `≤ ${max} ${unit}`;
  return '';
}

function boundsText(page: Page, schema: JsonSchema): string {
  if (typeof schema.$ref === 'string' || schema.const !== undefined || schema.enum !== undefined) return '';
  const list = alternatives(schema);
  if (list !== undefined) {
    return list
      .filter((a) => kindOf(a) === undefined)
      .map((a) => [typeText(page, a), boundsText(page, a)])
      .filter(([, bounds]) => bounds !== '')
      .map(([type, bounds]) => `${type}: ${bounds}`)
      .join('; ');
  }
  if (schema.type === 'number' || schema.type === 'integer') return numberBounds(schema);
  if (schema.type === 'string') return schema.minLength === 1 ? 'non-empty' : schema.minLength !== undefined ? `≥ ${schema.minLength} characters` : '';
  if (schema.type === 'array') {
    if (Array.isArray(schema.prefixItems)) {
      const each = [...new Set((schema.prefixItems as JsonSchema[]).map((item) => boundsText(page, item)))];
      return each.length === 1 && each[0] !== '' ? `each ${each[0]}` : '';
    }
    const items = isSchema(schema.items) ? schema.items : {};
    const entries = boundsText(page, items);
    const nested = items.type === 'array' && kindOf(items) === undefined;
    const length = lengthBounds(schema, 'entries');
    const parts = [nested && length === 'non-empty' && entries.startsWith('non-empty') ? 'non-empty rows' : length];
    if (entries !== '' && !(nested && entries === 'non-empty')) parts.push(nested ? `rows ${entries}` : `entries ${entries}`);
    return parts.filter((p) => p !== '').join(', ');
  }
  if (schema.type === 'object' && isSchema(schema.additionalProperties)) {
    const names = isSchema(schema.propertyNames) && schema.propertyNames.minLength === 1 ? 'names non-empty' : '';
    const values = isKindUnion(schema.additionalProperties) ? '' : boundsText(page, schema.additionalProperties);
    return [names, values === '' ? '' : `values ${values}`].filter((p) => p !== '').join(', ');
  }
  return '';
}

interface Row {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/**
 * The fields of an object schema, the fields of nested objects as `parent.child` after
 * their parent (except those named in `own`, which have a section of their own).
 */
function rows(page: Page, schema: JsonSchema, own: Record<string, string>, prefix = ''): Row[] {
  const properties = (schema.properties ?? {}) as Properties;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, property]) => {
    const row = { name: `${prefix}${name}`, schema: property, required: required.has(name) };
    const resolved = page.resolve(property);
    const nested = resolved.type === 'object' && resolved.properties !== undefined && alternatives(resolved) === undefined && own[row.name] === undefined;
    return nested ? [row, ...rows(page, resolved, own, `${row.name}.`)] : [row];
  });
}

/** A schema's description, or nothing. */
function descriptionText(schema: JsonSchema): string {
  return typeof schema.description === 'string' ? schema.description : '';
}

/** Writes a table of an object schema's fields, then the kind unions and enums its fields hold. */
function fieldTable(page: Page, schema: JsonSchema, level: number, links: Record<string, string> = {}): void {
  const list = rows(page, schema, links);
  page.push('| Field | Type | Required | Default | Bounds | Description |', '| --- | --- | --- | --- | --- | --- |');
  for (const { name, schema: field, required } of list) {
    const type = links[name] ?? typeText(page, field);
    const bounds = links[name] !== undefined && isKindUnion(page.resolve(field)) ? '' : boundsText(page, field);
    const defaultText = field.default === undefined ? '' : code(JSON.stringify(field.default));
    page.push(`| ${code(name)} | ${cell(type)} | ${required ? 'yes' : 'no'} | ${cell(defaultText)} | ${cell(bounds)} | ${cell(descriptionText(field))} |`);
  }
  page.push('');
  for (const { name, schema: field } of list) {
    if (links[name] !== undefined) continue;
    const resolved = page.resolve(field);
    const inner = resolved.type === 'array' && isSchema(resolved.items) ? resolved.items : resolved.type === 'object' && isSchema(resolved.additionalProperties) ? resolved.additionalProperties : resolved;
    if (isKindUnion(inner) && typeof field.$ref !== 'string') {
      page.push(`${'#'.repeat(level)} ${code(name)}`, '');
      if (descriptionText(field) !== '') page.push(descriptionText(field), '');
      kindUnion(page, inner, level + 1);
    }
    if (Array.isArray(inner.enum) && Array.isArray(inner.enumDescriptions)) {
      page.push(`${'#'.repeat(level)} ${code(name)} values`, '', '| Value | Meaning |', '| --- | --- |');
      inner.enum.forEach((value, i) => page.push(`| ${code(JSON.stringify(value))} | ${cell(String((inner.enumDescriptions as unknown[])[i]))} |`));
      page.push('');
    }
  }
}

/** Writes a union: its other alternatives as a list, then one section per kind. */
function kindUnion(page: Page, schema: JsonSchema, level: number): void {
  const list = alternatives(schema) ?? [];
  const others = list.filter((a) => kindOf(a) === undefined);
  if (others.length > 0) {
    page.push('Either', '');
    for (const other of others) {
      const bounds = boundsText(page, other);
      page.push(`- ${typeText(page, other)}${bounds === '' ? '' : ` (${bounds})`}${descriptionText(other) === '' ? '' : `: ${descriptionText(other)}`}`);
    }
    page.push(`- or an object selected by ${code('kind')}:`, '');
  }
  for (const member of list.filter((a) => kindOf(a) !== undefined)) {
    page.push(`${'#'.repeat(level)} ${code(kindOf(member)!)}`, '');
    if (descriptionText(member) !== '') page.push(descriptionText(member), '');
    if (Array.isArray(member.oneOf)) {
      const rules = (member.oneOf as JsonSchema[]).map((rule) => (rule.required as string[]).map(code).join(', '));
      page.push(`Exactly one of ${rules.join(' and ')} is given.`, '');
    }
    fieldTable(page, member, level + 1);
  }
}

/** Writes the section of a top-level field (or of a `$defs` entry). */
function section(page: Page, title: string, schema: JsonSchema, field?: string): void {
  page.push(`## ${title}`, '');
  const intro = field === undefined ? descriptionText(schema) : `${code(field)}: ${descriptionText(schema)}`;
  if (intro !== '') page.push(intro, '');
  const resolved = page.resolve(schema);
  const body = resolved.type === 'array' && isSchema(resolved.items) ? resolved.items : resolved;
  if (resolved !== body) page.push(`An array (${lengthBounds(resolved, 'items')}), each item one of the kinds below.`, '');
  if (alternatives(body) !== undefined) kindUnion(page, body, 3);
  else fieldTable(page, body, 3);
}

/**
 * The Markdown reference of the experiment-file format, generated from
 * {@link experimentJsonSchema}: the top-level fields, then a section per kind union
 * (objectives, noise, dynamics, step sizes, batch sizes, x0, record, escape) with a
 * table of each kind's fields.
 */
export function formatReferenceMarkdown(schema: JsonSchema = experimentJsonSchema()): string {
  const page = new Page(schema);
  const properties = schema.properties as Properties;
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  // Each shared definition follows the first section that refers to it (the rest come last).
  const placed = new Set<string>();
  const defSections = (within: unknown) =>
    [...refsIn(within), ...(within === undefined ? Object.keys(defs).map((name) => `#/$defs/${name}`) : [])]
      .map((ref) => ref.replace(/^#\/\$defs\//, ''))
      .filter((name) => Object.hasOwn(defs, name) && !placed.has(name) && placed.add(name))
      .map((name) => ({ title: String(defs[name].title), schema: defs[name], field: undefined as string | undefined }));
  const sections = [
    ...FIELD_SECTIONS.flatMap(({ field, title }) => {
      if (!isSchema(properties[field])) throw new Error(`no top-level field ${field} for its section`);
      return [{ title, schema: properties[field], field: field as string | undefined }, ...defSections(properties[field])];
    }),
    ...defSections(undefined),
  ];
  const links = Object.fromEntries(FIELD_SECTIONS.map(({ field, title }) => [field, `[${title.toLowerCase()}](#${anchor(title)})`]));

  page.push(
    '# Experiment file format (v1)',
    '',
    `<!-- Generated by \`${FORMAT_REFERENCE_COMMAND}\`; do not edit by hand. -->`,
    '',
    `This page is generated from the zod schemas that validate experiment files (src/experiment/schema.ts, and the kinds listed in src/registry.ts), by \`${FORMAT_REFERENCE_COMMAND}\`. Do not edit it by hand: change the schemas' descriptions and regenerate. The same command writes the JSON Schema ${code(EXPERIMENT_SCHEMA_FILE)} (${String(schema.title)}, ${code(String(schema.$id))}); \`--check\` only compares.`,
    '',
    `A file may name that schema in ${code('"$schema"')}, so editors that read JSON Schema (VS Code, JetBrains IDEs, …) complete kinds and fields and flag mistakes as you type; sdeflow ignores the field. The files in experiments/ do:`,
    '',
    '```json',
    `{ "$schema": "${EXAMPLE_SCHEMA_REFERENCE}", "objective": { "kind": "double-well" }, … }`,
    '```',
    '',
    `The JSON Schema checks types, kinds, required fields and bounds. Rules that relate fields to each other — lengths against the state dimension d (fixed by the objective), symmetric or PSD matrices, ${code('horizon')} a whole number of steps of every ${code('dt')}, sweep parameters — are checked when sdeflow reads the file, with a message at the field's path.`,
    '',
    'Reading the tables:',
    '',
    `- Every number must be finite and within the float32 range ±${F32_MAX} (the GPU computes in f32); the Bounds column gives the further limits.`,
    '- Fields with a default may be left out. A required field of a nested object (`a.b`) is required when that object is given.',
    '- Unknown keys are errors, at every level.',
    '',
    `Sections: ${['Top-level fields', ...sections.map((s) => s.title)].map((title) => `[${title}](#${anchor(title)})`).join(' · ')}.`,
    '',
    '## Top-level fields',
    '',
  );
  fieldTable(page, schema, 3, links);
  if (Array.isArray(schema.oneOf)) {
    const rules = (schema.oneOf as JsonSchema[]).map((rule) => (rule.required as string[]).map(code).join(', '));
    page.push(`Exactly one of ${rules.join(' and ')} is given.`, '');
  }
  for (const { title, schema: sectionSchema, field } of sections) section(page, title, sectionSchema, field);
  return `${page.lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
