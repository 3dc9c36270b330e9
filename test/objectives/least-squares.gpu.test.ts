import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, pathDifferences, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { leastSquares, leastSquaresNormalEquations, type LeastSquaresObjective } from '../../src/objectives/least-squares';
import { summarizeStatistics } from '../../src/stats/summarize';
import { testDevice } from '../support/gpu';

const U = 2 ** -24;
const ETA = 0.1;
const STEPS = 60;
const TRAJECTORIES = 4096;
/** Data given in the file, not exact in f32 (0.1, 0.3 …): the GPU works with their f32 roundings. */
const DATA = { A: [[1, 0.1, -0.5], [0.3, 1, 0.2], [-0.7, 0.4, 1], [1.1, -0.3, 0.6], [0.2, 0.9, -0.8], [0.5, 0.5, 0.5]], y: [1.3, -0.2, 0.7, 2.1, -1.4, 0.1] };
const X0 = { kind: 'gaussian', mean: [2, -1, 0.5], std: [0.5, 1, 0.25] };

function fullGradientSpec() {
  const experiment = assertExperiment({
    seed: 'ls-full',
    objective: { kind: 'least-squares', data: DATA },
    dynamics: [{ kind: 'sgd', lr: ETA }],
    x0: X0,
    trajectories: TRAJECTORIES,
    steps: STEPS,
    record: { every: 20, observables: ['mean', 'variance', 'loss', 'distance'] },
  });
  return { experiment, spec: ensembleSpec(experiment, expandRuns(experiment)[0]) };
}

/** The exact law of full-gradient descent from X0 ~ N(m0, C0): X_k ~ N(m_k, C_k), m_{k+1} = M m_k + ηc, C_{k+1} = M C_k Mᵀ, M = I − ηH. */
function exactLaw(o: LeastSquaresObjective, steps: number) {
  const { H, c } = leastSquaresNormalEquations(o);
  const d = c.length;
  const M = H.map((row, i) => row.map((h, j) => (i === j ? 1 : 0) - ETA * h));
  let m = [...X0.mean];
  let C = X0.std.map((s, i) => X0.std.map((_, j) => (i === j ? s * s : 0)));
  const laws = [{ m, C }];
  for (let k = 0; k < steps; k++) {
    m = M.map((row, i) => row.reduce((acc, v, j) => acc + v * m[j], ETA * c[i]));
    const MC = M.map((row) => C[0].map((_, j) => row.reduce((acc, v, l) => acc + v * C[l][j], 0)));
    C = MC.map((row) => M.map((mrow) => row.reduce((acc, v, l) => acc + v * mrow[l], 0)));
    laws.push({ m, C });
  }
  void d;
  return laws;
}

describe('least squares on the GPU (full gradient: objective_grad loops over the samples in the storage buffer)', () => {
  it('gradient descent, N = 6 given samples, d = 3, 4,096 trajectories × 60 steps: equal to the float64 reference path by path', async () => {
    const gpu = await testDevice();
    const { spec } = fullGradientSpec();
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
    const r = await runEnsembleReference(spec, { trackTrajectories: TRAJECTORIES });
    const diff = pathDifferences(g.tracked!, r.tracked!);
    // Bound as in test/noise/minibatch-paths.gpu.test.ts: ‖I − ηH‖₂ ≤ 1 (η·λmax(H) ≤ 2), so the error
    // sums the local errors, K·√d·max|δ|. One step: the N = 6 residuals (d fmas each) and their sum,
    // plus the f32 rounding of the data (u relative on a_ij and y_i): |δg| ≤ (d + 5 + N)u·A·R with
    // R = A₁X + Y; the update adds η|δg| + u(X + 2ηG), G = A·R. Since ‖x_k − x*‖₂ never grows,
    // X = |x*|∞ + max over paths of ‖x_0 − x*‖₂ bounds every |x_k|∞ (+0.01 for the GPU's distance).
    const o = spec.objective.value as LeastSquaresObjective;
    const xStar = leastSquares.minimizer(o)!;
    const { H } = leastSquaresNormalEquations(o);
    const lambdaMax = Math.max(...H.map((row) => row.reduce((s, v) => s + Math.abs(v), 0))); // Gershgorin
    expect(ETA * lambdaMax).toBeLessThanOrEqual(2);
    const start = r.tracked![0];
    let radius = 0;
    for (let t = 0; t < TRAJECTORIES; t++) radius = Math.max(radius, Math.hypot(...xStar.map((v, i) => start[t * 3 + i] - v)));
    const X = Math.max(...xStar.map(Math.abs)) + radius + 0.01;
    const A = Math.max(...o.A.flat().map(Math.abs));
    const A1 = Math.max(...o.A.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
    const R = A1 * X + Math.max(...o.y.map(Math.abs));
    const local = ETA * (3 + 5 + 6) * U * A * R + U * (X + 2 * ETA * A * R);
    const bound = STEPS * Math.sqrt(3) * local;
    const maxState = Math.max(...r.tracked!.map((s) => Math.max(...Array.from(s, Math.abs))));
    console.info(`least squares full gradient: max |Δ| = ${diff.maxAbs.toExponential(3)}, f32 bound = ${bound.toExponential(3)}, max|x| = ${maxState.toFixed(2)} (X = ${X.toFixed(2)})`);
    expect(maxState).toBeLessThan(X);
    expect(diff.maxAbs).toBeLessThanOrEqual(bound);
  });

  it('E f(X_k) and E‖X_k − x*‖² from the GPU reduction (objective_loss over the samples) match the exact Gaussian law within 5 SE', async () => {
    const gpu = await testDevice();
    const { spec } = fullGradientSpec();
    const o = spec.objective.value as LeastSquaresObjective;
    const xStar = leastSquares.minimizer(o)!;
    const g = await runEnsembleGpu(gpu, spec);
    const s = summarizeStatistics(g.statistics, ETA);
    const laws = exactLaw(o, STEPS);
    const zs: string[] = [];
    spec.checkpoints.forEach((k, c) => {
      const { m, C } = laws[k];
      const loss = leastSquares.gaussianExpectation(o, m, C);
      const distance = C.reduce((acc, row, i) => acc + row[i] + (m[i] - xStar[i]) ** 2, 0);
      const zLoss = (s.loss!.value[c] - loss) / s.loss!.standardError[c];
      const zDistance = (s.distance!.value[c] - distance) / s.distance!.standardError[c];
      zs.push(`k=${k}: z(f) = ${zLoss.toFixed(2)}, z(dist) = ${zDistance.toFixed(2)}`);
      expect(Math.abs(zLoss), `loss at step ${k}`).toBeLessThan(5);
      expect(Math.abs(zDistance), `distance at step ${k}`).toBeLessThan(5);
    });
    console.info(`least squares E f and E‖X − x*‖² vs the exact law: ${zs.join('; ')}`);
    // The run moved: E f fell from its start toward f(x*).
    expect(s.loss!.value.at(-1)!).toBeLessThan(0.5 * s.loss!.value[0]);
  });
});
