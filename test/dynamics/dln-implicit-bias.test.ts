import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/internal';
import { exampleExperiment } from '../support/example-experiment';

// docs/math.md §3d: the gradient-flow limit of the diagonal linear network and the GD/HB limits.
const W_GRADIENT_FLOW = [0.972628, 0.170521, -0.043872, -0.343636, -0.065612, 0.006943];

describe('implicit bias of heavy-ball on a diagonal linear network (experiments/dln-implicit-bias.json, float64)', () => {
  it('GD and HB (β = 0.5) reach the limits of docs/math.md §3d: ‖w‖₁ and ‖w − w_GF‖ = O(η), HB farther from the gradient-flow limit than GD', async () => {
    const result = await runExperiment(exampleExperiment('dln-implicit-bias'), { device: 'cpu' });
    const limits = result.runs.map((run) => {
      const m = run.series.mean!.at(-1)!;
      const w = m.slice(0, 6).map((u, i) => u * u - m[6 + i] * m[6 + i]);
      return { label: run.label, l1: w.reduce((a, b) => a + Math.abs(b), 0), fromGf: Math.hypot(...w.map((v, i) => v - W_GRADIENT_FLOW[i])), loss: run.series.loss!.value.at(-1)! };
    });
    console.info(limits.map((l) => `${l.label}: ‖w‖₁ = ${l.l1.toFixed(6)}, ‖w − w_GF‖ = ${l.fromGf.toExponential(3)}`).join('; '));
    // docs/math.md §3d's table (β = 0 is GD): ‖w‖₁ 1.603404, 1.604284, 1.603308, 1.603763; ‖w − w_GF‖ 2.82e-3, 1.50e-2, 1.41e-3, 7.94e-3.
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

describe('heavy-ball = gradient flow from a rescaled initialization (docs/math.md §3c, DLN)', () => {
  it('u_i v_i(∞) = α_eff,i² with α_eff,i = α·exp(−2η(1+β)/(1−β)³ ∫ g_i(w)² ds): measured/predicted exponent within 5% for η = 0.005 (β = 0 and 0.5)', async () => {
    const { diagonalNet } = await import('../../src/objectives/diagonal-net');
    const experiment = exampleExperiment('dln-implicit-bias');
    const objective = experiment.objective as import('../../src/objectives/diagonal-net').DiagonalNetObjective;
    const f = diagonalNet.reference(objective);
    const alpha = 0.1;
    const eta = 0.005;
    const steps = 400_000;
    const n = objective.targets.length;
    const ratios: Record<string, number[]> = {};
    const finals: Record<string, Float64Array> = {};
    for (const beta of [0, 0.5]) {
      // Replay HB on (u, v) in float64 (the engine's recursion), accumulating ∫ g_i(w)² ds ≈ η Σ_k g_i(w_k)²
      // with g(w) = Xᵀ(Xw − y)/n the gradient in w.
      const x = new Float64Array(12).fill(alpha);
      const previous = Float64Array.from(x);
      const grad = new Float64Array(12);
      const integral = new Float64Array(6);
      for (let k = 0; k < steps; k++) {
        const w = Array.from({ length: 6 }, (_, i) => x[i] * x[i] - x[6 + i] * x[6 + i]);
        const r = objective.inputs.map((a, s) => a.reduce((acc, v, i) => acc + v * w[i], 0) - objective.targets[s]);
        for (let i = 0; i < 6; i++) {
          const g = objective.inputs.reduce((acc, a, s) => acc + a[i] * r[s], 0) / n;
          integral[i] += eta * g * g;
        }
        f.grad(x, grad);
        for (let i = 0; i < 12; i++) {
          const next = x[i] - eta * grad[i] + beta * (x[i] - previous[i]);
          previous[i] = x[i];
          x[i] = next;
        }
      }
      finals[beta] = Float64Array.from(x);
      ratios[beta] = Array.from(integral, (I, i) => Math.log((x[i] * x[6 + i]) / (alpha * alpha)) / ((-4 * eta * (1 + beta)) / (1 - beta) ** 3 * I));
    }
    console.info(`DLN log(u_i v_i/α²)/prediction at η = 0.005: β = 0: ${ratios[0].map((v) => v.toFixed(3)).join(', ')}; β = 0.5: ${ratios[0.5].map((v) => v.toFixed(3)).join(', ')}`);
    for (const r of [...ratios[0], ...ratios[0.5]]) expect(Math.abs(r - 1)).toBeLessThan(0.05);
    // The engine's own heavy-ball run (the float64 reference, item 'HB lr=0.005') ends where this replay does.
    const result = await runExperiment({ ...experiment, dynamics: [experiment.dynamics[3]] }, { device: 'cpu' });
    const m = result.runs[0].series.mean!.at(-1)!;
    m.forEach((v, i) => expect(Math.abs(v - finals[0.5][i])).toBeLessThan(1e-9));
  });
});
