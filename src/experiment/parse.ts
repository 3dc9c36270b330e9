import { checkExperiment } from './check';
import type { Experiment } from './experiment';
import { ExperimentError } from './experiment-error';
import { issueAt, type ExperimentIssue } from './issue';
import { normalizeExperiment } from './normalize';
import { stabilityWarnings } from './stability-warnings';
import { checkNormalized } from './check-normalized';
import { experimentSchema } from './schema';
import { fromZodIssues, zodParseOptions } from './zod-issues';

/**
 * Outcome of parsing: the normalized experiment (with warnings about runs that will
 * run but diverge, e.g. a step beyond its stability limit), or every problem found.
 */
export type ParseResult = { ok: true; experiment: Experiment; warnings: ExperimentIssue[] } | { ok: false; issues: ExperimentIssue[] };

/**
 * Validates an experiment (already decoded from JSON) and normalizes it. All problems,
 * structural and cross-field, are collected before anything is built.
 */
export function parseExperiment(input: unknown): ParseResult {
  const structural = experimentSchema.safeParse(input, zodParseOptions);
  const issues = structural.success ? [] : fromZodIssues(structural.error.issues);
  issues.push(...checkExperiment(input));
  if (!structural.success || issues.length > 0) return { ok: false, issues };
  const experiment = normalizeExperiment(structural.data);
  const late = checkNormalized(experiment);
  return late.length > 0 ? { ok: false, issues: late } : { ok: true, experiment, warnings: stabilityWarnings(experiment) };
}

/** Like {@link parseExperiment}, but throws an {@link ExperimentError} listing every issue. */
export function assertExperiment(input: unknown): Experiment {
  const result = parseExperiment(input);
  if (!result.ok) throw new ExperimentError(result.issues);
  return result.experiment;
}

/** Parses experiment JSON text; invalid JSON is one issue at `$` carrying the parser's message. */
export function parseExperimentJson(text: string): ParseResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [issueAt([], `expected valid JSON, found a syntax error: ${reason}`)] };
  }
  return parseExperiment(input);
}
