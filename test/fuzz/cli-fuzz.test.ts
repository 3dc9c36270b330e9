/**
 * The command line on a sample of rejected mutants: exit code
 * 2, every issue's JSON path on stderr, no stack trace, and no --out file. A
 * subprocess costs seconds, so the sample is small and fixed; the validator
 * itself is fuzzed by thousands of cases in experiment-fuzz.test.ts.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, sdeflow } from '../support/cli';
import { mutation, type Mutant, type MutationName } from './mutations';
import { judge } from './oracle';
import { seeds } from './seeds';

/** One rejected mutant of each of these kinds (NaN has no JSON spelling: it is written as the bare token, which the CLI must reject as JSON). */
const KINDS: MutationName[] = ['nonFiniteNumber', 'unknownKind', 'regionWrongDimension', 'badCount'];
const TIMEOUT = 120_000;

/** JSON text as a hand-edited file might hold it: NaN and ±Infinity spelled as bare tokens. */
const text = (doc: unknown) =>
  JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `@@${v}@@` : v), 2).replace(/"@@(-?\w+)@@"/g, '$1');

function sample(kind: MutationName, index: number): Mutant {
  const arbitrary = fc
    .constantFrom(...seeds())
    .chain((seed) => mutation(kind, seed))
    .filter((m): m is Mutant => m !== null && !judge(m).ok);
  return fc.sample(arbitrary, { seed: 11 + index, numRuns: 1 })[0];
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sdeflow-cli-fuzz-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sdeflow run on rejected mutants', () => {
  KINDS.forEach((kind, index) => {
    it(
      `${kind}: exits 2 naming the bad fields' paths, prints no stack trace and writes no --out file`,
      async () => {
        const m = sample(kind, index);
        const verdict = judge(m);
        const file = join(scratch, `${kind}.json`);
        const out = join(scratch, `${kind}.result.json`);
        writeFileSync(file, text(m.doc));
        const r = await sdeflow(['run', file, '--out', out], TIMEOUT - 10_000);
        expect(r.code, `${m.what}\n${describeRun(r)}`).toBe(2);
        expect(r.stderr, m.what).toMatch(/^sdeflow: invalid experiment file .*nothing was run/m);
        if (kind === 'nonFiniteNumber') {
          // The bare NaN / Infinity token makes the text invalid JSON: one issue at $.
          expect(r.stderr).toMatch(/^\$: expected valid JSON/m);
        } else if (!verdict.ok) {
          for (const issue of verdict.issues) expect(r.stderr, m.what).toContain(`${issue.path}: ${issue.message}`);
        }
        expect(r.stderr, 'no stack trace').not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
        expect(r.stderr).not.toMatch(/\b(TypeError|RangeError|ReferenceError)\b/);
        expect(r.stdout).toBe('');
        expect(existsSync(out)).toBe(false);
      },
      TIMEOUT,
    );
  });
});
