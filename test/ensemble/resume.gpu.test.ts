/**
 * Interrupt and resume at the runner: a run stopped at any
 * dispatch — mid-gap between record checkpoints, in the first or a later chunk —
 * and continued from its snapshot gives the statistics (moments bit for bit,
 * counts, histogram and region counters, exit times) and tracked paths of the
 * uninterrupted run. The experiment-level resume (files, CLI) is tested in
 * test/cli/checkpoint-resume.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { EnsembleAbortedError, runEnsembleGpu, type EnsembleOptions, type EnsembleSpec } from '../../src/internal';
import type { EnsembleSnapshot } from '../../src/ensemble/ensemble-snapshot';
import { EnsembleStatistics } from '../../src/stats/ensemble-statistics';
import { testDevice } from '../support/gpu';
import { CORRELATED_2D, ouSpec } from '../support/ou-spec';

/** A 2-D OU with escapes (stopped at exit), a histogram, a region and tracked paths, in 3 chunks of 512. */
const spec: EnsembleSpec = {
  ...ouSpec({ ...CORRELATED_2D, dt: 0.05, trajectories: 1500, steps: 40, checkpoints: [0, 10, 20, 30, 40], seed: 'resume' }),
  statistics: {
    loss: true,
    covariance: true,
    histogram: { bins: 16, range: [-3, 3] },
    regions: [{ name: 'near', region: { kind: 'ball', center: [0, 0], radius: 1 } }],
  },
  escape: { region: { kind: 'ball', center: [0.5, -0.5], radius: 2 }, stop: true },
};
const options: EnsembleOptions = { chunkSize: 512, stepsPerDispatch: 3, trackTrajectories: 16 };

/** A snapshot as a file would hold it: statistics through their JSON, arrays copied. */
function stored(s: EnsembleSnapshot): EnsembleSnapshot {
  return {
    ...s,
    statistics: EnsembleStatistics.fromJSON(JSON.parse(JSON.stringify(s.statistics.toJSON()))),
    counters: s.counters.slice(0),
    ...(s.chunk ? { chunk: { state: s.chunk.state.slice(0), records: s.chunk.records.slice(0), aux: s.chunk.aux.slice(0) } } : {}),
    ...(s.tracked ? { tracked: s.tracked.slice(0) } : {}),
  };
}

/** What must be equal: every statistic and the tracked paths (timings aside). */
const outcome = (r: Awaited<ReturnType<typeof runEnsembleGpu>>) => ({ statistics: r.statistics.toJSON(), tracked: r.tracked?.map((t) => Array.from(t)) });

describe('a GPU run resumed from a snapshot equals the uninterrupted run', () => {
  it.each([
    // 4 dispatches of ≤ 3 steps per gap of 10, 16 per chunk.
    ['chunk 0, between record checkpoints 1 and 2', 6],
    ['chunk 0, at the step of record checkpoint 1, before its reduction', 4],
    ['chunk 1, between record checkpoints 0 and 1', 18],
    ['chunk 2 (the last), between record checkpoints 2 and 3', 43],
  ])('stopped in %s (after %i dispatches): same moments, counts, counters, exit times and tracked paths', async (_where, stopAfter) => {
    const gpu = await testDevice();
    const whole = await runEnsembleGpu(gpu, spec, options);

    const controller = new AbortController();
    let dispatches = 0;
    let last: EnsembleSnapshot | undefined;
    const stopped = runEnsembleGpu(gpu, spec, {
      ...options,
      signal: controller.signal,
      onProgress: () => {
        if (++dispatches === stopAfter) controller.abort();
      },
      snapshots: { save: async (s) => void (last = stored(s)), minIntervalSeconds: 3600 },
    });
    await expect(stopped).rejects.toThrow(EnsembleAbortedError);
    expect(last, 'a snapshot was left when the run stopped').toBeDefined();
    expect(last!.trajectorySteps).toBeGreaterThan(0);
    expect(last!.trajectorySteps).toBeLessThan(spec.trajectories * spec.steps);

    const resumed = await runEnsembleGpu(gpu, spec, { ...options, resume: last });
    expect(outcome(resumed)).toEqual(outcome(whole));
    expect(resumed.timing.trajectorySteps).toBe(whole.timing.trajectorySteps);
  });

  it('a snapshot that does not fit the run (other chunks, another position, another layout) is refused with the reason', async () => {
    const gpu = await testDevice();
    const snapshots: EnsembleSnapshot[] = [];
    await runEnsembleGpu(gpu, spec, { ...options, snapshots: { save: async (s) => void snapshots.push(stored(s)) } });
    const s = snapshots[6];
    await expect(runEnsembleGpu(gpu, spec, { ...options, resume: { ...s, chunkSize: 300 } })).rejects.toThrow(/chunks of 300 trajectories, and this device allows 512/);
    await expect(runEnsembleGpu(gpu, spec, { ...options, resume: { ...s, offset: 100 } })).rejects.toThrow(/not a chunk of this run/);
    await expect(runEnsembleGpu(gpu, spec, { ...options, resume: { ...s, counters: new ArrayBuffer(8) } })).rejects.toThrow(/another layout/);
    await expect(runEnsembleGpu(gpu, { ...spec, dim: 2, initial: spec.initial, steps: 30, checkpoints: [0, 10, 20, 30] }, { ...options, resume: s })).rejects.toThrow(/cannot resume/);
  });

  it('snapshots at every record checkpoint change nothing, and resuming from any of them gives the same result', async () => {
    const gpu = await testDevice();
    const whole = await runEnsembleGpu(gpu, spec, options);
    const snapshots: EnsembleSnapshot[] = [];
    const watched = await runEnsembleGpu(gpu, spec, { ...options, snapshots: { save: async (s) => void snapshots.push(stored(s)) } });
    expect(outcome(watched)).toEqual(outcome(whole));
    // 5 checkpoints in each of 3 chunks.
    expect(snapshots).toHaveLength(15);
    for (const at of [1, 6, 14]) {
      const resumed = await runEnsembleGpu(gpu, spec, { ...options, resume: snapshots[at] });
      expect(outcome(resumed), `from snapshot ${at} (chunk at ${snapshots[at].offset}, step ${snapshots[at].step})`).toEqual(outcome(whole));
    }
  });
});
