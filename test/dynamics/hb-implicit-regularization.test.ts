import { describe, expect, it } from 'vitest';
import {
  exactExcessDecayRate,
  firstOrderExcessDecayRate,
  gradientRegularizerCoefficient,
  implicitRegularizationTable,
  runExperiment,
  smoothnessRegularizerCoefficient,
} from '../../src/internal';
import { directionalSmoothnessExperiment, expectRegularizationOrdering, FLAT_CURVATURE } from '../support/hb-regularization';

describe('heavy-ball’s implicit regularizer (docs/math.md §3c steady modified equation)', () => {
  it('HB penalizes ‖∇f‖² (1+β)/(1−β) times as strongly as GD at the same effective step, and its η² smoothness coefficient is that of docs/math.md §3c', () => {
    for (const beta of [0.3, 0.5, 0.9]) {
      expect(gradientRegularizerCoefficient(0.01, beta) / gradientRegularizerCoefficient(0.01, 0)).toBeCloseTo((1 + beta) / (1 - beta), 12);
    }
    expect(gradientRegularizerCoefficient(0.01, 0)).toBeCloseTo(0.0025, 15); // GD: η/4
    expect(smoothnessRegularizerCoefficient(0.01, 0)).toBeCloseTo(1e-4 / 12, 15); // GD: η²/12
    expect(smoothnessRegularizerCoefficient(0.01, 0.5)).toBeCloseTo((1e-4 * 6.25) / (12 * 0.5 ** 5), 15);
  });

  it('the exact linearized excess decay rate approaches the first-order 4λh² with an O(η) gap', () => {
    for (const beta of [0, 0.5, 0.8]) {
      const gap = (etaEff: number) => exactExcessDecayRate(2, etaEff, beta) / firstOrderExcessDecayRate(2, etaEff, beta) - 1;
      // Halving η_eff halves the relative gap (first order in η), within 5%.
      expect(gap(0.001) / gap(0.0005)).toBeGreaterThan(1.9);
      expect(gap(0.001) / gap(0.0005)).toBeLessThan(2.1);
      expect(Math.abs(gap(0.0005))).toBeLessThan(0.02);
    }
    expect(() => exactExcessDecayRate(8, 0.01, 0.8)).toThrow(/overdamped/);
  });
});

describe('implicit regularization along trajectories (experiments/hb-directional-smoothness.json, float64)', () => {
  it('E‖∇f‖² and directional smoothness order HB(0.8) < HB(0.5) < GD < GF; excess decay rates within 1% of the linearized prediction, HB/GD ratio within 2%', async () => {
    const result = await runExperiment(directionalSmoothnessExperiment({ trajectories: 64 }), { device: 'cpu' });
    expectRegularizationOrdering(result);
    const table = implicitRegularizationTable(result, { curvature: FLAT_CURVATURE, window: [6, 12] });
    const [gd, ...hb] = table.rows;
    for (const row of table.rows) {
      // Nonlinear transients decay like e^{−hτ} ≈ 5e-3 by τ = 6: well inside 1%.
      expect(Math.abs(row.excessRate.slope / row.exactRate - 1), row.label).toBeLessThan(0.01);
      expect(Math.abs(row.smoothnessExcessRate.slope / (row.exactRate / 2) - 1), row.label).toBeLessThan(0.01);
    }
    for (const row of hb) {
      const measured = row.excessRate.slope / gd.excessRate.slope;
      expect(Math.abs(measured / (row.exactRate / gd.exactRate) - 1), row.label).toBeLessThan(0.02);
      // …and the first-order (1+β)/(1−β) up to its O(η) correction (≤ 4% at β = 0.8, η_eff = 0.005).
      expect(Math.abs(measured / ((1 + row.beta) / (1 - row.beta)) - 1), row.label).toBeLessThan(0.05);
    }
  });
});
