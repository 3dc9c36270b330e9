/**
 * The dry run's time estimate counts the host's work after each run, not only
 * the ensemble: the report's part (closed forms, summaries, JSON) for every run
 * of a sweep, and Clarke stationarity of the final iterates when the file asks
 * for it. Calibrated on the float64 CPU reference here (no GPU needed); the
 * reference comparison, a GPU run's, is checked through the command line in
 * test/cli/dry-run.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseExperiment, type Experiment } from '../../src/experiment/index';
import { estimateTimes } from '../../src/run/calibrate';
import { planExperiment } from '../../src/run/plan';
import { stationaritySeconds } from '../../src/run/post-run-cost';
import { ensembleSpec } from '../../src/run/ensemble-spec-of';
import { expandRuns } from '../../src/experiment/index';
import { formatPlan } from '../../src/cli/plan-report';

function experiment(overrides: Record<string, unknown>): Experiment {
  const parsed = parseExperiment({
    objective: { kind: 'weighted-l1', weights: [1, 2] },
    dynamics: [{ kind: 'sgd', lr: 0.01 }],
    x0: [1, -1],
    trajectories: 256,
    steps: 40,
    record: { every: 10 },
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return parsed.experiment;
}

const TIMEOUT = 60_000;

describe('the time estimate of a dry run', () => {
  it(
    'counts the report of every run of a sweep (each run a positive report term, included in its time)',
    async () => {
      const sweep = experiment({ objective: { kind: 'quadratic', A: [[1, 0], [0, 2]] }, sweep: { lr: [0.02, 0.01, 0.005] } });
      const estimates = await estimateTimes(sweep, planExperiment(sweep, 'cpu'), 'cpu');
      expect(estimates.map((e) => e.index)).toEqual([0, 1, 2]);
      for (const e of estimates) {
        expect(e.after.report, `run ${e.index}`).toBeGreaterThan(0);
        expect(e.after.stationarity, `run ${e.index}`).toBe(0);
        expect(e.after.reference, `run ${e.index} (the CPU reference is compared with nothing)`).toBe(0);
        expect(e.seconds, `run ${e.index}`).toBeGreaterThan(e.after.report);
      }
    },
    TIMEOUT,
  );

  it(
    'counts Clarke stationarity of the final iterates when record.stationarity asks for it, and prints it',
    async () => {
      const file = experiment({ record: { every: 10, stationarity: { epsilon: 0.01, samples: 8, trajectories: 200 } } });
      const plan = planExperiment(file, 'cpu');
      const estimates = await estimateTimes(file, plan, 'cpu');
      const [e] = estimates;
      expect(e.after.stationarity).toBeGreaterThan(0);
      expect(e.seconds).toBeGreaterThan(e.after.stationarity + e.after.report);
      expect(formatPlan(plan, estimates)).toMatch(/^included, the host's work after the runs: stationarity of the final iterates [\d.]+ (ms|s), the report \(.*\) [\d.]+ (ms|s)$/m);
      const without = experiment({});
      const plain = await estimateTimes(without, planExperiment(without, 'cpu'), 'cpu');
      expect(plain[0].after.stationarity).toBe(0);
      expect(formatPlan(planExperiment(without, 'cpu'), plain)).not.toMatch(/stationarity/);
    },
    TIMEOUT,
  );

  it('times stationarity on the sampled final states and scales it to the trajectories evaluated (none evaluated: nothing)', () => {
    const file = experiment({});
    const spec = ensembleSpec(file, expandRuns(file)[0]);
    const states = new Float64Array([0, 0, 1e-3, -1e-3, 0.5, 0.5, Number.NaN, 0]);
    expect(stationaritySeconds(spec, states, 4, 0, { epsilon: 0.01, samples: 8 })).toBe(0);
    expect(stationaritySeconds(spec, states, 4, 4000, { epsilon: 0.01, samples: 8 })).toBeGreaterThan(0);
  });
});
