import { describe, expect, it } from 'vitest';
import { keyFromSeed } from '../../src/rng/seed';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { popcount32, rademacherSums } from '../../src/reference/noise/rademacher';
import { batchAt, batchStages, MAX_BATCH_STAGES } from '../../src/schedules/batch-size';
import { noiseDescriptor } from '../../src/registry';
import { rademacherNoise, MAX_RADEMACHER_BATCH } from '../../src/noise/rademacher';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

describe('batch-size schedules become stage tables (float64, what GPU and CPU both read)', () => {
  it("docs/math.md §2b's stage schedules: ×2 every 400 steps (1, 2, 4, …), ×1.5 rounded (1, 2, 2, 3, 5, 8, …), ÷2 down to 1", () => {
    const doubling = batchStages({ kind: 'step', initial: 1, every: 400, factor: 2 }, MAX_RADEMACHER_BATCH);
    expect(doubling.values).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
    expect(doubling.exceedsAt).toBe(13 * 400);
    expect([0, 399, 400, 1999, 10 ** 6].map((k) => batchAt(doubling, k))).toEqual([1, 1, 2, 16, 4096]);
    const hybrid = batchStages({ kind: 'step', initial: 1, every: 400, factor: 1.5 }, MAX_RADEMACHER_BATCH);
    expect(hybrid.values.slice(0, 7)).toEqual([1, 2, 2, 3, 5, 8, 11]);
    const shrinking = batchStages({ kind: 'step', initial: 64, every: 10, factor: 0.5 }, MAX_RADEMACHER_BATCH);
    expect(shrinking).toEqual({ every: 10, values: [64, 32, 16, 8, 4, 2, 1] });
    expect(batchAt(shrinking, 10 ** 6)).toBe(1);
  });

  it('a constant is one stage; an explicit `stages` table is kept as written; a slow growth past the table length is flagged', () => {
    expect(batchStages(16, MAX_RADEMACHER_BATCH)).toEqual({ every: 1, values: [16] });
    expect(batchStages({ kind: 'constant', value: 3 }, MAX_RADEMACHER_BATCH)).toEqual({ every: 1, values: [3] });
    const table = batchStages({ kind: 'stages', every: 5, values: [1, 3, 9] }, MAX_RADEMACHER_BATCH);
    expect([0, 4, 5, 10, 99].map((k) => batchAt(table, k))).toEqual([1, 1, 3, 9, 9]);
    const slow = batchStages({ kind: 'step', initial: 1, every: 1, factor: 1.001 }, MAX_RADEMACHER_BATCH);
    expect(slow.values.length).toBe(MAX_BATCH_STAGES);
    expect(slow.exceedsAt).toBe(MAX_BATCH_STAGES);
  });

  it('a run longer than its batch schedule allows is refused at $.noise.batchSize, before anything runs', () => {
    const base = {
      objective: { kind: 'tilted-cosine' },
      dynamics: [{ kind: 'sgd', lr: 0.05 }],
      x0: [1],
      trajectories: 64,
    };
    const noise = { kind: 'rademacher', scale: 10, batchSize: { kind: 'step', initial: 1, every: 10, factor: 2 } };
    expectIssueAt(issuesOf({ ...base, noise, steps: 131 }), '$.noise.batchSize', /passes 4096.*at step 130/);
    expect(parseValid({ ...base, noise, steps: 130 }).noise).toMatchObject({ kind: 'rademacher', draw: 'binomial' });
  });

  it.each([
    [{ scale: 10, batchSize: 0 }, '$.noise.batchSize', /positive integer ≤ 4096.*found 0/],
    [{ scale: 10, batchSize: 4097 }, '$.noise.batchSize', /positive integer ≤ 4096.*found 4097/],
    [{ scale: 10, batchSize: { kind: 'step', initial: 1, every: 0, factor: 2 } }, '$.noise.batchSize.every', /positive integer.*found 0/],
    [{ scale: 10, batchSize: 'large' }, '$.noise.batchSize', /expected a batch size.*found "large"/],
    [{ scale: 0 }, '$.noise.scale', /> 0.*found 0/],
    [{ scale: 1, draw: 'uniform' }, '$.noise.draw', /"binomial" or "gaussian".*found "uniform"/],
  ])('rejects rademacher noise %j at its field', (fields, path, message) => {
    const input = { objective: { kind: 'tilted-cosine' }, noise: { kind: 'rademacher', ...fields }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: [1], trajectories: 64, steps: 10 };
    expectIssueAt(issuesOf(input), path, message);
  });
});

describe('rademacher noise draws its signs exactly (float64 twin)', () => {
  it('is registered; packs C, every, stages, b₀…', () => {
    expect(noiseDescriptor('rademacher')).toBe(rademacherNoise);
    const n = rademacherNoise.normalize({ kind: 'rademacher', scale: 10, batchSize: { kind: 'stages', every: 7, values: [2, 5] }, draw: 'binomial' });
    expect(rademacherNoise.params.pack(n)).toEqual([10, 7, 2, 2, 5]);
  });

  it('popcount32 counts set bits (against a bit-by-bit count on 10^4 Philox words)', () => {
    const stream = new TrajectoryStream(keyFromSeed('popcount'), 0);
    for (let k = 0; k < 2500; k++) {
      for (const w of stream.wordsAt(k, 0xffff, 0)) {
        let naive = 0;
        for (let bit = 0; bit < 32; bit++) naive += (w >>> bit) & 1;
        expect(popcount32(w)).toBe(naive);
      }
    }
    expect([0, 0xffffffff, 0x80000000, 1].map(popcount32)).toEqual([0, 32, 1, 1]);
  });

  it('batches are nested: growing b by one adds one sign (±1) per coordinate to the same stream, for b = 1 … 100, d = 5', () => {
    const stream = new TrajectoryStream(keyFromSeed('nested'), 3);
    const previous = new Int32Array(5);
    const current = new Int32Array(5);
    for (let b = 1; b <= 100; b++) {
      rademacherSums(b, 5, 17, stream, current);
      for (let i = 0; i < 5; i++) {
        expect(Math.abs(current[i] - previous[i]), `b=${b} i=${i}`).toBe(1);
        expect((current[i] + b) % 2).toBe(0); // a sum of b signs has the parity of b
      }
      previous.set(current);
    }
  });

  it('the sum of b signs is 2·Binomial(b, ½) − b: its mean 0 and variance b within 5 SE over 20,000 draws (b = 1, 7, 33, 100)', () => {
    for (const b of [1, 7, 33, 100]) {
      const sums = new Int32Array(4);
      let n = 0;
      let s1 = 0;
      let s2 = 0;
      let s4 = 0;
      for (let t = 0; t < 5000; t++) {
        rademacherSums(b, 4, t % 50, new TrajectoryStream(keyFromSeed(`binomial-${b}`), t), sums);
        for (const s of sums) {
          n++;
          s1 += s;
          s2 += s * s;
          s4 += s ** 4;
        }
      }
      const mean = s1 / n;
      const variance = s2 / n;
      // E S⁴ = 3b² − 2b for a sum of b signs: Var(S²) = 2b² − 2b.
      expect(s4 / n / (3 * b * b - 2 * b)).toBeCloseTo(1, 1);
      expect(Math.abs(mean) / Math.sqrt(b / n)).toBeLessThan(5);
      if (b > 1) expect(Math.abs(variance - b) / Math.sqrt((2 * b * b - 2 * b) / n)).toBeLessThan(5);
      else expect(variance).toBe(1);
    }
  });
});
