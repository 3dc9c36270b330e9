import { describe, expect, it } from 'vitest';
import { pathDifferences, runEnsembleGpu, runEnsembleReference, type EnsembleSpec } from '../../src/index';
import { specLoopIterationsPerStep } from '../../src/ensemble/chunking';
import { specNoise } from '../../src/ensemble/kernels';
import type { LeastSquaresObjective } from '../../src/objectives/least-squares';
import type { LogisticObjective } from '../../src/objectives/logistic';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { RngPurpose } from '../../src/rng/streams';
import { testDevice } from '../support/gpu';
import { sgdExperiment, specOf } from './finite-sum-fixtures';

const U = 2 ** -24; // unit roundoff of f32
const TRAJECTORIES = 512;
const STEPS = 300;
const CHECKPOINTS = [0, 1, 150, 300];
const X0 = [2, -1, 0.5, 1];

/** Replays the float64 paths of the first n trajectories step by step: the largest |x_j| they reach. */
function maxAbsAlongPaths(spec: EnsembleSpec, n: number): number {
  const d = spec.dim;
  const f = spec.objective.descriptor.reference(spec.objective.value, d);
  const noise = specNoise(spec);
  const dynamics = spec.dynamics.descriptor.reference(spec.dynamics.value, spec.objective.value, f, d, noise.descriptor.reference(noise.value, f, d));
  const x = new Float64Array(d);
  const z = new Float64Array(d);
  let max = 0;
  for (let t = 0; t < n; t++) {
    const stream = new TrajectoryStream(spec.key, t);
    stream.normals(0, RngPurpose.INIT, d, z);
    for (let i = 0; i < d; i++) x[i] = spec.initial.mean[i] + spec.initial.std[i] * z[i];
    dynamics.init?.(x, stream);
    for (let k = 0; k < spec.steps; k++) {
      dynamics.step(x, k, stream);
      for (let i = 0; i < d; i++) max = Math.max(max, Math.abs(x[i]));
    }
  }
  return max;
}

/**
 * A worst-case bound on |x_gpu − x_cpu| after K SGD steps x' = x − η g_B(x), both
 * sides fed the same batches (exact integer index draws) and the same data (the
 * generated data is exact in f32). The error obeys e_{k+1} = J_k e_k + δ_k, where
 * J_k = I − η[(1/b) Σ_{i∈B} h_i a_i a_iᵀ + λI] averaged along the segment between the
 * paths (h_i = 1 for least squares, σσ' ∈ (0, ¼] for logistic): symmetric with
 * eigenvalues in [1 − η(L + λ), 1], L = max_i h‖a_i‖², so ‖J_k‖₂ ≤ 1 whenever
 * η(L + λ) ≤ 2 (asserted). Hence |e_K|∞ ≤ ‖e_K‖₂ ≤ Σ_k ‖δ_k‖₂ ≤ K·√d·max|δ|∞.
 * The local error of one f32 step, with X = max|x_j| along the paths (+0.01 for the
 * GPU's own distance from them), A = max|a_ij|, A₁ = max‖a_i‖₁, Y = max|y_i|:
 * - least squares: r_i = a_iᵀx − y_i by d fmas errs ≤ (d + 1)u·R with R = A₁X + Y; the
 *   weight (1/b) and the product c_i = r_i/b add 2u; b fmas into g add b·u·Σ|c_i a_ij|:
 *   |δg| ≤ (d + 3 + b)u·A·R, and |g| ≤ G = A·R;
 * - logistic: the margin errs ≤ (d + 1)u·A₁X, moving σ by at most a quarter of that;
 *   WGSL's exp is accurate to 3 + 2|m| ULP (≤ 2u each) at |m| ≤ M = A₁X, and the
 *   division, select and products add 4u: |δc_i| ≤ (1/b)[(10 + 4M)u + (d + 1)u·A₁X/4];
 *   two fmas per sample (data and λx terms) add 2b·u(A + λX):
 *   |δg| ≤ A·u[(10 + 4M) + (d + 1)A₁X/4] + 2b·u(A + λX) + 2u·λX, and G = A + λX;
 * - the update x − η g (one fma, η rounded to f32): η|δg| + u(X + 2ηG).
 */
function sgdF32ErrorBound(o: LeastSquaresObjective | LogisticObjective, eta: number, b: number, X0max: number): number {
  const d = o.A[0].length;
  const X = X0max + 0.01;
  const A = Math.max(...o.A.map((row) => Math.max(...row.map(Math.abs))));
  const A1 = Math.max(...o.A.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
  const L2max = Math.max(...o.A.map((row) => row.reduce((s, v) => s + v * v, 0)));
  let dg: number;
  let G: number;
  if (o.kind === 'least-squares') {
    expect(eta * L2max, 'η·max‖a_i‖² ≤ 2 keeps ‖J_k‖₂ ≤ 1').toBeLessThanOrEqual(2);
    const R = A1 * X + Math.max(...o.y.map(Math.abs));
    dg = (d + 3 + b) * U * A * R;
    G = A * R;
  } else {
    expect(eta * (L2max / 4 + o.l2), 'η(max‖a_i‖²/4 + λ) ≤ 2 keeps ‖J_k‖₂ ≤ 1').toBeLessThanOrEqual(2);
    const M = A1 * X;
    dg = A * U * (10 + 4 * M + ((d + 1) * A1 * X) / 4) + 2 * b * U * (A + o.l2 * X) + 2 * U * o.l2 * X;
    G = A + o.l2 * X;
  }
  const local = eta * dg + U * (X + 2 * eta * G);
  return STEPS * Math.sqrt(d) * local;
}

/** RMS over trajectories and coordinates of x − mean(x) at one checkpoint: how far different batches move the paths. */
function spread(states: ArrayLike<number>, d: number): number {
  const n = states.length / d;
  let total = 0;
  for (let i = 0; i < d; i++) {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += states[t * d + i] / n;
    for (let t = 0; t < n; t++) total += (states[t * d + i] - mean) ** 2;
  }
  return Math.sqrt(total / (n * d));
}

const CASES = [
  { name: 'least squares', objective: { kind: 'least-squares', generate: { samples: 64, features: 4, noise: 0.5, seed: 'paths-ls' } }, lr: 0.05 },
  { name: 'logistic (λ = 0.01)', objective: { kind: 'logistic', generate: { samples: 64, features: 4, noise: 0.5, seed: 'paths-logistic' }, l2: 0.01 }, lr: 0.25 },
] as const;

describe('SGD with mini-batch noise: GPU paths equal the float64 reference path by path (same batches replayed)', () => {
  for (const c of CASES) {
    for (const replacement of [false, true]) {
      it(`${c.name}, N = 64, d = 4, b = 8 ${replacement ? 'with' : 'without'} replacement, ${TRAJECTORIES} trajectories × ${STEPS} steps: within the f32 error bound`, async () => {
        const gpu = await testDevice();
        const experiment = sgdExperiment({
          objective: c.objective,
          noise: { kind: 'minibatch', batchSize: 8, replacement },
          lr: c.lr,
          x0: X0,
          trajectories: TRAJECTORIES,
          steps: STEPS,
          seed: `paths-${replacement}`,
        });
        const spec = specOf(experiment, CHECKPOINTS);
        const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
        const r = await runEnsembleReference(spec, { trackTrajectories: TRAJECTORIES });
        const diff = pathDifferences(g.tracked!, r.tracked!);
        const X = maxAbsAlongPaths(spec, TRAJECTORIES);
        const bound = sgdF32ErrorBound(experiment.objective as LeastSquaresObjective | LogisticObjective, c.lr, 8, X);
        // All paths start at the same x0, so after one step they differ by their batches alone:
        // a batch drawn differently on the GPU would move a path by about this much (one index
        // of b drawn differently: η(∇f_i − ∇f_j)/b, of RMS √(2/b) = ½ this spread at b = 8).
        const batchEffect = spread(r.tracked![1], 4);
        const perDispatch = Math.floor(65535 / specLoopIterationsPerStep(spec));
        console.info(
          `${c.name} b=8 ${replacement ? 'with' : 'without'} replacement: max |Δ| = ${diff.maxAbs.toExponential(3)}, RMS = ${diff.rms.toExponential(3)}, ` +
            `f32 bound = ${bound.toExponential(3)} (max|x| = ${X.toFixed(3)}), one-step batch spread = ${batchEffect.toExponential(3)}, ` +
            `steps per dispatch under llvmpipe's loop limit ≈ ${perDispatch} (${gpu.adapter.backend})`,
        );
        expect(g.count.every((n) => n === TRAJECTORIES)).toBe(true);
        expect(diff.maxAbs).toBeLessThanOrEqual(bound);
        // The check can tell batches apart: the bound is well below the effect of a different batch,
        // and the differences seen are far below even the effect of a single different index.
        expect(batchEffect).toBeGreaterThan(10 * bound);
        expect(diff.maxAbs).toBeLessThan(1e-3 * Math.sqrt(2 / 8) * batchEffect);
      });
    }
  }

  it('b = 256 without replacement (Floyd: b² loop trips a step): one step per dispatch on llvmpipe GLES, paths still equal the reference', async () => {
    const gpu = await testDevice();
    const steps = 6;
    const experiment = sgdExperiment({
      objective: { kind: 'least-squares', generate: { samples: 300, features: 2, noise: 1, seed: 'big-batch' } },
      noise: { kind: 'minibatch', batchSize: 256 },
      lr: 0.1,
      x0: [3, -3],
      trajectories: 256,
      steps,
    });
    const spec = specOf(experiment, [0, steps]);
    const perStep = specLoopIterationsPerStep(spec);
    // Floyd alone runs 256·255/2 = 32,640 inner trips: two steps would pass 65,535.
    expect(perStep).toBeGreaterThan(65535 / 2);
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: 256 });
    const r = await runEnsembleReference(spec, { trackTrajectories: 256 });
    const diff = pathDifferences(g.tracked!, r.tracked!);
    // 6 contracting steps (η·max‖a_i‖² < 2) of local error ≲ (d + 3 + b)u·A·R·η + u(X + 2ηG) ≈ 2e-5
    // with A·R ≲ 4·(8·3 + 10): 1e-4 is a safe bound; a wrong batch moves x by ~η·|∇f_i − ∇f_j|/b ≈ 1e-3 or more.
    console.info(`b=256 without replacement: max |Δ| = ${diff.maxAbs.toExponential(3)}, loop iterations per step ≤ ${perStep} (${gpu.adapter.backend})`);
    expect(diff.maxAbs).toBeLessThan(1e-4);

    if (gpu.adapter.maxLoopIterations !== null) {
      // Control on llvmpipe GLES: the same run with the mini-batch's loop cost declared as
      // 10 iterations puts all 6 steps in one dispatch; the driver then silently cuts the
      // loops and the paths go wrong. This is what the accounting prevents.
      const n = spec.noise!;
      const undercounted: EnsembleSpec = { ...spec, noise: { descriptor: { ...n.descriptor, loopIterationsPerStep: () => 10 }, value: n.value } };
      const broken = await runEnsembleGpu(gpu, undercounted, { trackTrajectories: 256 });
      const brokenDiff = pathDifferences(broken.tracked!, r.tracked!);
      console.info(`control, loop cost undercounted: max |Δ| = ${brokenDiff.maxAbs.toExponential(3)}`);
      expect(brokenDiff.maxAbs).toBeGreaterThan(1e-2);
    }
  });
});
