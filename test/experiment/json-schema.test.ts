import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { expandRuns, parseExperiment } from '../../src/experiment';
import { FORMAT_REFERENCE_COMMAND, FORMAT_REFERENCE_FILE, formatReferenceMarkdown } from '../../src/experiment/format-reference';
import { EXAMPLE_SCHEMA_REFERENCE, EXPERIMENT_SCHEMA_FILE, experimentJsonSchema, experimentJsonSchemaText, type JsonSchema } from '../../src/experiment/json-schema';
import { DYNAMICS_LIST, NOISE_LIST, OBJECTIVE_LIST } from '../../src/registry';
import { experimentHash } from '../../src/run/experiment-hash';
import { seeds } from '../fuzz/seeds';
import { exampleFile } from '../support/example-experiment';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = readdirSync(`${ROOT}experiments`).filter((name) => name.endsWith('.json')).sort();
const committed = (path: string) => (existsSync(ROOT + path) ? readFileSync(ROOT + path, 'utf8') : '(missing)');

let validator: ReturnType<Ajv2020['compile']> | undefined;

/** A strict validator of the committed schema (compiled once): every keyword must be one ajv knows (plus VS Code's enumDescriptions). */
function committedValidator() {
  if (validator !== undefined) return validator;
  // strictRequired would refuse `oneOf: [{ required: ["steps"] }, …]`, which names properties declared one level up.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(['enumDescriptions']);
  return (validator = ajv.compile(JSON.parse(committed(EXPERIMENT_SCHEMA_FILE))));
}

const clone = <T>(value: T): T => structuredClone(value);

describe('the JSON Schema of experiment files', () => {
  it('the committed JSON Schema and format reference are what the zod schemas generate', () => {
    const stale = `is stale: regenerate it with ${FORMAT_REFERENCE_COMMAND}`;
    expect(committed(EXPERIMENT_SCHEMA_FILE), `${EXPERIMENT_SCHEMA_FILE} ${stale}`).toBe(experimentJsonSchemaText());
    expect(committed(FORMAT_REFERENCE_FILE), `${FORMAT_REFERENCE_FILE} ${stale}`).toBe(formatReferenceMarkdown());
  });

  it('every example experiment validates against the JSON Schema, and names it in $schema', () => {
    const validate = committedValidator();
    for (const name of EXAMPLES) {
      const doc = exampleFile(name.replace(/\.json$/, ''));
      expect(validate(doc), `experiments/${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      expect(doc.$schema, `experiments/${name} names the schema`).toBe(EXAMPLE_SCHEMA_REFERENCE);
    }
    expect(existsSync(fileURLToPath(new URL(EXAMPLE_SCHEMA_REFERENCE, `file://${ROOT}experiments/`)))).toBe(true);
  });

  it('the valid files the fuzzer starts from (kinds and fields the examples leave out) validate too', () => {
    const validate = committedValidator();
    for (const seed of seeds()) {
      expect(parseExperiment(seed.doc).ok, seed.name).toBe(true);
      expect(validate(seed.doc), `${seed.name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('offers every registry kind as a oneOf member with a constant kind, so editors complete parameters per kind', () => {
    const schema = experimentJsonSchema();
    const properties = schema.properties as Record<string, JsonSchema>;
    const kinds = (union: JsonSchema) =>
      (union.oneOf as JsonSchema[]).map((member) => {
        expect(member.additionalProperties, 'unknown keys are refused').toBe(false);
        expect(typeof member.description).toBe('string');
        return (member.properties as Record<string, JsonSchema>).kind.const;
      });
    expect(kinds(properties.objective)).toEqual(OBJECTIVE_LIST.map((d) => d.kind));
    expect(kinds(properties.noise)).toEqual(NOISE_LIST.map((d) => d.kind));
    expect(kinds(properties.dynamics.items as JsonSchema)).toEqual(DYNAMICS_LIST.map((d) => d.kind));
    // Every field of every kind says what it is.
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const fields = (node as JsonSchema).properties as Record<string, JsonSchema> | undefined;
      for (const [name, field] of Object.entries(fields ?? {})) if (name !== 'kind' && typeof field.description !== 'string') undescribed.push(`${path}/properties/${name}`);
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(undescribed).toEqual([]);
  });
});

describe('the JSON Schema rejects what zod rejects', () => {
  const base = exampleFile('ou-1d');
  const mutants: { what: string; change: (doc: Record<string, any>) => void; at: string }[] = [
    { what: 'an unknown dynamics kind', change: (d) => void (d.dynamics[0].kind = 'adam'), at: '/dynamics/0' },
    { what: 'an unknown objective kind', change: (d) => void (d.objective.kind = 'Quadratic'), at: '/objective' },
    { what: 'negative trajectories', change: (d) => void (d.trajectories = -5), at: '/trajectories' },
    { what: 'fractional trajectories', change: (d) => void (d.trajectories = 2.5), at: '/trajectories' },
    { what: 'a missing required field (x0)', change: (d) => void delete d.x0, at: '' },
    { what: 'a missing required field of a kind (objective.A)', change: (d) => void delete d.objective.A, at: '/objective' },
    { what: 'a wrong type (steps as a string)', change: (d) => void (d.steps = '100'), at: '/steps' },
    { what: 'a wrong type ($schema as a number)', change: (d) => void (d.$schema = 1), at: '/$schema' },
    { what: 'an unknown key', change: (d) => void (d.trajectores = 10), at: '' },
    { what: 'an unknown key inside a kind', change: (d) => void (d.dynamics[0].sigmaa = 1), at: '/dynamics/0' },
    { what: 'an unsupported observable', change: (d) => void (d.record = { observables: ['mean', 'median'] }), at: '/record/observables/1' },
    { what: 'neither steps nor horizon', change: (d) => void delete d.steps, at: '' },
    { what: 'both steps and horizon', change: (d) => void (d.horizon = 1), at: '' },
    { what: 'a step-size schedule of unknown kind', change: (d) => void (d.dynamics = [{ kind: 'sgd', lr: { kind: 'cosine', initial: 0.1 } }]), at: '/dynamics/0/lr' },
    { what: 'a batch size of 0', change: (d) => void (d.noise = { kind: 'rademacher', scale: 1, batchSize: 0 }), at: '/noise' },
    { what: 'a momentum of 1', change: (d) => void (d.dynamics = [{ kind: 'heavy-ball', lr: 0.1, beta: 1 }]), at: '/dynamics/0' },
    { what: 'an empty dynamics list', change: (d) => void (d.dynamics = []), at: '/dynamics' },
  ];

  it('the base file is accepted by both', () => {
    const validate = committedValidator();
    expect(parseExperiment(base).ok).toBe(true);
    expect(validate(base), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(mutants)('$what', ({ change, at }) => {
    const doc = clone(base);
    change(doc);
    expect(parseExperiment(doc).ok, 'zod and the cross-field checks reject it').toBe(false);
    const validate = committedValidator();
    expect(validate(doc), 'the JSON Schema rejects it').toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(
      paths.some((path) => path === at || path.startsWith(`${at}/`)),
      `an error at or below ${at || 'the root'}, found ${JSON.stringify(paths)}`,
    ).toBe(true);
  });
});

describe('$schema', () => {
  it('a file naming its schema in $schema runs the same as one without', () => {
    const { $schema, ...without } = exampleFile('ou-showcase');
    expect($schema).toBe(EXAMPLE_SCHEMA_REFERENCE);
    const named = parseExperiment({ $schema: 'https://example.org/any/other/experiment.schema.json', ...without });
    const plain = parseExperiment(without);
    const committedFile = parseExperiment(exampleFile('ou-showcase'));
    if (!named.ok || !plain.ok || !committedFile.ok) throw new Error('ou-showcase does not parse');
    expect(named.experiment).toEqual(plain.experiment);
    expect(committedFile.experiment).toEqual(plain.experiment);
    expect('$schema' in named.experiment).toBe(false);
    expect(experimentHash(named.experiment)).toBe(experimentHash(plain.experiment));
    expect(expandRuns(named.experiment)).toEqual(expandRuns(plain.experiment));
  });

  it('must be a string when given, and is reported at its path', () => {
    const result = parseExperiment({ ...exampleFile('ou-1d'), $schema: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['$.$schema']);
  });
});
