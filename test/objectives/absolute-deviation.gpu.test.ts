import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, pathDifferences, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { summarizeStatistics } from '../../src/stats/summarize';
import { testDevice } from '../support/gpu';

/** docs/math.md §5c: points (a_i, b_i) with a = (−2, −1, 0.5, 1, 3), b = (1, −1, 0, 2, −3), weights (1, 2); x* = (0.5, 0). */
const OBJECTIVE = { kind: 'absolute-deviation', points: [[-2, 1], [-1, -1], [0.5, 0], [1, 2], [3, -3]], weights: [1, 2] };

function spec(opts: { x0: unknown; lr: unknown; noise?: Record<string, unknown>; trajectories: number; steps: number; observables?: string[]; seed?: string }) {
  const experiment = assertExperiment({
    seed: opts.seed ?? 'absolute-deviation',
    objective: OBJECTIVE,
    ...(opts.noise ? { noise: opts.noise } : {}),
    dynamics: [{ kind: 'sgd', lr: opts.lr }],
    x0: opts.x0,
    trajectories: opts.trajectories,
    steps: opts.steps,
    record: { observables: opts.observables ?? ['mean'] },
  });
  return ensembleSpec(experiment, expandRuns(experiment)[0]);
}

describe('absolute deviation on the GPU (nonsmooth finite sum, Clarke subgradient with sign(0) = 0)', () => {
  it.each([
    { x0: [0.5, 0], x1: [0.5, 0], why: 'x*: every coordinate on a kink with balanced counts, the subgradient is 0' },
    { x0: [1, 2], x1: [0.6, 0.4], why: 'kinks at a = 1 and b = 2 count 0: ∇f = (0.4, 1.6)' },
    { x0: [-3, 5], x1: [-2, 3], why: 'all points on one side: ∇f = (−1, 2)' },
  ])('one full-subgradient step with lr = 1 from $x0 lands on $x1 ($why)', async ({ x0, x1 }) => {
    const gpu = await testDevice();
    const s = spec({ x0, lr: 1, trajectories: 64, steps: 1 });
    const g = await runEnsembleGpu(gpu, s, { keepFinalState: true });
    const x = g.finalState!;
    // w·count/N and x − g in f32: within 2u·|x| of the exact value.
    for (let t = 0; t < 64; t++) for (let j = 0; j < 2; j++) expect(Math.abs(x[t * 2 + j] - x1[j])).toBeLessThan(1e-6);
  });

  it('one mini-batch step (b = 1) from x* replays the same sample on GPU and CPU: every x1 equal exactly, each of the 5 samples drawn', async () => {
    const gpu = await testDevice();
    const s = spec({ x0: [0.5, 0], lr: 1, noise: { kind: 'minibatch', batchSize: 1 }, trajectories: 1024, steps: 1 });
    const g = await runEnsembleGpu(gpu, s, { trackTrajectories: 1024 });
    const r = await runEnsembleReference(s, { trackTrajectories: 1024 });
    // x1 = x* − w ⊙ sign(x* − a_i): small integers and halves, exact in f32 (sign(0) = 0 for sample 2).
    expect(pathDifferences(g.tracked!, r.tracked!).maxAbs).toBe(0);
    const landed = new Set<string>();
    for (let t = 0; t < 1024; t++) landed.add(`${g.tracked![1][2 * t]},${g.tracked![1][2 * t + 1]}`);
    expect([...landed].sort()).toEqual(['-0.5,-2', '-0.5,2', '0.5,0', '1.5,-2', '1.5,2']);
  });

  it('mini-batch SGD (b = 1, lr 0.5·r·(k + 1)^−0.6, r ~ U[0.5, 1.5]) approaches x* = (0.5, 0): E‖X − x*‖² and E f from the GPU match the reference', async () => {
    const gpu = await testDevice();
    const steps = 2000;
    const s = spec({
      x0: { kind: 'gaussian', mean: [0, 0], std: [3, 3] },
      lr: { kind: 'inverse-power', scale: 0.5, power: 0.6, randomScale: [0.5, 1.5] },
      noise: { kind: 'minibatch', batchSize: 1 },
      trajectories: 512,
      steps,
      observables: ['mean', 'loss', 'distance'],
      seed: 'median',
    });
    const g = summarizeStatistics((await runEnsembleGpu(gpu, s)).statistics, 1);
    const r = summarizeStatistics((await runEnsembleReference(s)).statistics, 1);
    console.info(
      `absolute deviation, b = 1, ${steps} steps: E‖X − x*‖² = ${g.distance!.value[1].toExponential(3)} (reference ${r.distance!.value[1].toExponential(3)}), ` +
        `E f = ${g.loss!.value[1].toFixed(5)} (f(x*) = 4.2)`,
    );
    // Both sides run the same paths up to f32 rounding (a path whose f32 and f64 iterates fall on opposite
    // sides of a kink would part, at most a step η_k·w away): the statistics agree far inside one SE.
    expect(Math.abs(g.distance!.value[1] - r.distance!.value[1])).toBeLessThan(0.1 * r.distance!.standardError[1] + 1e-9);
    expect(Math.abs(g.loss!.value[1] - r.loss!.value[1])).toBeLessThan(0.1 * r.loss!.standardError[1] + 1e-6);
    // Started at E‖X − x*‖² ≈ 18; the last steps have η ≈ 0.5·2000^−0.6 ≈ 5e-3 against subgradients of
    // size w = 1, 2 with a drift of only 0.2, 0.4 near x*, so the iterates jitter a few η·w around x*.
    expect(g.distance!.value[0]).toBeGreaterThan(10);
    expect(g.distance!.value[1]).toBeLessThan(1e-2);
    expect(g.loss!.value[1] - 4.2).toBeLessThan(0.03);
  });
});
