import type { ObjectiveInput } from '../schema';
import type { ObjectiveKind } from './objective-kind';
import { quadraticObjective, type QuadraticObjective } from './quadratic';

/** A normalized objective (union over all kinds). */
export type Objective = QuadraticObjective;

type Kinds = { [K in ObjectiveInput['kind']]: ObjectiveKind<Extract<ObjectiveInput, { kind: K }>, Extract<Objective, { kind: K }>> };

/**
 * Behaviour of each objective kind, keyed by `kind`. The type requires an entry for every
 * member of `objectiveMembers` in `schema.ts`.
 */
export const objectiveKinds: Kinds = {
  quadratic: quadraticObjective,
};

/** The kind's behaviour for a raw `kind` value, or undefined if it is not a known kind. */
export function findObjectiveKind(kind: unknown): ObjectiveKind<ObjectiveInput, Objective> | undefined {
  if (typeof kind !== 'string' || !Object.hasOwn(objectiveKinds, kind)) return undefined;
  return objectiveKinds[kind as keyof Kinds] as unknown as ObjectiveKind<ObjectiveInput, Objective>;
}
