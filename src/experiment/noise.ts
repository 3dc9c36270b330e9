import { NOISES, noiseDescriptor, NOISE_LIST } from '../registry';
import type { CheckContext } from './check-context';
import type { ExperimentIssue } from './issue';
import { isRecord } from './numeric-guards';
import type { NoiseInput } from './schema';

type Normalizers = (typeof NOISE_LIST)[number]['normalize'];

/** A normalized `noise` (union over the registry's kinds). */
export type Noise = ReturnType<Normalizers>;

/** Shape checks of a raw `noise` against d (requirements on the objective are checked after normalization). */
export function checkNoise(raw: unknown, ctx: CheckContext): ExperimentIssue[] {
  if (!isRecord(raw) || typeof raw.kind !== 'string' || !Object.hasOwn(NOISES, raw.kind)) return [];
  return NOISES[raw.kind].check(raw, ['noise'], ctx);
}

/** Normalizes a valid `noise`; absent means `{ kind: "none" }`. */
export function normalizeNoise(parsed: NoiseInput | undefined, dim: number): Noise {
  const input = parsed ?? { kind: 'none' };
  return noiseDescriptor(input.kind).normalize(input as never, dim) as Noise;
}
