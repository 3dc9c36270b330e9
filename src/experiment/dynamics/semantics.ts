import { DYNAMICS_LIST } from '../../registry';
import type { DynamicsInput } from '../schema';
import type { DynamicsKind } from './dynamics-kind';

type Formats = (typeof DYNAMICS_LIST)[number]['format'];

/** A normalized dynamics item (union over the registry's kinds). */
export type Dynamics = ReturnType<Formats['normalize']>;

/** Parameters a sweep may vary: any kind's (a sweep checks that every item of the file has it). */
export type SweepParam = Formats extends infer F ? (F extends { params: infer P } ? keyof P & string : never) : never;

/** Behaviour of each dynamics kind (its descriptor's `format`), keyed by `kind`. */
const dynamicsKinds: Readonly<Record<string, Formats>> = Object.fromEntries(DYNAMICS_LIST.map((d) => [d.kind, d.format]));

/** The kind's behaviour for a raw `kind` value, or undefined if it is not a known kind. */
export function findDynamicsKind(kind: unknown): DynamicsKind<DynamicsInput, Dynamics, SweepParam> | undefined {
  if (typeof kind !== 'string' || !Object.hasOwn(dynamicsKinds, kind)) return undefined;
  return dynamicsKinds[kind] as unknown as DynamicsKind<DynamicsInput, Dynamics, SweepParam>;
}
