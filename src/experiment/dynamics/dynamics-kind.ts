import type { CheckContext } from '../check-context';
import type { ExperimentIssue } from '../issue';
import type { JsonPath } from '../json-path';

/** Fields every normalized dynamics item has, whatever its kind. */
export interface DynamicsBase {
  kind: string;
  /** Time step; `horizon / dt` must be a whole number of steps. */
  dt: number;
  label?: string;
}

/** A value a sweep may assign to a parameter. */
export type SweepValue = number | number[] | number[][];

/** Validates one candidate value for a sweepable parameter, with issues located at `path`. */
export type ParamCheck = (value: unknown, path: JsonPath, ctx: CheckContext) => ExperimentIssue[];

/**
 * The behaviour of one dynamics kind beyond its zod schema. Each kind lives in its own
 * file, exporting its schema (registered in `schema.ts`) and one of these (registered in
 * `dynamics/semantics.ts`).
 */
export interface DynamicsKind<Input, Output extends DynamicsBase, Param extends string> {
  /** Cross-field checks on the raw, possibly invalid, item (shapes against d, objective requirements). */
  check(raw: Record<string, unknown>, path: JsonPath, ctx: CheckContext): ExperimentIssue[];
  /** The parameters a sweep may vary, each validated exactly like the field itself. */
  params: Record<Param, ParamCheck>;
  /** Fills defaults and derived fields of a valid item. */
  normalize(parsed: Input, dim: number): Output;
  /** A copy of `item` with a validated swept value applied to `param`. */
  withParam(item: Output, param: Param, value: SweepValue, dim: number): Output;
}
