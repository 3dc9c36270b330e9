import type { DynamicsInput } from '../schema';
import type { DynamicsKind } from './dynamics-kind';
import { gradientSde, type GradientSdeDynamics, type GradientSdeParam } from './gradient-sde';

/** A normalized dynamics item (union over all kinds). */
export type Dynamics = GradientSdeDynamics;

/** Parameters a sweep may vary: those shared by every dynamics kind (intersect as kinds are added). */
export type SweepParam = GradientSdeParam;

type Kinds = {
  [K in DynamicsInput['kind']]: DynamicsKind<Extract<DynamicsInput, { kind: K }>, Extract<Dynamics, { kind: K }>, SweepParam>;
};

/**
 * Behaviour of each dynamics kind, keyed by `kind`. The type requires an entry for every
 * member of `dynamicsMembers` in `schema.ts`.
 */
export const dynamicsKinds: Kinds = {
  'gradient-sde': gradientSde,
};

/** The kind's behaviour for a raw `kind` value, or undefined if it is not a known kind. */
export function findDynamicsKind(kind: unknown): DynamicsKind<DynamicsInput, Dynamics, SweepParam> | undefined {
  if (typeof kind !== 'string' || !Object.hasOwn(dynamicsKinds, kind)) return undefined;
  return dynamicsKinds[kind as keyof Kinds] as unknown as DynamicsKind<DynamicsInput, Dynamics, SweepParam>;
}
