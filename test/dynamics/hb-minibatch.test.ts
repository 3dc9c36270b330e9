import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/internal';
import { exampleExperiment, exampleFile } from '../support/example-experiment';

/** experiments/hb-minibatch.json for float64 CPU runs: every item at lr = 0.02 (no sweep), a fixed start. */
function experiment(overrides: Record<string, unknown>) {
  const dynamics = (exampleFile('hb-minibatch').dynamics as object[]).map((item) => ({ ...item, lr: 0.02 }));
  return exampleExperiment('hb-minibatch', { sweep: undefined, dynamics, x0: [2, -2], record: { observables: ['mean', 'variance'] }, ...overrides });
}

describe('stochastic heavy-ball and its counter-term flows (experiments/hb-minibatch.json, float64)', () => {
  it('on least squares the mean of mini-batch HB is deterministic HB’s iterate (within 5 SE), so the flows predict it to their order', async () => {
    const N = 4096;
    const stochastic = await runExperiment(experiment({ trajectories: N }), { device: 'cpu' });
    const deterministic = await runExperiment(experiment({ trajectories: 1, noise: { kind: 'none' } }), { device: 'cpu' });
    const final = (r: typeof stochastic, i: number) => r.runs[i].series.mean!.at(-1)!;
    const hbMean = final(stochastic, 0);
    const hbVariance = stochastic.runs[0].series.variance!.at(-1)!;
    const hbDeterministic = final(deterministic, 0);
    for (let j = 0; j < 2; j++) {
      const se = Math.sqrt(hbVariance[j] / N);
      expect(se).toBeGreaterThan(1e-4); // the batches do make noise
      expect(Math.abs(hbMean[j] - hbDeterministic[j]), `coordinate ${j}`).toBeLessThan(5 * se);
      // The flows ignore the noise: the same path in both runs.
      for (const p of [1, 2, 3]) expect(final(stochastic, p)[j]).toBe(final(deterministic, p)[j]);
      // Order p's weak error against mini-batch HB is its deterministic error, up to the Monte Carlo error.
      for (const p of [1, 2, 3]) {
        const weak = Math.abs(hbMean[j] - final(stochastic, p)[j]);
        const exact = Math.abs(hbDeterministic[j] - final(deterministic, p)[j]);
        expect(Math.abs(weak - exact), `p = ${p - 1}, coordinate ${j}`).toBeLessThan(5 * se);
      }
    }
    // Each order is closer than the one before (the slopes themselves are hb-ode.test.ts's).
    const distance = (p: number) => Math.hypot(...hbDeterministic.map((v, j) => v - final(deterministic, p)[j]));
    expect(distance(2)).toBeLessThan(distance(1));
    expect(distance(3)).toBeLessThan(distance(2));
  });
});
