import { describe, expect, it } from 'vitest';
import { constantMinibatch, MAX_BATCH, minibatchForRun, minibatchNoise, type MinibatchNoise } from '../../src/noise/minibatch';
import { batchIndices } from '../../src/reference/noise/minibatch';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { keyFromSeed } from '../../src/rng/seed';
import { batchAt } from '../../src/schedules/batch-size';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';
import { minibatchInput, sgdExperiment, specOf } from './finite-sum-fixtures';

const KEY = keyFromSeed('minibatch-schedule');

/** minibatchInput over 100 steps, long enough for the schedules below to change stage. */
const scheduleInput = (noise: Record<string, unknown>, samples = 20, overrides: Record<string, unknown> = {}) => minibatchInput(noise, samples, { steps: 100, ...overrides });

const GROWING = { kind: 'stages', every: 10, values: [2, 4, 8, 16] };

describe('mini-batch noise takes batch-size schedules (stage tables shared by the GPU and the float64 twin)', () => {
  it('a schedule normalizes to its stage table, with batchSize its largest stage; a constant keeps batchSize = b and one stage', () => {
    expect(parseValid(scheduleInput({ batchSize: GROWING })).noise).toEqual({ kind: 'minibatch', batchSize: 16, replacement: false, stages: { every: 10, values: [2, 4, 8, 16] } });
    expect(parseValid(scheduleInput({ batchSize: { kind: 'step', initial: 16, every: 5, factor: 0.5 }, replacement: true })).noise).toEqual({
      kind: 'minibatch',
      batchSize: 16,
      replacement: true,
      stages: { every: 5, values: [16, 8, 4, 2, 1] },
    });
    expect(parseValid(scheduleInput({ batchSize: 6 })).noise).toEqual(constantMinibatch(6, false));
    // The GPU reads [every, stages, b₀, b₁, …] and sizes Floyd's array for the largest stage.
    const n = parseValid(scheduleInput({ batchSize: GROWING })).noise as MinibatchNoise;
    expect(minibatchNoise.params.pack(n)).toEqual([10, 4, 2, 4, 8, 16]);
    expect(minibatchNoise.constants(n)).toEqual({ BATCH_SIZE: 16 });
  });

  it('the batch of step k is the constant-b_k batch of step k: with replacement the first b_k indices of any larger batch (nested), without replacement Floyd’s b_k-subset', () => {
    for (const replacement of [true, false]) {
      const scheduled = parseValid(scheduleInput({ batchSize: GROWING, replacement }, 50)).noise as MinibatchNoise;
      const largest = constantMinibatch(16, replacement);
      let nestedWithout = 0;
      for (let t = 0; t < 20; t++) {
        const stream = new TrajectoryStream(KEY, t);
        for (const k of [0, 9, 10, 19, 20, 35, 99]) {
          const b = batchAt(scheduled.stages, k);
          const batch = batchIndices(scheduled, 50, k, stream);
          expect(batch).toHaveLength(b);
          expect(batch).toEqual(batchIndices(constantMinibatch(b, replacement), 50, k, stream));
          const prefix = batchIndices(largest, 50, k, stream).slice(0, b);
          if (replacement) expect(batch).toEqual(prefix);
          else if (b < 16 && batch.every((i, j) => i === prefix[j])) nestedWithout++;
        }
      }
      // Without replacement Floyd's ranges [0, N − b + j] depend on b, so a smaller batch is (almost never) a prefix of a larger one.
      if (!replacement) expect(nestedWithout).toBeLessThan(5);
    }
  });

  it('draws stay a pure function of (seed, trajectory, step): replayed in any order, a step’s batch is the same', () => {
    const n = parseValid(scheduleInput({ batchSize: GROWING }, 50)).noise as MinibatchNoise;
    const forward = Array.from({ length: 40 }, (_, k) => batchIndices(n, 50, k, new TrajectoryStream(KEY, 7)));
    const stream = new TrajectoryStream(KEY, 7);
    for (let k = 39; k >= 0; k--) expect(batchIndices(n, 50, k, stream)).toEqual(forward[k]);
  });

  it('a run carries the table cut after its last stage: a ×2 step schedule (tabulated to 4096) sizes a 1,000-step run for b = 64', () => {
    const experiment = sgdExperiment({
      objective: { kind: 'least-squares', generate: { samples: 1024, features: 2, seed: 'cut' } },
      noise: { kind: 'minibatch', batchSize: { kind: 'step', initial: 4, every: 200, factor: 2 } },
      lr: 0.01,
      x0: [0, 0],
      trajectories: 64,
      steps: 1000,
    });
    expect((experiment.noise as MinibatchNoise).stages.values.at(-1)).toBe(4096);
    const spec = specOf(experiment);
    const noise = spec.noise!.value as MinibatchNoise;
    expect(noise).toMatchObject({ batchSize: 64, stages: { every: 200, values: [4, 8, 16, 32, 64] } });
    expect(minibatchNoise.constants(noise)).toEqual({ BATCH_SIZE: 64 });
    for (const k of [0, 199, 200, 799, 800, 999]) expect(batchAt(noise.stages, k)).toBe(batchAt((experiment.noise as MinibatchNoise).stages, k));
    // A table the run uses to its end is kept as is.
    expect(minibatchForRun(noise, 1000)).toBe(noise);
    expect(minibatchForRun(noise, 801)).toBe(noise);
    expect(minibatchForRun(noise, 800).stages.values).toEqual([4, 8, 16, 32]);
  });
});

describe('mini-batch schedules that cannot run are refused before anything runs, at $.noise.batchSize', () => {
  it('a schedule whose largest stage passes N (with or without replacement)', () => {
    for (const replacement of [false, true]) {
      expectIssueAt(issuesOf(scheduleInput({ batchSize: { kind: 'stages', every: 10, values: [4, 8, 32] }, replacement })), '$.noise.batchSize', /at most the 20 samples.*found a schedule reaching 32 within the run's 100 steps \(stages 4, 8, 32\)/);
    }
    expect(parseValid(scheduleInput({ batchSize: { kind: 'stages', every: 10, values: [4, 8, 20] } })).noise).toMatchObject({ batchSize: 20 });
  });

  it('a schedule past 256 without replacement within the run (accepted with replacement, or when the run ends first)', () => {
    const batchSize = { kind: 'step', initial: 64, every: 10, factor: 2 };
    const input = (replacement: boolean, steps: number) => scheduleInput({ batchSize, replacement }, 5000, { steps });
    expectIssueAt(issuesOf(input(false, 31)), '$.noise.batchSize', /without replacement hold at most 256 samples, found a schedule reaching 512 within the run's 31 steps \(stages 64, 128, 256, 512\).*"replacement": true/);
    expect(parseValid(input(false, 30)).noise).toMatchObject({ replacement: false });
    expect(parseValid(input(true, 31)).noise).toMatchObject({ batchSize: 4096, replacement: true });
  });

  it('a step schedule is checked against N only over the stages the run reaches', () => {
    const batchSize = { kind: 'step', initial: 4, every: 200, factor: 2 };
    expect(parseValid(scheduleInput({ batchSize }, 64, { steps: 1000 })).noise).toMatchObject({ batchSize: 4096 });
    expectIssueAt(issuesOf(scheduleInput({ batchSize }, 64, { steps: 1001 })), '$.noise.batchSize', /at most the 64 samples.*reaching 128 within the run's 1001 steps \(stages 4, 8, 16, 32, 64, 128\)/);
  });

  it(`a step schedule that grows past ${MAX_BATCH} before the run ends`, () => {
    const batchSize = { kind: 'step', initial: 64, every: 10, factor: 2 };
    expectIssueAt(issuesOf(scheduleInput({ batchSize, replacement: true }, 5000, { steps: 71 })), '$.noise.batchSize', /passes 4096.*at step 70, before the run's 71 steps end/);
    expect(parseValid(scheduleInput({ batchSize, replacement: true }, 5000, { steps: 70 })).noise).toMatchObject({ batchSize: 4096 });
  });

  it('the mini-batch flow and the RMM (maps precomputed for one b) refuse a changing batch, naming $.noise.batchSize; a one-stage table is fine', () => {
    const objective = {
      kind: 'quadratic-sum',
      components: [{ A: [[1]], c: [1] }, { A: [[3]], c: [-1] }, { A: [[2]], c: [0] }, { A: [[1]], c: [2] }],
    };
    for (const kind of ['minibatch-flow', 'rmm']) {
      const input = (batchSize: unknown) => ({ objective, noise: { kind: 'minibatch', batchSize }, dynamics: [{ kind, h: 0.1 }], x0: [2], trajectories: 64, steps: 20 });
      expectIssueAt(issuesOf(input({ kind: 'stages', every: 5, values: [1, 2] })), '$.dynamics[0]', new RegExp(`${kind} precomputes its batch maps for one batch size, so \\$\\.noise\\.batchSize must be a whole number, found a schedule \\(stages 1, 2\\)`));
      expect(parseValid(input({ kind: 'constant', value: 2 })).noise).toMatchObject({ batchSize: 2 });
    }
  });

  it('SME-type models refuse mini-batch noise, scheduled or not (they model a constant Gaussian Σ)', () => {
    for (const kind of ['sme', 'ha-sme']) {
      const issues = issuesOf(scheduleInput({ batchSize: GROWING }, 20, { objective: { kind: 'least-squares', generate: { samples: 20, features: 2, seed: 1 } }, dynamics: [{ kind, lr: 0.1 }] }));
      expectIssueAt(issues, '$.dynamics[0]', /constant gradient-noise covariance Σ.*not minibatch/);
    }
  });
});
