import { OBJECTIVE_LIST } from '../../registry';
import type { ObjectiveInput } from '../schema';
import type { ObjectiveKind } from './objective-kind';

type Formats = (typeof OBJECTIVE_LIST)[number]['format'];

/** A normalized objective (union over the registry's kinds). */
export type Objective = ReturnType<Formats['normalize']>;

/** Behaviour of each objective kind (its descriptor's `format`), keyed by `kind`. */
const objectiveKinds: Readonly<Record<string, Formats>> = Object.fromEntries(OBJECTIVE_LIST.map((d) => [d.kind, d.format]));

/** The kind's behaviour for a raw `kind` value, or undefined if it is not a known kind. */
export function findObjectiveKind(kind: unknown): ObjectiveKind<ObjectiveInput, Objective> | undefined {
  if (typeof kind !== 'string' || !Object.hasOwn(objectiveKinds, kind)) return undefined;
  return objectiveKinds[kind] as unknown as ObjectiveKind<ObjectiveInput, Objective>;
}
