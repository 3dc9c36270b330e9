import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleGpu } from '../../src/internal';
import { shardRange } from '../../src/run/shard';
import { EnsembleStatistics } from '../../src/stats/ensemble-statistics';
import { summarizeStatistics } from '../../src/stats/summarize';
import { testDevice } from '../support/gpu';

/**
 * Shards merge the fourth co-moments as they merge the moments: a 3-D mini-batch SGD
 * law with an outlier row (far from Gaussian), run whole and as 3 shards on the device,
 * the shards' statistics through JSON (as part files) and merged. Both sides merge the
 * same f32 block partials in float64, in a different order, so the covariances and their
 * standard errors agree to float64 rounding: 1e-12 of max(|value|, SE·√n).
 */
const experiment = assertExperiment({
  objective: {
    kind: 'least-squares',
    data: { A: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, -1], [3, -2, 4]], y: [0.5, -0.5, 0, 0.2, 0, 6] },
  },
  noise: { kind: 'minibatch', batchSize: 1 },
  dynamics: [{ kind: 'sgd', lr: 0.05 }],
  x0: { kind: 'gaussian', mean: [0, 0, 0], std: 0.1 },
  trajectories: 5 * 256 + 37,
  steps: 6,
  record: { every: 3, observables: ['mean', 'variance', 'covariance'] },
  seed: 'covariance-shard-merge',
});

describe('sdeflow merge keeps the covariance standard errors exact', () => {
  it('3 shards through JSON merge to the whole run: covariances and their fourth-moment SEs to 1e-12', async () => {
    const device = await testDevice();
    const run = expandRuns(experiment)[0];
    const whole = (await runEnsembleGpu(device, ensembleSpec(experiment, run))).statistics;
    const parts = [];
    for (let index = 0; index < 3; index++) {
      const { statistics } = await runEnsembleGpu(device, ensembleSpec(experiment, run, shardRange(experiment.trajectories, { index, count: 3 })));
      parts.push(EnsembleStatistics.fromJSON(JSON.parse(JSON.stringify(statistics))));
    }
    const merged = parts[0];
    merged.merge(parts[1]);
    merged.merge(parts[2]);
    const a = summarizeStatistics(whole, 1);
    const b = summarizeStatistics(merged, 1);
    expect(b.count).toEqual(a.count);
    let worst = 0;
    a.covariance!.forEach((C, k) =>
      C.forEach((row, i) =>
        row.forEach((v, j) => {
          const se = a.covarianceStandardError![k][i][j];
          const scale = Math.max(Math.abs(v), se * Math.sqrt(a.count[k]));
          worst = Math.max(worst, Math.abs(b.covariance![k][i][j] - v) / scale, Math.abs(b.covarianceStandardError![k][i][j] - se) / se);
          if (i !== j) expect(se, `checkpoint ${k} (${i}, ${j})`).toBeGreaterThan(0);
        }),
      ),
    );
    console.info(`merged vs whole: covariances and their SEs differ by at most ${worst.toExponential(2)} (relative)`);
    expect(worst).toBeLessThan(1e-12);
  });
});
