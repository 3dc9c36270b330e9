import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleReference } from '../../src/internal';
import { summarizeStatistics } from '../../src/stats/summarize';

/**
 * The reported standard errors of variances and covariances against their empirical
 * spread over independent seeds, on laws far from Gaussian: SGD with batch 1 on a
 * least-squares finite sum whose rows all vanish at x0 = 0 except one outlier row
 * (a = (4, 3), y = 8). Until the outlier is drawn a path stays at 0; once drawn it
 * jumps to about (1.6, 1.2) and the other rows shrink it. With 7 ordinary rows and 3
 * steps a third of the paths jump (a two-point-like law, lighter tails than a
 * Gaussian); with 63 and 2 steps 3% do (heavy tails).
 *
 * Per law: SEEDS runs of N paths on the float64 reference; q = the last checkpoint's
 * Var x0 and Cov(x0, x1). The test compares R = mean over seeds of SE² with
 * V = the sample variance of q over seeds, in logs: log R − log V has standard error
 * at most rel(R) + rel(V) whatever their correlation, with rel(V) = √((κ − 1)/SEEDS)
 * (κ: the kurtosis of q over seeds) and rel(R) = sd(SE²)/(R √SEEDS). The bound is
 * 5 of those. The Gaussian formulas, √(2C_ii²/(n − 1)) and √((C_ii C_jj + C_ij²)/(n − 1)),
 * must miss by more than 5 — the test can tell a wrong standard error from a right one.
 */
const SEEDS = 400;
const N = 512;

function sampleMoments(v: number[]) {
  const m = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / m;
  const c2 = v.reduce((a, b) => a + (b - mean) ** 2, 0) / m;
  const c4 = v.reduce((a, b) => a + (b - mean) ** 4, 0) / m;
  return { mean, variance: (c2 * m) / (m - 1), kurtosis: c4 / (c2 * c2) };
}

/** log(R/V)/2 (the log of reported SE over empirical SD) and its standard error. */
function seRatio(q: number[], se2: number[]) {
  const mq = sampleMoments(q);
  const ms = sampleMoments(se2);
  const relV = Math.sqrt((mq.kurtosis - 1) / q.length);
  const relR = Math.sqrt(ms.variance) / ms.mean / Math.sqrt(se2.length);
  return { ratio: Math.sqrt(ms.mean / mq.variance), logSE: (relV + relR) / 2 };
}

async function measure(rows: number, steps: number) {
  const est = { variance: [] as number[], covariance: [] as number[], se2: { variance: [] as number[], covariance: [] as number[] }, gaussian2: { variance: [] as number[], covariance: [] as number[] } };
  const kurtosisOfX0: number[] = [];
  for (let s = 0; s < SEEDS; s++) {
    const experiment = assertExperiment({
      objective: {
        kind: 'least-squares',
        data: {
          A: [...Array.from({ length: rows - 1 }, (_, k) => [Math.cos((2 * Math.PI * k) / (rows - 1)), Math.sin((2 * Math.PI * k) / (rows - 1))]), [4, 3]],
          y: [...new Array<number>(rows - 1).fill(0), 8],
        },
      },
      noise: { kind: 'minibatch', batchSize: 1 },
      dynamics: [{ kind: 'sgd', lr: 0.05 }],
      x0: [0, 0],
      trajectories: N,
      steps,
      record: { observables: ['mean', 'variance', 'covariance'] },
      seed: `covariance-se-${rows}-${s}`,
    });
    const { statistics } = await runEnsembleReference(ensembleSpec(experiment, expandRuns(experiment)[0]));
    const summary = summarizeStatistics(statistics, 1);
    // The covariance's diagonal standard errors are the variance's, exactly (one quantity, one number).
    summary.covarianceStandardError!.forEach((se, k) => se.forEach((row, i) => expect(row[i]).toBe(summary.varianceStandardError[k][i])));
    const C = summary.covariance!.at(-1)!;
    const n = summary.count.at(-1)!;
    est.variance.push(summary.variance.at(-1)![0]);
    est.covariance.push(C[0][1]);
    est.se2.variance.push(summary.varianceStandardError.at(-1)![0] ** 2);
    est.se2.covariance.push(summary.covarianceStandardError!.at(-1)![0][1] ** 2);
    est.gaussian2.variance.push((2 * C[0][0] ** 2) / (n - 1));
    est.gaussian2.covariance.push((C[0][0] * C[1][1] + C[0][1] ** 2) / (n - 1));
    const last = statistics.checkpoints.at(-1)!.features;
    kurtosisOfX0.push((last.m4[0] / n) / (last.m2[0] / n) ** 2);
  }
  return { est, kurtosis: kurtosisOfX0.reduce((a, b) => a + b, 0) / SEEDS };
}

describe('covariance and variance standard errors on non-Gaussian laws (mini-batch SGD, batch 1, one outlier row)', () => {
  for (const [label, rows, steps, tails] of [
    ['a third of the paths jump', 8, 3, 'light'],
    ['3% of the paths jump', 64, 2, 'heavy'],
  ] as const) {
    it(`${label}: reported SE / empirical SD over ${SEEDS} seeds within 5 SE of 1, and the Gaussian formula outside`, async () => {
      const { est, kurtosis } = await measure(rows, steps);
      // The law is what it is meant to be: kurtosis of x0 far from a Gaussian's 3.
      if (tails === 'light') expect(kurtosis).toBeLessThan(2);
      else expect(kurtosis).toBeGreaterThan(10);
      for (const q of ['variance', 'covariance'] as const) {
        const reported = seRatio(est[q], est.se2[q]);
        const gaussian = seRatio(est[q], est.gaussian2[q]);
        console.info(`${label} (kurtosis ${kurtosis.toFixed(1)}), ${q}: reported/empirical ${reported.ratio.toFixed(3)} (log SE ${reported.logSE.toFixed(3)}); Gaussian formula ${gaussian.ratio.toFixed(3)}`);
        expect(Math.abs(Math.log(reported.ratio)), `${q}: reported SE ${reported.ratio.toFixed(3)}× the empirical SD`).toBeLessThan(5 * reported.logSE);
        expect(Math.abs(Math.log(gaussian.ratio)), `${q}: the Gaussian formula (${gaussian.ratio.toFixed(3)}×) must fail this test`).toBeGreaterThan(5 * gaussian.logSE);
      }
    });
  }
});
