import { expect } from 'vitest';
import { parseExperiment, type Experiment, type ExperimentIssue } from '../../src/experiment/index';

/** A minimal valid 2-D experiment; tests override fields to break it one way at a time. */
export function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]] },
    dynamics: [{ kind: 'gradient-sde', dt: 0.1, sigma: 1 }],
    x0: [0, 0],
    trajectories: 1024,
    steps: 10,
    ...overrides,
  };
}

/** Parses input that must be valid, failing the test with its issues otherwise. */
export function parseValid(input: unknown): Experiment {
  const result = parseExperiment(input);
  if (!result.ok) expect.fail(`expected a valid experiment, got:\n${result.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return result.experiment;
}

/** Parses input that must be invalid and returns its issues. */
export function issuesOf(input: unknown): ExperimentIssue[] {
  const result = parseExperiment(input);
  if (result.ok) expect.fail('expected the experiment to be rejected, but it parsed');
  return result.issues;
}

/** Asserts that `issues` holds exactly one issue at `path`, whose message matches `message`; returns it. */
export function expectIssueAt(issues: ExperimentIssue[], path: string, message?: RegExp): ExperimentIssue {
  const found = issues.filter((issue) => issue.path === path);
  expect(found, `issues at ${path} among ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  if (message) expect(found[0].message).toMatch(message);
  return found[0];
}
