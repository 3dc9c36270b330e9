import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExperimentJson, runExperiment } from '../../src/index';

// MATH.md §3d: the gradient-flow limit of the diagonal linear network and the GD/HB limits.
const W_GRADIENT_FLOW = [0.972628, 0.170521, -0.043872, -0.343636, -0.065612, 0.006943];

describe('implicit bias of heavy-ball on a diagonal linear network (experiments/dln-implicit-bias.json, float64)', () => {
  it('GD and HB (β = 0.5) reach MATH.md’s limits: ‖w‖₁ and ‖w − w_GF‖ = O(η), HB farther from the gradient-flow limit than GD', async () => {
    const parsed = parseExperimentJson(readFileSync(new URL('../../experiments/dln-implicit-bias.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const result = await runExperiment(parsed.experiment, { device: 'cpu' });
    const limits = result.runs.map((run) => {
      const m = run.series.mean!.at(-1)!;
      const w = m.slice(0, 6).map((u, i) => u * u - m[6 + i] * m[6 + i]);
      return { label: run.label, l1: w.reduce((a, b) => a + Math.abs(b), 0), fromGf: Math.hypot(...w.map((v, i) => v - W_GRADIENT_FLOW[i])), loss: run.series.loss!.value.at(-1)! };
    });
    console.info(limits.map((l) => `${l.label}: ‖w‖₁ = ${l.l1.toFixed(6)}, ‖w − w_GF‖ = ${l.fromGf.toExponential(3)}`).join('; '));
    // MATH.md's table (β = 0 is GD): ‖w‖₁ 1.603404, 1.604284, 1.603308, 1.603763; ‖w − w_GF‖ 2.82e-3, 1.50e-2, 1.41e-3, 7.94e-3.
    const expected = [
      [1.603404, 2.82e-3],
      [1.604284, 1.5e-2],
      [1.603308, 1.41e-3],
      [1.603763, 7.94e-3],
    ];
    limits.forEach((l, i) => {
      expect(l.loss).toBeLessThan(1e-20); // converged: ‖Xw − y‖ < 1e-10
      expect(l.l1).toBeCloseTo(expected[i][0], 5);
      expect(Math.abs(l.fromGf - expected[i][1]) / expected[i][1]).toBeLessThan(0.01);
    });
    expect(limits[1].fromGf).toBeGreaterThan(3 * limits[0].fromGf);
    expect(limits[3].fromGf).toBeGreaterThan(3 * limits[2].fromGf);
    // O(η): halving η halves the distance to the gradient-flow limit (within 10%).
    expect(limits[1].fromGf / limits[3].fromGf).toBeGreaterThan(1.8);
    expect(limits[1].fromGf / limits[3].fromGf).toBeLessThan(2.1);
  });
});
