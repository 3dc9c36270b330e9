/**
 * The example experiment files under experiments/, for tests that run or inspect them:
 * the file as written, or parsed (with top-level fields overridden, e.g. a smaller
 * ensemble), failing with every issue's path when it does not validate.
 */
import { readFileSync } from 'node:fs';
import { parseExperimentJson, type Experiment } from '../../src/internal';

/** experiments/NAME.json as written (plain JSON). */
export function exampleFile(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../experiments/${name}.json`, import.meta.url), 'utf8'));
}

/** experiments/NAME.json parsed, with `overrides` replacing top-level fields first. */
export function exampleExperiment(name: string, overrides: Record<string, unknown> = {}): Experiment {
  const parsed = parseExperimentJson(JSON.stringify({ ...exampleFile(name), ...overrides }));
  if (!parsed.ok) throw new Error(`experiments/${name}.json: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return parsed.experiment;
}
