import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleReference } from '../../src/internal';
import { Z95 } from '../../src/stats/intervals';
import { summarizeStatistics, type Estimate } from '../../src/stats/summarize';

/** A 2-D double well recording every statistic there is, on the float64 reference. */
const experiment = assertExperiment({
  objective: { kind: 'double-well', dim: 2 },
  dynamics: [{ kind: 'gradient-sde', dt: 0.02, sigma: 0.6 }],
  x0: { kind: 'gaussian', mean: [-1, 1], std: 0.2 },
  trajectories: 1024,
  steps: 200,
  record: {
    every: 50,
    observables: ['mean', 'variance', 'covariance', 'loss', 'gradient', 'smoothness', 'histogram'],
    histogram: { bins: 24, range: [-2, 2], lossRange: [0, 1] },
    regions: { leftWell: { kind: 'ball', center: [-1, 1], radius: 0.7 } },
  },
  escape: { kind: 'level', value: 0.3, stop: false },
  seed: 'uncertainty-format',
});

describe('one uncertainty format: every reported statistic has a value, a standard error and a 95% interval', () => {
  it('moments, covariances and scalar series: SE > 0 and [lo, hi] = value ± 1.96 SE; fractions, exit times and quantiles: an SE and an interval around the value', async () => {
    const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
    const { statistics } = await runEnsembleReference(spec);
    const s = summarizeStatistics(statistics, 0.02, experiment.record.histogram, true);
    const last = s.count.length - 1;
    const normal = (what: string, value: number, se: number, lo: number, hi: number) => {
      expect(se, what).toBeGreaterThan(0);
      expect(Math.abs(lo - (value - Z95 * se)), what).toBeLessThanOrEqual(1e-12 * (Math.abs(value) + se));
      expect(Math.abs(hi - (value + Z95 * se)), what).toBeLessThanOrEqual(1e-12 * (Math.abs(value) + se));
    };
    for (let i = 0; i < 2; i++) {
      normal(`mean x${i}`, s.mean[last][i], s.meanStandardError[last][i], s.meanInterval.lo[last][i], s.meanInterval.hi[last][i]);
      normal(`variance x${i}`, s.variance[last][i], s.varianceStandardError[last][i], s.varianceInterval.lo[last][i], s.varianceInterval.hi[last][i]);
      for (let j = 0; j < 2; j++) {
        normal(`covariance (${i}, ${j})`, s.covariance![last][i][j], s.covarianceStandardError![last][i][j], s.covarianceInterval!.lo[last][i][j], s.covarianceInterval!.hi[last][i][j]);
      }
    }
    for (const [name, series] of Object.entries({ loss: s.loss!, gradient: s.gradient!, smoothness: s.smoothness! })) {
      normal(name, series.value[last], series.standardError[last], series.lo[last], series.hi[last]);
    }
    const around = (what: string, e: Estimate) => {
      expect(e.standardError, what).toBeGreaterThan(0);
      expect(e.lo, what).toBeLessThanOrEqual(e.value);
      expect(e.hi, what).toBeGreaterThanOrEqual(e.value);
    };
    const fraction = s.regions!.leftWell.fraction[last];
    around('region fraction', fraction);
    expect(fraction.standardError).toBeCloseTo(Math.sqrt((fraction.value * (1 - fraction.value)) / s.count[last]), 15);
    const e = s.escape!;
    around('escape fraction', e.fraction);
    around('mean exit time', e.meanTime);
    normal('mean exit time', e.meanTime.value, e.meanTime.standardError, e.meanTime.lo, e.meanTime.hi);
    expect(e.medianTime).not.toBeNull();
    around('median exit time', e.medianTime!);
    // An order-statistic interval's SE is its equivalent: width / (2·1.96).
    expect(e.medianTime!.standardError).toBeCloseTo((e.medianTime!.hi - e.medianTime!.lo) / (2 * Z95), 12);
    expect(e.survival.standardError).toHaveLength(s.count.length);
    e.survival.standardError.forEach((se, k) => expect(se).toBeCloseTo(Math.sqrt((e.survival.S[k] * (1 - e.survival.S[k])) / s.count[k]), 15));
    around('median x0', s.histogram!.coordinates[0].quantiles.value[last][2]);
  });
});
