import type { ExperimentIssue } from '../issue';
import type { JsonPath } from '../json-path';

/** What cross-field checking of an objective yields. */
export interface ObjectiveCheck {
  /** Dimension d fixed by the objective, when it is well-formed enough to tell. */
  dim?: number;
  /** JSON path (or description) of what fixes d, quoted in shape messages; default `$.objective.A`. */
  dimSource?: string;
  issues: ExperimentIssue[];
}

/**
 * The behaviour of one objective kind beyond its zod schema. Each kind lives in its own
 * file, exporting its schema (registered in `schema.ts`) and one of these (registered in
 * `objectives/semantics.ts`).
 */
export interface ObjectiveKind<Input, Output> {
  /**
   * Checks that need more than the field's own type (shape, symmetry, lengths), on the raw,
   * possibly invalid, object so that they report even when other fields fail.
   */
  check(raw: Record<string, unknown>, path: JsonPath): ObjectiveCheck;
  /** The state dimension d of a valid objective. */
  dimension(parsed: Input): number;
  /** Fills defaults of a valid objective. */
  normalize(parsed: Input): Output;
}
