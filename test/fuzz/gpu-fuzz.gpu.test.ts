/**
 * Accepted mutants on the GPU: a fixed sample of mutated
 * experiment files that validation accepts, shrunk to a few hundred trajectories
 * and steps, run on WebGPU (compile, dispatch, reduce, report) without an error.
 * An adapter limit (llvmpipe's loop limit) may still refuse a model before any
 * dispatch — with its message, never mid-run. The CPU side of the same property
 * runs on thousands of cases in experiment-fuzz.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureExperiment } from '../../src/run/measure';
import { reportExperiment } from '../../src/run/report-experiment';
import { testDevice } from '../support/gpu';
import { mutation, type Mutant, type MutationName } from './mutations';
import { judge, shrink } from './oracle';
import { seeds } from './seeds';

const KINDS: MutationName[] = ['edgeNumberAt', 'wrongType', 'missing', 'scheduleToZero'];
const PER_KIND = 4;
const ADAPTER_LIMIT = /llvmpipe over OpenGL ES stops every loop/;

describe('accepted mutants run on the GPU', () => {
  it(`${KINDS.length * PER_KIND} accepted mutants (${KINDS.join(', ')}), shrunk, run and report on WebGPU`, async () => {
    const gpu = await testDevice();
    let ran = 0;
    for (const kind of KINDS) {
      const accepted = fc
        .constantFrom(...seeds())
        .chain((seed) => mutation(kind, seed))
        .filter((m): m is Mutant => m !== null && judge(m).ok);
      for (const m of fc.sample(accepted, { seed: 2026, numRuns: PER_KIND })) {
        const verdict = judge(m);
        if (!verdict.ok) continue;
        const small = shrink(verdict.experiment);
        try {
          reportExperiment(small, await measureExperiment(small, { device: gpu }));
          ran++;
        } catch (e) {
          if (!ADAPTER_LIMIT.test((e as Error).message)) throw new Error(`${m.what}: ${(e as Error).stack}`);
        }
      }
    }
    expect(ran).toBeGreaterThan(KINDS.length * PER_KIND * 0.6);
  });
});
