import type { Experiment } from '../experiment';
import { RNG_STREAM_VERSION } from '../rng/streams';
import { textHash } from '../text-hash';

/**
 * A fingerprint of everything that determines a run's numbers: the normalized
 * experiment (keys sorted) and the RNG stream version. Parts of one sharded run
 * carry it; `merge` refuses parts whose fingerprints differ. A guard against mix-ups
 * (src/text-hash.ts), not a cryptographic hash.
 */
export function experimentHash(experiment: Experiment): string {
  const text = canonicalJson({ rngStreamVersion: RNG_STREAM_VERSION, experiment });
  return textHash(text);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
