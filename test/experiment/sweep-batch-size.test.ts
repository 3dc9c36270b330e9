import { describe, expect, it } from 'vitest';
import { expandRuns, experimentHash, runExperiment, type ExperimentResult } from '../../src/internal';
import { logLogSlope } from '../../src/stats/loglog-slope';
import { minibatchCovariance, referenceOf } from '../noise/finite-sum-fixtures';
import { expectIssueAt, issuesOf, parseValid } from './fixtures';

const PATH = '$.sweep["noise.batchSize"]';

/** A small least-squares finite sum (N = 16, d = 2) under SGD with mini-batch noise. */
function leastSquares(noise: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    seed: 'sweep-batch-size',
    objective: { kind: 'least-squares', generate: { samples: 16, features: 2, noise: 1, seed: 'sweep-batch-size' } },
    noise: { kind: 'minibatch', ...noise },
    dynamics: [{ kind: 'sgd', lr: 0.05 }],
    x0: [1, -1],
    trajectories: 200,
    steps: 30,
    record: { every: 10, observables: ['mean', 'variance', 'loss'] },
    ...extra,
  };
}

/** The graduated-success setting, scaled down: SGD on the tilted cosine with Rademacher noise (C = 10). */
function tiltedCosine(batchSize: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    seed: 'sweep-batch-size-rademacher',
    objective: { kind: 'tilted-cosine', a: 1, k: 4 },
    noise: { kind: 'rademacher', scale: 10, batchSize },
    dynamics: [{ kind: 'sgd', lr: 0.05 }],
    x0: [2.935583],
    trajectories: 200,
    steps: 40,
    record: { every: 20, observables: ['mean', 'variance', 'loss'], regions: { global: { kind: 'ball', center: [0], radius: 0.838175 } } },
    ...extra,
  };
}

async function runCpu(input: Record<string, unknown>): Promise<ExperimentResult> {
  return runExperiment(parseValid(input), { device: 'cpu' });
}

describe('sweep over noise.batchSize: parsing and rejections', () => {
  it('each run carries the experiment noise with the swept batch size, normalized as a file batch size (stage table); the hash follows the sweep', () => {
    const schedule = { kind: 'step', initial: 1, every: 10, factor: 2 };
    const experiment = parseValid(leastSquares({ batchSize: 2 }, { sweep: { 'noise.batchSize': [1, 4, schedule] } }));
    expect(experiment.sweep).toEqual({ param: 'noise.batchSize', values: [1, 4, schedule] });
    const runs = expandRuns(experiment);
    expect(runs.map((run) => run.sweep)).toEqual([1, 4, schedule].map((value) => ({ param: 'noise.batchSize', value })));
    expect(runs.map((run) => run.dynamics)).toEqual([0, 1, 2].map(() => experiment.dynamics[0]));
    const file = (batchSize: unknown) => parseValid(leastSquares({ batchSize })).noise;
    expect(runs.map((run) => run.noise)).toEqual([file(1), file(4), file(schedule)]);
    expect(runs[2].noise).toMatchObject({ batchSize: 4096, stages: { every: 10 } });
    expect(experiment.noise).toEqual(file(2));
    const other = parseValid(leastSquares({ batchSize: 2 }, { sweep: { 'noise.batchSize': [1, 4, 8] } }));
    expect(experimentHash(other)).not.toBe(experimentHash(experiment));
  });

  it('rademacher keeps scale and draw and takes the swept batch size; the experiment may omit its own', () => {
    const experiment = parseValid(tiltedCosine(undefined, { noise: { kind: 'rademacher', scale: 10, draw: 'gaussian' }, sweep: { 'noise.batchSize': [2, 8] } }));
    expect(expandRuns(experiment).map((run) => run.noise)).toEqual([2, 8].map((b) => ({ kind: 'rademacher', scale: 10, draw: 'gaussian', batchSize: b, stages: { every: 1, values: [b] } })));
  });

  it('each swept value is validated by the noise own batchSize schema, at its index', () => {
    const issues = issuesOf(leastSquares({ batchSize: 2 }, { sweep: { 'noise.batchSize': [1, 0, 2.5, 5000, { kind: 'step', initial: 1, every: 0, factor: 2 }] } }));
    expect(issues.map((issue) => issue.path).sort()).toEqual([`${PATH}[1]`, `${PATH}[2]`, `${PATH}[3]`, `${PATH}[4].every`].sort());
    expectIssueAt(issues, `${PATH}[3]`, /5000/);
    const rademacher = issuesOf(tiltedCosine(1, { sweep: { 'noise.batchSize': [4, 'big'] } }));
    expectIssueAt(rademacher, `${PATH}[1]`, /expected a batch size.*"big"/);
    expect(rademacher).toHaveLength(1);
  });

  it('refused for a noise without a batch size, naming its kind', () => {
    const gaussian = issuesOf({
      objective: { kind: 'quadratic', A: [[1]] },
      noise: { kind: 'gaussian', cov: 0.5 },
      dynamics: [{ kind: 'sgd', lr: 0.1 }],
      x0: [1],
      trajectories: 10,
      steps: 10,
      sweep: { 'noise.batchSize': [1, 4] },
    });
    expectIssueAt(gaussian, PATH, /"gaussian".*no batch size/);
    expect(gaussian).toHaveLength(1);
    const none = issuesOf({ objective: { kind: 'quadratic', A: [[1]] }, dynamics: [{ kind: 'sgd', lr: 0.1 }], x0: [1], trajectories: 10, steps: 10, sweep: { 'noise.batchSize': [1] } });
    expectIssueAt(none, PATH, /"none"/);
  });

  it("the per-run checks (b ≤ N, a schedule's end) name the swept value; the experiment's own batch size is overridden and not checked against N", () => {
    parseValid(leastSquares({ batchSize: 100 }, { sweep: { 'noise.batchSize': [1, 16] } }));
    const tooBig = issuesOf(leastSquares({ batchSize: 2 }, { sweep: { 'noise.batchSize': [1, 17, 4] } }));
    expectIssueAt(tooBig, `${PATH}[1]`, /at most the 16 samples.*found 17/);
    expect(tooBig).toHaveLength(1);
    const growing = issuesOf(tiltedCosine(1, { steps: 200, sweep: { 'noise.batchSize': [4, { kind: 'step', initial: 1, every: 10, factor: 2 }] } }));
    expectIssueAt(growing, `${PATH}[1]`, /passes 4096/);
    expect(growing).toHaveLength(1);
  });

  it('an unknown dotted path is refused as an unknown sweep parameter that lists noise.batchSize', () => {
    const issues = issuesOf(leastSquares({ batchSize: 2 }, { sweep: { 'noise.batchsize': [1] } }));
    expectIssueAt(issues, '$.sweep["noise.batchsize"]', /did you mean "noise\.batchSize"/);
  });
});

describe('sweep over noise.batchSize: each run is the constant-batch file (CPU reference, same seed)', () => {
  const stripped = (result: ExperimentResult, i: number) => result.runs[i].series;

  it('minibatch on a 16-sample least-squares sum: b = 1, 4, 16 and a doubling schedule give the series of the separate files', async () => {
    const values = [1, 4, 16, { kind: 'step', initial: 1, every: 10, factor: 2 }];
    const swept = await runCpu(leastSquares({ batchSize: 2 }, { sweep: { 'noise.batchSize': values } }));
    expect(swept.runs.map((run) => run.sweep)).toEqual(values.map((value) => ({ param: 'noise.batchSize', value })));
    for (const [i, batchSize] of values.entries()) {
      const separate = await runCpu(leastSquares({ batchSize }));
      expect(stripped(swept, i)).toEqual(stripped(separate, 0));
    }
    // The runs differ (a real sweep, not one batch size four times).
    expect(stripped(swept, 0).variance).not.toEqual(stripped(swept, 2).variance);
  });

  it('rademacher on the tilted cosine: b = 1, 4, 16, 64 give the series of the separate files', async () => {
    const values = [1, 4, 16, 64];
    const swept = await runCpu(tiltedCosine(4, { sweep: { 'noise.batchSize': values } }));
    for (const [i, batchSize] of values.entries()) {
      const separate = await runCpu(tiltedCosine(batchSize));
      expect(stripped(swept, i)).toEqual(stripped(separate, 0));
    }
    expect(stripped(swept, 0).variance).not.toEqual(stripped(swept, 3).variance);
  });
});

describe('sweep over noise.batchSize: the statistics follow b', () => {
  // One SGD step from a fixed x0: Var(x₁ᵢ) = lr² Var(gᵢ) = lr² Σ₁ᵢᵢ / b for batches drawn with replacement.
  const TRAJECTORIES = 20000;
  const LR = 0.1;
  const X0 = [0.5, -1];
  const input = leastSquares(
    { batchSize: 1, replacement: true },
    {
      objective: { kind: 'least-squares', generate: { samples: 64, features: 2, noise: 1, seed: 'sweep-batch-size' } },
      dynamics: [{ kind: 'sgd', lr: LR }],
      x0: X0,
      trajectories: TRAJECTORIES,
      steps: 1,
      record: { observables: ['mean', 'variance'] },
      sweep: { 'noise.batchSize': [1, 4, 16, 64] },
    },
  );

  it(`the variance of one mini-batch step is lr² Σ₁/b at each b, and log Var against log b has slope −1 (${TRAJECTORIES} trajectories, 5 SE)`, async () => {
    const experiment = parseValid(input);
    const result = await runExperiment(experiment, { device: 'cpu' });
    const { sigma1 } = minibatchCovariance(referenceOf(experiment), X0, 1, true);
    for (let i = 0; i < 2; i++) {
      const points = result.runs.map((run) => {
        const b = run.sweep!.value as number;
        const value = run.series.variance![1][i];
        const se = run.series.varianceStandardError![1][i];
        const z = (value - (LR * LR * sigma1[i][i]) / b) / se;
        console.info(`noise.batchSize = ${b}, coordinate ${i}: Var x₁ = ${value.toExponential(4)} ± ${se.toExponential(2)}, z = ${z.toFixed(2)}`);
        expect(Math.abs(z)).toBeLessThan(5);
        return { x: b, y: value, standardError: se };
      });
      const fit = logLogSlope(points);
      console.info(`coordinate ${i}: slope ${fit.slope.toFixed(4)} ± ${fit.standardError.toFixed(4)}`);
      expect(Math.abs(fit.slope + 1)).toBeLessThan(5 * fit.standardError);
    }
  });

  it('sweepSlopes fit log-log against b, as for lr (weak errors between two items at each batch size)', async () => {
    // Over one model time lr: one step of lr against two of lr/2, compared at t = lr.
    const { steps: _steps, ...rest } = input;
    const two = { ...rest, horizon: LR, trajectories: 2000, dynamics: [{ kind: 'sgd', lr: LR }, { kind: 'sgd', lr: LR / 2 }] };
    const result = await runCpu(two);
    expect(result.sweepSlopes.length).toBeGreaterThan(0);
    for (const slope of result.sweepSlopes) {
      expect(slope.param).toBe('noise.batchSize');
      expect(slope.points.map((p) => p.x)).toEqual([1, 4, 16, 64]);
    }
  });
});
