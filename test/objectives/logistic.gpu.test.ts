import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, pathDifferences, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { symmetricEigen } from '../../src/linalg/symmetric-eigen';
import { logistic, type LogisticObjective } from '../../src/objectives/logistic';
import { summarizeStatistics } from '../../src/stats/summarize';
import { testDevice } from '../support/gpu';

function logisticSpec(objective: Record<string, unknown>, lr: number, x0: unknown, trajectories: number, steps: number, seed: string) {
  const experiment = assertExperiment({
    seed,
    objective: { kind: 'logistic', ...objective },
    dynamics: [{ kind: 'sgd', lr }],
    x0,
    trajectories,
    steps,
    record: { observables: ['mean', 'loss', ...(objective.l2 ? ['distance'] : [])] },
  });
  return ensembleSpec(experiment, expandRuns(experiment)[0]);
}

describe('logistic regression on the GPU', () => {
  it('softplus and σ are stable in f32: margins of several hundred (e^m overflows f32 past 88) give the float64 loss and step', async () => {
    const gpu = await testDevice();
    // Features of size 100 and x0 ~ N(0, 2²): margins y_i a_iᵀx reach ±1,000, where a naive
    // log(1 + exp(−m)) is +∞ or exactly 0 in f32.
    const data = { A: [[100, 0], [0, 100], [-100, 50], [30, -80]], y: [1, -1, 1, -1] };
    const spec = logisticSpec({ data }, 1e-3, { kind: 'gaussian', mean: [0, 0], std: [2, 2] }, 1024, 1, 'extreme-margins');
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: 1024 });
    const r = await runEnsembleReference(spec, { trackTrajectories: 1024 });
    expect(g.count).toEqual([1024, 1024]);
    const sg = summarizeStatistics(g.statistics, 1);
    const sr = summarizeStatistics(r.statistics, 1);
    // E f(x0) ≈ 80: f32 loss per trajectory to ~1e-6 relative (softplus ≈ max(t, 0) + tiny), 1e-5 leaves room for the f32 reduction.
    for (const c of [0, 1]) {
      expect(Number.isFinite(sg.loss!.value[c])).toBe(true);
      expect(Math.abs(sg.loss!.value[c] - sr.loss!.value[c])).toBeLessThan(1e-5 * sr.loss!.value[c]);
    }
    // The step x1 = x0 − η∇f(x0): σ(−m) is 0 or 1 to f32 rounding at such margins, |∇f| ≤ max‖a_i‖∞ = 100.
    const diff = pathDifferences(g.tracked!, r.tracked!);
    // |m| ≤ ‖a_i‖₁·max|x0_j| ≤ 150 · 2 · 6.4 (the normal transform never exceeds 6.4).
    console.info(`logistic at margins up to ${150 * 2 * 6.4}: E f = ${sg.loss!.value[0].toFixed(3)} (reference ${sr.loss!.value[0].toFixed(3)}), one-step max |Δ| = ${diff.maxAbs.toExponential(3)}`);
    // |x1| ≲ 13 + 0.1: f32 rounding of x0, of η·g (|η g| ≤ 0.1) and of the fma, ≤ 4u·13 ≈ 3e-6.
    expect(diff.maxAbs).toBeLessThan(1e-5);
    expect(sr.loss!.value[0]).toBeGreaterThan(50);
  });

  it('gradient descent with λ = 0.1 (N = 32, d = 3) converges to the Newton minimizer: E‖X − x*‖² → f32 rounding, E f → f(x*)', async () => {
    const gpu = await testDevice();
    const objective = { generate: { samples: 32, features: 3, noise: 1, seed: 'converge' }, l2: 0.1 };
    const probe = logisticSpec(objective, 1, [0, 0, 0], 256, 1, 'converge');
    const o = probe.objective.value as LogisticObjective;
    // ∇²f ⪯ AᵀA/(4N) + λI everywhere: η = 1/L keeps every step contracting, by ≤ 1 − λ/L.
    const gram = [0, 1, 2].map((i) => [0, 1, 2].map((j) => o.A.reduce((s, row) => s + row[i] * row[j], 0) / (4 * o.A.length)));
    const L = Math.max(...symmetricEigen(gram).values) + o.l2;
    const steps = 200;
    const spec = logisticSpec(objective, 1 / L, { kind: 'gaussian', mean: [0, 0, 0], std: [3, 3, 3] }, 256, steps, 'converge');
    const g = await runEnsembleGpu(gpu, spec);
    const s = summarizeStatistics(g.statistics, 1);
    const xStar = logistic.minimizer(o, 3)!;
    const fStar = logistic.reference(o, 3).loss(Float64Array.from(xStar));
    console.info(
      `logistic GD (η = 1/L = ${(1 / L).toFixed(3)}, ${steps} steps): E‖X − x*‖² = ${s.distance!.value[1].toExponential(3)}, E f − f(x*) = ${(s.loss!.value[1] - fStar).toExponential(3)}`,
    );
    // (1 − λ/L)^200 · E‖X0 − x*‖² ≪ 1e-12: what is left is the f32 fixed point, |x| ≈ 1 → errors ≈ 1e-6.
    expect(s.distance!.value[1]).toBeLessThan(1e-10);
    expect(Math.abs(s.loss!.value[1] - fStar)).toBeLessThan(1e-5 * fStar);
    expect(s.distance!.value[0]).toBeGreaterThan(10);
  });
});
