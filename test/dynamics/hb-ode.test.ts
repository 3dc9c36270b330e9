import { describe, expect, it } from 'vitest';
import { hbOdeCoefficientTable } from '../../src/dynamics/hb-ode';
import { hbFlowCoefficients, hbFlowSteadyCoefficients } from '../../src/oracles/hb-flow';
import { assertExperiment, runExperiment } from '../../src/internal';
import { expectIssueAt, issuesOf } from '../experiment/fixtures';
import { exampleExperiment } from '../support/example-experiment';

describe('the heavy-ball flow with counter-terms (docs/math.md §3c)', () => {
  it('uploads the recursion’s rows (src/oracles/hb-flow.ts) until they are steady, then reuses the last: under 50 rows for β = 0.5, under 300 for β = 0.9', () => {
    for (const [beta, most] of [[0.5, 50], [0.9, 300]] as const) {
      const table = hbOdeCoefficientTable(beta, 100_000);
      expect(table.length).toBeLessThan(most);
      const all = hbFlowCoefficients(beta, table.length + 50);
      table.forEach((row, k) => expect(row).toEqual(all[k]));
      const steady = hbFlowSteadyCoefficients(beta);
      // Every later row equals the last uploaded one to the steady tolerance.
      for (const key of ['gamma', 'c', 'A', 'B'] as const) {
        expect(Math.abs(all.at(-1)![key] - table.at(-1)![key])).toBeLessThanOrEqual(1e-7 * steady[key]);
      }
    }
  });

  it('float64: the error against heavy-ball at T = 1 falls as η^{p+1} (p = 0, 1, 2) on the scalar quadratic, slopes within 0.1 (docs/math.md §3d, §3e)', async () => {
    const result = await runExperiment(
      assertExperiment({
        objective: { kind: 'quadratic', A: [[1]] },
        dynamics: [
          { kind: 'heavy-ball', lr: 0.01, beta: 0.5 },
          ...[0, 1, 2].map((order) => ({ kind: 'hb-ode', lr: 0.01, beta: 0.5, order, substeps: 8, label: `p${order}` })),
        ],
        x0: [1],
        trajectories: 1,
        horizon: 1,
        sweep: { lr: [0.01, 0.005, 0.0025] },
      }),
      { device: 'cpu' },
    );
    const slopes = [0, 1, 2].map((p) => result.sweepSlopes.find((s) => s.quantity === 'strong' && s.pair?.[0] === 0 && s.pair?.[1] === p + 1)!);
    console.info(`HB flow orders (float64): ${slopes.map((s, p) => `p=${p}: ${s.slope.value.toFixed(3)} (errors ${s.points.map((q) => q.y.toExponential(3)).join(', ')})`).join('; ')}`);
    slopes.forEach((s, p) => expect(Math.abs(s.slope.value - (p + 1))).toBeLessThan(0.1));
    // docs/math.md §3d's p = 1 error at η = 0.01 (x0 = 1, β = 0.5, h = 1): 4.631e-4.
    expect(slopes[1].points[0].y).toBeCloseTo(4.631e-4, 6);
  });

  it('refuses the oscillating regime on quadratics and order 2 without third derivatives, naming the reason', () => {
    const base = { dynamics: [{ kind: 'hb-ode', lr: 0.1, beta: 0.9, order: 1 }], x0: [1], trajectories: 4, steps: 2 };
    expectIssueAt(issuesOf({ ...base, objective: { kind: 'quadratic', A: [[1]] } }), '$.dynamics[0]', /overdamped.*\(1 − √β\)²/);
    expectIssueAt(
      issuesOf({ ...base, objective: { kind: 'weighted-l1', weights: [1] }, dynamics: [{ kind: 'hb-ode', lr: 0.01, beta: 0.5, order: 2 }] }),
      '$.dynamics[0]',
      /order 2 needs ∇³f/,
    );
  });
});

describe('hb-ode exact on quadratics (orders up to 4)', () => {
  it('float64: order p = 3 and 4 reach slopes 4 and 5, and p = 3 reproduces docs/math.md §3d (2.705e-6 at η = 0.01)', async () => {
    const result = await runExperiment(
      assertExperiment({
        objective: { kind: 'quadratic', A: [[1]] },
        dynamics: [
          { kind: 'heavy-ball', lr: 0.01, beta: 0.5 },
          ...[1, 3, 4].map((order) => ({ kind: 'hb-ode', lr: 0.01, beta: 0.5, order, integrator: 'exact', label: `p${order}` })),
        ],
        x0: [1],
        trajectories: 1,
        horizon: 1,
        sweep: { lr: [0.02, 0.01, 0.005] },
      }),
      { device: 'cpu' },
    );
    const slope = (item: number) => result.sweepSlopes.find((s) => s.quantity === 'strong' && s.pair?.[0] === 0 && s.pair?.[1] === item)!;
    const [p1, p3, p4] = [1, 2, 3].map(slope);
    console.info(`exact HB flow: p=1 ${p1.slope.value.toFixed(3)}, p=3 ${p3.slope.value.toFixed(3)}, p=4 ${p4.slope.value.toFixed(3)}`);
    expect(Math.abs(p1.slope.value - 2)).toBeLessThan(0.1);
    expect(Math.abs(p3.slope.value - 4)).toBeLessThan(0.1);
    expect(Math.abs(p4.slope.value - 5)).toBeLessThan(0.15);
    expect(p3.points.find((q) => q.x === 0.01)!.y).toBeCloseTo(2.705e-6, 8);
    // RK4 and the exact step agree for p = 1 (RK4's own error is far below the model error).
    expect(p1.points.find((q) => q.x === 0.01)!.y).toBeCloseTo(4.631e-4, 6);
  });

  it('on the GPU, a 2-D quadratic with b ≠ 0: the exact step equals the float64 reference path by path, and RK4 of the same order agrees with it', async () => {
    const { assertExperiment: parse, ensembleSpec, expandRuns, pathDifferences, runEnsembleGpu, runEnsembleReference } = await import('../../src/internal');
    const { testDevice } = await import('../support/gpu');
    const experiment = parse({
      objective: { kind: 'quadratic', A: [[1, 0.2], [0.2, 0.5]], b: [0.3, -0.1] },
      dynamics: [
        { kind: 'hb-ode', lr: 0.02, beta: 0.5, order: 2, integrator: 'exact' },
        { kind: 'hb-ode', lr: 0.02, beta: 0.5, order: 2, substeps: 8 },
      ],
      x0: { kind: 'gaussian', mean: [1, -1], std: 0.3 },
      trajectories: 256,
      steps: 50,
    });
    const [exact, rk4] = expandRuns(experiment).map((run) => ensembleSpec(experiment, run));
    const gpu = await runEnsembleGpu(await testDevice(), exact, { trackTrajectories: 256 });
    const cpu = await runEnsembleReference(exact, { trackTrajectories: 256 });
    const cpuRk4 = await runEnsembleReference(rk4, { trackTrajectories: 256 });
    expect(pathDifferences(gpu.tracked!, cpu.tracked!).maxAbs).toBeLessThan(1e-5);
    expect(pathDifferences(cpu.tracked!, cpuRk4.tracked!).maxAbs).toBeLessThan(1e-9);
  });
});

describe('hb-ode on a non-quadratic objective (experiments/hb-flow-orders-double-well.json, float64)', () => {
  it('RK4 flows of order 0, 1, 2 approach heavy-ball as η^{p+1}: slopes within 0.15 of 1, 2, 3 (docs/math.md §3e)', async () => {
    const result = await runExperiment(exampleExperiment('hb-flow-orders-double-well', { trajectories: 64 }), { device: 'cpu' });
    const slopes = [1, 2, 3].map((item) => result.sweepSlopes.find((s) => s.quantity === 'strong' && s.pair?.[0] === 0 && s.pair?.[1] === item)!.slope.value);
    console.info(`HB flow on the double well (float64): slopes ${slopes.map((s) => s.toFixed(3)).join(', ')}`);
    slopes.forEach((s, p) => expect(Math.abs(s - (p + 1))).toBeLessThan(0.15));
  });
});
