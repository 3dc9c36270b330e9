/**
 * Property-based tests of experiment validation: mutated
 * example files are either rejected before anything runs, with issues at the
 * JSON paths of the bad fields, or accepted and then planned (specs, packing,
 * composed WGSL) without an error, and — for a sample — run, shrunk to a few
 * trajectories and steps, on the float64 reference.
 *
 * Deterministic in CI (a fixed fast-check seed); FUZZ_SEED=<n> explores other
 * cases and FUZZ_SCALE=<k> multiplies the number of cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compound, mutation, MUTATIONS, type Mutant, type MutationName } from './mutations';
import { judge, plan, runShrunk } from './oracle';
import { seeds } from './seeds';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEEDS = seeds();

/** Cases per single-fault mutation kind, and of compound mutations. */
const RUNS: Record<MutationName, number> = {
  nonFiniteNumber: 400,
  edgeNumberAt: 600,
  badCount: 300,
  wrongType: 600,
  missing: 400,
  unknownKey: 200,
  unknownKind: 300,
  nonSymmetric: 150,
  resizeMatrix: 200,
  regionWrongDimension: 100,
  unknownSweep: 60,
  scheduleToZero: 200,
};
const COMPOUND_RUNS = 600;
/** Accepted mutants also run (shrunk) on the CPU reference, one in this many. */
const RUN_EVERY = 4;

const tally = { cases: 0, rejected: 0, accepted: 0, ran: 0 };

function mutants(name: MutationName): fc.Arbitrary<Mutant> {
  return fc
    .constantFrom(...SEEDS)
    .chain((seed) => mutation(name, seed))
    .filter((m): m is Mutant => m !== null);
}

async function check(m: Mutant): Promise<void> {
  tally.cases++;
  const verdict = judge(m);
  if (!verdict.ok) {
    tally.rejected++;
    return;
  }
  tally.accepted++;
  plan(m, verdict.experiment);
  if (tally.accepted % RUN_EVERY === 0) {
    tally.ran++;
    await runShrunk(m, verdict.experiment);
  }
}

describe('mutated experiment files are rejected with the paths of their faults, or run', () => {
  it('every seed file is valid to begin with', () => {
    for (const seed of SEEDS) expect(judge({ what: seed.name, doc: seed.doc }).ok, seed.name).toBe(true);
  });

  for (const name of Object.keys(MUTATIONS) as MutationName[]) {
    it(`${name}: ${RUNS[name] * SCALE} cases`, async () => {
      await fc.assert(fc.asyncProperty(mutants(name), check), { seed: SEED, numRuns: RUNS[name] * SCALE, endOnFailure: true });
    });
  }

  it(`two or three faults at once: ${COMPOUND_RUNS * SCALE} cases`, async () => {
    const arbitrary = compound(SEEDS).filter((m): m is Mutant => m !== null);
    await fc.assert(fc.asyncProperty(arbitrary, check), { seed: SEED, numRuns: COMPOUND_RUNS * SCALE, endOnFailure: true });
  });

  it('saw both verdicts: many rejections, and accepted files that ran', () => {
    // Printed for the closing note: how many cases, and how they split.
    console.log(`experiment fuzz: ${tally.cases} cases, ${tally.rejected} rejected, ${tally.accepted} accepted (${tally.ran} run shrunk on the CPU reference)`);
    expect(tally.rejected).toBeGreaterThan(tally.cases / 2);
    expect(tally.ran).toBeGreaterThan(20);
  });
});
