import type { CheckContext } from './check-context';
import { issueAt, type ExperimentIssue } from './issue';
import type { JsonPath } from './json-path';

function dimNote(ctx: CheckContext): string {
  return `d = ${ctx.dim}, the size of ${ctx.dimSource}`;
}

/** An array whose length must be d: one issue at `path` if it is not (skipped while d is unknown). */
export function checkVectorLength(value: readonly unknown[], path: JsonPath, ctx: CheckContext): ExperimentIssue[] {
  if (ctx.dim === undefined || value.length === ctx.dim) return [];
  return [issueAt(path, `expected ${ctx.dim} entries (${dimNote(ctx)}), found ${value.length}`)];
}

/**
 * An array of rows that must be d×d: an issue at `path` for a wrong row count and one at
 * `path[i]` for each row of the wrong length (skipped while d is unknown).
 */
export function checkMatrixShape(rows: readonly (readonly unknown[])[], path: JsonPath, ctx: CheckContext): ExperimentIssue[] {
  const d = ctx.dim;
  if (d === undefined) return [];
  const issues: ExperimentIssue[] = [];
  if (rows.length !== d) {
    issues.push(issueAt(path, `expected a ${d}×${d} matrix (${dimNote(ctx)}), found ${rows.length} rows`));
  }
  rows.forEach((row, i) => {
    if (row.length !== d) {
      issues.push(issueAt([...path, i], `expected a row of ${d} entries (${dimNote(ctx)}), found ${row.length}`));
    }
  });
  return issues;
}
