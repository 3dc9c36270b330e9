import { describe, expect, it } from 'vitest';
import { hbOdeCoefficientTable } from '../../src/dynamics/hb-ode';
import { assertExperiment, runExperiment } from '../../src/index';
import { expectIssueAt, issuesOf } from '../experiment/fixtures';

describe('the heavy-ball flow with counter-terms (MATH.md §3c)', () => {
  it('the coefficient recursion gives MATH.md’s table for β = 0.5 (k = 0…5) and the steady values', () => {
    const table = hbOdeCoefficientTable(0.5, 4096);
    const expected = [
      [1, 0.5, 0.33333333, 0.08333333],
      [1.5, 1.625, 2.375, 0.90625],
      [1.75, 2.90625, 6.88020833, 2.99348958],
      [1.875, 3.9765625, 12.78710938, 5.84423828],
      [1.9375, 4.74414062, 18.65047201, 8.71913656],
      [1.96875, 5.24853516, 23.58847046, 11.15833282],
    ];
    const values = table.map((r) => [r.gamma, r.c, r.A, r.B]);
    expected.forEach((row, k) => row.forEach((v, j) => expect(values[k][j]).toBeCloseTo(v, 7)));
    const steady = values[values.length - 1];
    [2, 6, 34.6666667, 16.6666667].forEach((v, j) => expect(steady[j]).toBeCloseTo(v, 6));
    // General β: γ = 1/(1−β), c = (1+β)/(2(1−β)³), A = (1+4β+β²)/(3(1−β)⁵), B = (1+10β+β²)/(12(1−β)⁵).
    const b = 0.3;
    const last = hbOdeCoefficientTable(b, 4096).at(-1)!;
    const s = [last.gamma, last.c, last.A, last.B];
    [1 / (1 - b), (1 + b) / (2 * (1 - b) ** 3), (1 + 4 * b + b * b) / (3 * (1 - b) ** 5), (1 + 10 * b + b * b) / (12 * (1 - b) ** 5)].forEach((v, j) =>
      expect(s[j]).toBeCloseTo(v, 7),
    );
  });

  it('float64: the error against heavy-ball at T = 1 falls as η^{p+1} (p = 0, 1, 2) on the scalar quadratic, slopes within 0.1 (MATH.md §3d, §3e)', async () => {
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
    // MATH.md §3d's p = 1 error at η = 0.01 (x0 = 1, β = 0.5, h = 1): 4.631e-4.
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
