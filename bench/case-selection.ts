/**
 * `sdeflow bench --only NAMES`: which cases run. Each comma-separated item is
 * a case id (`ou-d1`), a case's full name ("OU EM d=1"), both matched whole
 * and case-insensitively, or a pattern over ids in which `*` stands for any
 * text (`ou-*` picks ou-d1, ou-d3 and ou-d256 — and not the double well). An
 * item that picks nothing is an error listing the ids, so a typo never runs
 * an empty benchmark.
 */
import { THROUGHPUT_CASES } from './cases/throughput-cases';

export interface BenchCaseName {
  id: string;
  name: string;
}

/** Every case `sdeflow bench` knows, in the order it runs them. */
export const BENCH_CASES: readonly BenchCaseName[] = [
  ...THROUGHPUT_CASES.map(({ id, name }) => ({ id, name })),
  { id: 'diffeqgpu', name: 'DiffEqGPU comparison' },
  { id: 'wall-time-split', name: 'wall-time split over N' },
  { id: 'cli-startup', name: 'CLI startup' },
  { id: 'browser', name: 'browser (headless Chromium)' },
];

/** An `--only` item that names no case. */
export class BenchSelectionError extends Error {
  constructor(item: string) {
    super(`--only: "${item}" names no benchmark case (ids: ${BENCH_CASES.map((c) => c.id).join(', ')}; "*" in an id pattern stands for any text)`);
    this.name = 'BenchSelectionError';
  }
}

function itemMatches(item: string, c: BenchCaseName): boolean {
  const wanted = item.toLowerCase();
  if (wanted.includes('*')) {
    const pattern = new RegExp(`^${wanted.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return pattern.test(c.id);
  }
  return wanted === c.id || wanted === c.name.toLowerCase();
}

/** The ids `only` selects (all cases when it is empty or absent); throws BenchSelectionError for an item that picks nothing. */
export function selectBenchCases(only?: string): Set<string> {
  const items = (only ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) return new Set(BENCH_CASES.map((c) => c.id));
  const selected = new Set<string>();
  for (const item of items) {
    const picked = BENCH_CASES.filter((c) => itemMatches(item, c));
    if (picked.length === 0) throw new BenchSelectionError(item);
    for (const c of picked) selected.add(c.id);
  }
  return selected;
}
