import { describe, expect, it } from 'vitest';
import { assertExperiment, runExperiment } from '../../src/internal';
import { testDevice } from '../support/gpu';

describe('divergent trajectories are frozen, counted and left out of every statistic', () => {
  it('EM on the double well with an unstable step: diverged paths are counted, loss and histograms cover only the finite ones', async () => {
    // dt = 0.5 on f = ¼(x² − 1)²: near the wells the map x ← x − dt·x(x² − 1) contracts, but from
    // |x0| ≳ 3 the cubic term overshoots and the iterates blow up to ±Inf, then NaN.
    const N = 2 ** 14;
    const result = await runExperiment(
      assertExperiment({
        objective: { kind: 'double-well' },
        dynamics: [{ kind: 'gradient-sde', dt: 0.5, sigma: 0.1 }],
        x0: { kind: 'gaussian', mean: 0, std: 2 },
        trajectories: N,
        steps: 40,
        record: { every: 10, observables: ['mean', 'variance', 'loss', 'histogram'], histogram: { bins: 8, range: [-2, 2], lossRange: [0, 1] } },
        seed: 'diverge',
      }),
      { device: await testDevice() },
    );
    const r = result.runs[0];
    const last = r.series.step.length - 1;
    console.info(`diverged by step 40: ${r.diverged} of ${N}`);
    expect(r.diverged).toBeGreaterThan(N / 100);
    expect(r.diverged).toBeLessThan(N / 2);
    expect(r.series.diverged[0]).toBe(0);
    r.series.count.forEach((count, c) => expect(count + r.series.diverged[c]).toBe(N));
    // Never decreasing: a diverged trajectory stays diverged.
    r.series.diverged.forEach((d, c) => c > 0 && expect(d).toBeGreaterThanOrEqual(r.series.diverged[c - 1]));
    // Every statistic is finite and made of the finite trajectories only.
    expect(Number.isFinite(r.series.mean![last][0])).toBe(true);
    expect(Number.isFinite(r.series.variance![last][0])).toBe(true);
    expect(Number.isFinite(r.series.loss!.value[last])).toBe(true);
    const h = r.series.histogram!.coordinates[0];
    expect(h.underflow[last] + h.counts[last].reduce((a, b) => a + b, 0) + h.overflow[last]).toBe(r.series.count[last]);
    // The survivors sit in the wells: E f is small.
    expect(r.series.loss!.value[last]).toBeLessThan(0.05);
  });
});
