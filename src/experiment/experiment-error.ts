import type { ExperimentIssue } from './issue';

/** Formats issues one per line as `path: message`. */
export function formatIssues(issues: readonly ExperimentIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n');
}

/** Thrown by `assertExperiment` when an experiment is invalid; carries every issue found. */
export class ExperimentError extends Error {
  /** All problems found, in document order of discovery. */
  readonly issues: ExperimentIssue[];

  constructor(issues: ExperimentIssue[]) {
    super(formatIssues(issues));
    this.name = 'ExperimentError';
    this.issues = issues;
  }
}
