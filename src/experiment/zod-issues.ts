import type { z } from 'zod';
import { describeValue } from './describe-value';
import { issueAt, type ExperimentIssue } from './issue';
import type { JsonPath, JsonPathSegment } from './json-path';

type RawIssue = z.core.$ZodRawIssue;
type FinalIssue = z.core.$ZodIssue;

const EXPECTED_NAMES: Record<string, string> = {
  number: 'a finite number',
  int: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

function bound(inclusive: boolean | undefined, below: boolean, words: boolean): string {
  if (words) {
    if (below) return inclusive ? 'at least' : 'more than';
    return inclusive ? 'at most' : 'fewer than';
  }
  if (below) return inclusive ? '≥' : '>';
  return inclusive ? '≤' : '<';
}

function sizeMessage(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const below = issue.code === 'too_small';
  const limit = below ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
  const input = issue.input;
  if (issue.origin === 'array' || issue.origin === 'set') {
    const count = Array.isArray(input) ? input.length : '?';
    return `expected ${bound(issue.inclusive, below, true)} ${limit} ${limit === 1 ? 'entry' : 'entries'}, found ${count}`;
  }
  if (issue.origin === 'string') {
    if (below && issue.inclusive && limit === 1) return `expected a non-empty string, found ${describeValue(input)}`;
    return `expected a string of ${bound(issue.inclusive, below, true)} ${limit} characters, found ${describeValue(input)}`;
  }
  return `expected a number ${bound(issue.inclusive, below, false)} ${limit}, found ${describeValue(input)}`;
}

function discriminatorMessage(issue: RawIssue): string | undefined {
  const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
  if (discriminator === undefined || options === undefined) return undefined;
  const input = issue.input;
  const found =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? describeValue((input as Record<string, unknown>)[discriminator])
      : describeValue(input);
  const allowed = options.map((option) => JSON.stringify(option)).join(', ');
  return `expected "${discriminator}" to be one of ${allowed}, found ${found}`;
}

/**
 * Per-parse zod error map: phrases every issue as "expected …, found …". Schema-level
 * messages (set where a field needs its own wording) take precedence over this map.
 */
export function formatZodIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return `expected ${expected}, found ${describeValue(issue.input)}`;
    }
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_value': {
      const allowed = issue.values.map((value) => JSON.stringify(value));
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      return `expected ${expected}, found ${describeValue(issue.input)}`;
    }
    case 'invalid_union':
      return discriminatorMessage(issue) ?? `expected one of the allowed forms, found ${describeValue(issue.input)}`;
    default:
      return undefined;
  }
}

/** Options for `safeParse` that make zod phrase issues with {@link formatZodIssue}. */
export const zodParseOptions = { error: formatZodIssue } as const;

function issueDepth(issues: readonly FinalIssue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}

function toSegments(path: readonly PropertyKey[]): JsonPathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/**
 * Converts zod issues to experiment issues, with paths prefixed by `base`.
 * A failed union whose branches all failed is reported through the branch that got
 * furthest into the value (the likeliest intended form); if none got past the value
 * itself, the union's own message is used.
 */
export function fromZodIssues(issues: readonly FinalIssue[], base: JsonPath = []): ExperimentIssue[] {
  const out: ExperimentIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...toSegments(issue.path)];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const depths = issue.errors.map(issueDepth);
      const deepest = Math.max(...depths);
      if (deepest > 0) {
        out.push(...fromZodIssues(issue.errors[depths.indexOf(deepest)], path));
        continue;
      }
    }
    out.push(issueAt(path, issue.message));
  }
  return out;
}

/** Validates `value` against `schema`, returning its issues (empty when valid) located under `path`. */
export function validateWith(schema: z.ZodType, value: unknown, path: JsonPath): ExperimentIssue[] {
  const result = schema.safeParse(value, zodParseOptions);
  return result.success ? [] : fromZodIssues(result.error.issues, path);
}
