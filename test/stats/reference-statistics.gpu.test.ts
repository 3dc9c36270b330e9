import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { testDevice } from '../support/gpu';

const N = 4096;

/** A double-well experiment that exercises every statistic: loss, covariance, histograms, regions and a level-set escape with the bridge. */
const experiment = assertExperiment({
  objective: { kind: 'double-well', dim: 2 },
  dynamics: [{ kind: 'gradient-sde', dt: 0.02, sigma: 0.6 }],
  x0: { kind: 'gaussian', mean: [-1, 1], std: 0.2 },
  trajectories: N,
  steps: 300,
  record: {
    every: 50,
    observables: ['mean', 'variance', 'covariance', 'loss', 'gradient', 'smoothness', 'histogram'],
    histogram: { bins: 24, range: [-2, 2], lossRange: [0, 1] },
    regions: { leftWell: { kind: 'ball', center: [-1, 1], radius: 0.7 }, upper: { kind: 'halfspace', normal: [0, 1], offset: 0 } },
  },
  escape: { kind: 'level', value: 0.3, stop: false },
  seed: 'reference-statistics',
});

describe('the GPU reductions equal the float64 reference on the same trajectories', () => {
  it('double well, 2-D, every statistic: moments to f32 rounding, counts equal up to the few paths within rounding of a boundary', async () => {
    const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
    expect(spec.escape?.bridge).toBeDefined();
    const gpu = await runEnsembleGpu(await testDevice(), spec);
    const cpu = await runEnsembleReference(spec);
    const { statistics: g } = gpu;
    const { statistics: c } = cpu;
    expect(g.layout.featureNames).toEqual(['x0', 'x1', 'loss', 'gradient', 'smoothness', 'escapeStep']);
    let maxMoment = 0;
    let maxCount = 0;
    g.checkpoints.forEach((gc, k) => {
      const cc = c.checkpoints[k];
      expect(gc.count).toBe(cc.count);
      for (let f = 0; f < g.layout.features; f++) {
        // f32 paths agree to ~1e-5 (path-by-path tests); a moment inherits that, plus rare exit-step flips.
        const scale = Math.sqrt(cc.features.variance(f)) + Math.abs(cc.features.mean[f]) * 1e-3 + 1e-6;
        maxMoment = Math.max(maxMoment, Math.abs(gc.features.mean[f] - cc.features.mean[f]) / scale);
      }
      const cov = gc.coMoments!.covariance();
      const cref = cc.coMoments!.covariance();
      expect(Math.abs(cov[0][1] - cref[0][1])).toBeLessThan(1e-4);
      // The fourth co-moments (the covariance standard errors): f32 second pass vs float64 pushes.
      const se = gc.coMoments!.covarianceStandardError();
      const seRef = cc.coMoments!.covarianceStandardError();
      expect(Math.abs(se[0][1] / seRef[0][1] - 1), `checkpoint ${k}: SE of C01`).toBeLessThan(1e-3);
      gc.counters.forEach((v, i) => (maxCount = Math.max(maxCount, Math.abs(v - cc.counters[i]))));
    });
    const exitDifferences = g.escapeTimes.reduce((acc, v, i) => acc + Math.abs(v - c.escapeTimes[i]), 0);
    const exited = c.escapeTimes.reduce((a, b) => a + b, 0);
    console.info(`max moment gap ${maxMoment.toExponential(2)} sd; max counter gap ${maxCount}; exit-step histogram: ${exitDifferences} of ${exited} exits differ`);
    expect(maxMoment).toBeLessThan(1e-3);
    // A count differs only when a path ends within f32 rounding of a bin edge or region boundary.
    expect(maxCount).toBeLessThanOrEqual(3);
    // Exits: the bridge's uniform is identical, but p = exp(−2ab/(s²dt)) and the margins are f32 on the GPU.
    expect(exitDifferences).toBeLessThanOrEqual(Math.max(4, exited * 0.002));
    expect(exited).toBeGreaterThan(N / 10);
    // Regions and histograms really count something: the left well holds a good share at the end.
    const last = g.checkpoints.at(-1)!;
    expect(last.counters.reduce((a, b) => a + b, 0)).toBeGreaterThan(N);
  });
});
