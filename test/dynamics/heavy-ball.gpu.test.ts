import { describe, expect, it } from 'vitest';
import type { HeavyBallDynamics } from '../../src/dynamics/heavy-ball';
import type { Experiment } from '../../src/experiment/index';
import { psdFactor } from '../../src/linalg/factor';
import type { GaussianNoise } from '../../src/noise/gaussian';
import type { QuadraticObjective } from '../../src/objectives/quadratic';
import { heavyBallQuadraticLaw } from '../../src/oracles';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { NORMAL_F32_MAX_ABS_DIFF } from '../../src/rng/random';
import { RngPurpose } from '../../src/rng/streams';
import { scheduleFactor, scheduleValue } from '../../src/schedules/schedule';
import { assertExperiment, ensembleSpec, expandRuns, pathDifferences, runEnsembleGpu, runEnsembleReference, runExperiment } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { propagatedBound } from '../support/propagated-bound';

const Z5 = 5;
/** Unit roundoff of f32. */
const U = 2 ** -24;

const A = [[2, 0.5], [0.5, 1]];
const b = [0.4, -0.2];
const Sigma = [[1, 0.2], [0.2, 0.5]];

/** P ← P·J (n×n, row-major), through a scratch buffer. */
function multiplyInto(P: Float64Array, J: Float64Array, n: number, scratch: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += P[i * n + k] * J[k * n + j];
      scratch[i * n + j] = s;
    }
  }
  P.set(scratch);
}

/** Relative error of the f32 step size η_k·r: the schedule's pow (a few ulp per WGSL's accuracy rules, generously 32), r's fma and the product. */
const LR_RELATIVE_ERROR = 64 * U;

/**
 * The f32 error bound of each tracked heavy-ball trajectory at each checkpoint,
 * from its float64 path. The GPU carries (x, v) and computes
 *   g = ∇f(x) + L z,  v' = fma(β, v, −λ g),  x' = x + v'   (λ = η_k r),
 * so one step's local error is, per coordinate,
 *   δv = u β|v| + u|v'| + u λ|g| + ε_λ λ|g| + λ δg,  δx = δv + u|x'|,
 * with δg = 2(d + 3) u (T(x) + Σ|L z|) + Σ_j |L_ij| · NORMAL_F32_MAX_ABS_DIFF
 * (every product and sum in the gradient and the noise, the f32 rounding of the
 * parameters, the GPU/CPU normal gap); T(x) is the sum of the magnitudes of the
 * terms of ∇f(x). The step Jacobian on (x, v) is [[I − λH, βI], [−λH, βI]].
 * The initial state x0 = mean + std·z differs by std·NORMAL_F32_MAX_ABS_DIFF + 2u|x0|.
 * Also returns the float64 paths at the checkpoints (they must equal the reference's).
 */
function heavyBallPathBounds(experiment: Experiment, trajectories: number, gradientTerms: (x: Float64Array, out: Float64Array) => void) {
  const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
  const { dim: d, checkpoints } = spec;
  const n = 2 * d;
  const item = spec.dynamics.value as HeavyBallDynamics;
  const f = spec.objective.descriptor.reference(spec.objective.value, d);
  const noise = spec.noise!.descriptor.reference(spec.noise!.value, f, d);
  const dynamics = spec.dynamics.descriptor.reference(item, spec.objective.value, f, d, noise);
  const L = psdFactor((spec.noise!.value as GaussianNoise).covariance);
  const lAbs = L.map((row) => row.reduce((s, v) => s + Math.abs(v), 0));
  const K = checkpoints.at(-1)!;
  const bounds = checkpoints.map(() => new Float64Array(trajectories));
  const paths = checkpoints.map(() => new Float64Array(trajectories * d));
  const [x, z, g, terms, v, column, unit] = Array.from({ length: 7 }, () => new Float64Array(d));
  const jacobians = Array.from({ length: K }, () => new Float64Array(n * n));
  const local = new Array<number>(K).fill(0);
  for (let t = 0; t < trajectories; t++) {
    const stream = new TrajectoryStream(spec.key, t);
    stream.normals(0, RngPurpose.INIT, d, z);
    let e0 = 0;
    for (let i = 0; i < d; i++) {
      x[i] = spec.initial.mean[i] + spec.initial.std[i] * z[i];
      e0 = Math.max(e0, spec.initial.std[i] * NORMAL_F32_MAX_ABS_DIFF + 2 * U * Math.abs(x[i]));
    }
    dynamics.init!(x, stream);
    const r = scheduleFactor(item.lr, stream, 0);
    v.fill(0);
    let c = 0;
    for (let k = 0; k <= K; k++) {
      if (k === checkpoints[c]) paths[c++].set(x, t * d);
      if (k === K) break;
      const lambda = scheduleValue(item.lr, k) * r;
      noise.grad(x, g, k, stream);
      gradientTerms(x, terms);
      stream.brownian(k, z);
      const J = jacobians[k];
      for (let j = 0; j < d; j++) {
        unit.fill(0);
        unit[j] = 1;
        f.hessVec(x, unit, column);
        for (let i = 0; i < d; i++) {
          J[i * n + j] = (i === j ? 1 : 0) - lambda * column[i];
          J[(d + i) * n + j] = -lambda * column[i];
          J[i * n + d + j] = i === j ? item.beta : 0;
          J[(d + i) * n + d + j] = i === j ? item.beta : 0;
        }
      }
      const before = Float64Array.from(x);
      dynamics.step(x, k, stream);
      let delta = 0;
      for (let i = 0; i < d; i++) {
        const vNext = x[i] - before[i];
        const lz = L[i].reduce((s, lij, j) => s + Math.abs(lij * z[j]), 0);
        const dg = 2 * (d + 3) * U * (terms[i] + lz) + lAbs[i] * NORMAL_F32_MAX_ABS_DIFF;
        const dv = U * item.beta * Math.abs(v[i]) + U * Math.abs(vNext) + (U + LR_RELATIVE_ERROR) * lambda * Math.abs(g[i]) + lambda * dg;
        delta = Math.max(delta, dv + U * Math.abs(x[i]));
        v[i] = vNext;
      }
      local[k] = delta;
    }
    checkpoints.forEach((k, ci) => (bounds[ci][t] = propagatedBound(n, k, jacobians, local, e0)));
  }
  return { spec, bounds, paths };
}

/** Runs GPU and reference on the same trajectories and checks every coordinate at every checkpoint against its bound. */
async function comparePaths(file: object, trajectories: number, gradientTerms: (x: Float64Array, out: Float64Array) => void) {
  const experiment = assertExperiment({ ...file, trajectories });
  const { spec, bounds, paths } = heavyBallPathBounds(experiment, trajectories, gradientTerms);
  const gpu = await runEnsembleGpu(await testDevice(), spec, { trackTrajectories: trajectories });
  const cpu = await runEnsembleReference(spec, { trackTrajectories: trajectories });
  // The bound was computed along the reference's own float64 paths.
  paths.forEach((p, c) => expect(Array.from(p)).toEqual(Array.from(cpu.tracked![c])));
  const d = spec.dim;
  let worstRatio = 0;
  let maxBound = 0;
  let maxState = 0;
  spec.checkpoints.forEach((_, c) => {
    for (let t = 0; t < trajectories; t++) {
      for (let i = 0; i < d; i++) {
        const difference = Math.abs(gpu.tracked![c][t * d + i] - cpu.tracked![c][t * d + i]);
        worstRatio = Math.max(worstRatio, difference === 0 ? 0 : difference / bounds[c][t]);
        maxState = Math.max(maxState, Math.abs(cpu.tracked![c][t * d + i]));
      }
      maxBound = Math.max(maxBound, bounds[c][t]);
    }
  });
  return { ...pathDifferences(gpu.tracked!, cpu.tracked!), worstRatio, maxBound, maxState, cpu, spec };
}

async function run(file: object) {
  return runExperiment(assertExperiment(file), { device: await testDevice() });
}

describe('heavy-ball on the GPU against its exact law on a quadratic', () => {
  it('without noise, from a Gaussian x0: every trajectory is x_k = P_k x_0 + q_k (the closed form) at every checkpoint, within the f32 error bound', async () => {
    // A deterministic linear recursion: the closed form run from each trajectory's own (f32) x0 must
    // match to rounding. P_k, q_k come from the exact law started at e_i and at 0 (no noise, cov0 = 0).
    const N = 4096;
    const [eta, beta, K] = [0.1, 0.7, 200];
    const experiment = assertExperiment({
      objective: { kind: 'quadratic', A, b },
      noise: { kind: 'none' },
      dynamics: [{ kind: 'heavy-ball', lr: eta, beta }],
      x0: { kind: 'gaussian', mean: [1, -1], std: [0.5, 0.3] },
      trajectories: N,
      steps: K,
      record: { every: 25, observables: ['mean', 'variance'] },
      seed: 'heavy-ball-deterministic',
    });
    const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
    const gpu = await runEnsembleGpu(await testDevice(), spec, { trackTrajectories: N });
    const steps = Array.from({ length: K + 1 }, (_, k) => k);
    const law = (mean0: number[]) => heavyBallQuadraticLaw({ A, b, eta, beta, mean0, cov0: [[0, 0], [0, 0]], steps }).map((l) => l.mean);
    const q = law([0, 0]);
    const columns = [law([1, 0]), law([0, 1])].map((m) => m.map((mk, k) => mk.map((v, i) => v - q[k][i])));
    const x0 = gpu.tracked![0];
    const exactAt = (t: number, k: number) => [0, 1].map((i) => columns[0][k][i] * x0[2 * t] + columns[1][k][i] * x0[2 * t + 1] + q[k][i]);
    // Magnitudes over every step of every path (exact), for the local error of one f32 step:
    // δ = u β V + u V + (u + ε) η G + η δg + u X with δg = 2(d + 3) u (‖A‖∞X + ‖b‖∞), ε = 2u (η and its product).
    let [X, V] = [0, 0];
    for (let t = 0; t < N; t++) {
      let previous = exactAt(t, 0);
      for (let k = 0; k <= K; k++) {
        const xk = exactAt(t, k);
        X = Math.max(X, ...xk.map(Math.abs));
        V = Math.max(V, ...xk.map((v, i) => Math.abs(v - previous[i])));
        previous = xk;
      }
    }
    const normA = Math.max(...A.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
    const G = normA * X + Math.max(...b.map(Math.abs));
    const delta = U * beta * V + U * V + 3 * U * eta * G + eta * 2 * 5 * U * G + U * X;
    // The (x, v) step matrix [[I − ηA, βI], [−ηA, βI]] is constant: the bound is δ Σ_{j<K} ‖M^j‖∞.
    const M = Float64Array.from([
      [1 - eta * A[0][0], -eta * A[0][1], beta, 0],
      [-eta * A[1][0], 1 - eta * A[1][1], 0, beta],
      [-eta * A[0][0], -eta * A[0][1], beta, 0],
      [-eta * A[1][0], -eta * A[1][1], 0, beta],
    ].flat());
    const jacobians = Array.from({ length: K }, () => M);
    const local = new Array<number>(K).fill(delta);
    let worst = 0;
    let worstRatio = 0;
    spec.checkpoints.forEach((k, c) => {
      const bound = propagatedBound(4, k, jacobians, local, 0);
      for (let t = 0; t < N; t++) {
        const exact = exactAt(t, k);
        for (let i = 0; i < 2; i++) {
          const difference = Math.abs(gpu.tracked![c][2 * t + i] - exact[i]);
          worst = Math.max(worst, difference);
          // At k = 0 the bound is 0 and x_0 must be reproduced exactly.
          worstRatio = Math.max(worstRatio, difference === 0 ? 0 : difference / bound);
        }
      }
    });
    console.info(`heavy-ball without noise vs closed form: max |Δ| = ${worst.toExponential(3)} over ${N} paths × ${spec.checkpoints.length} checkpoints (max ‖x‖∞ = ${X.toFixed(3)}); worst |Δ|/bound = ${worstRatio.toFixed(3)}`);
    expect(worstRatio).toBeLessThanOrEqual(1);
    // The paths really move: x_K is far from x_0 (they converge to x* = A⁻¹b ≈ (0.343, −0.371)).
    expect(Math.abs(gpu.tracked!.at(-1)![0] - x0[0])).toBeGreaterThan(0.1);
  });

  it('with Gaussian noise (Σ correlated), from a Gaussian x0: mean, variance and the full covariance within 5 SE of the exact law at every checkpoint', async () => {
    const N = 2 ** 16;
    const [eta, beta] = [0.1, 0.7];
    const result = await run({
      objective: { kind: 'quadratic', A, b },
      noise: { kind: 'gaussian', cov: Sigma },
      dynamics: [{ kind: 'heavy-ball', lr: eta, beta }],
      x0: { kind: 'gaussian', mean: [1, -1], std: [0.5, 0.3] },
      trajectories: N,
      steps: 200,
      record: { every: 25, observables: ['mean', 'variance', 'covariance'] },
      seed: 'heavy-ball-gaussian',
    });
    const r = result.runs[0];
    expect(r.closedForm?.name).toMatch(/heavy-ball/);
    const exact = heavyBallQuadraticLaw({ A, b, Sigma, eta, beta, mean0: [1, -1], cov0: [[0.25, 0], [0, 0.09]], steps: r.series.step });
    let covarianceZ = 0;
    r.series.step.forEach((_, c) => {
      const C = r.series.covariance![c];
      const E = exact[c].cov;
      const n = r.series.count[c];
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          // Gaussian law: Var(Ĉ_ij) = (C_ii C_jj + C_ij²)/(n − 1).
          const se = Math.sqrt((E[i][i] * E[j][j] + E[i][j] ** 2) / (n - 1));
          covarianceZ = Math.max(covarianceZ, Math.abs(C[i][j] - E[i][j]) / se);
        }
      }
    });
    console.info(`heavy-ball with Gaussian noise: closed-form max |z| (mean, variance) = ${r.closedForm!.maxAbsZ.toFixed(2)}; covariance max |z| = ${covarianceZ.toFixed(2)} over ${r.series.step.length} checkpoints`);
    expect(r.closedForm!.maxAbsZ).toBeLessThan(Z5);
    expect(covarianceZ).toBeLessThan(Z5);
    // The law really moves and couples: the mean travels many SEs and the final covariance has an
    // off-diagonal entry many SEs from 0 (≈ 13 here).
    const last = exact.at(-1)!;
    expect(Math.abs(last.cov[0][1]) / Math.sqrt((last.cov[0][0] * last.cov[1][1]) / N)).toBeGreaterThan(10);
    expect(Math.abs(last.mean[0] - 1) / Math.sqrt(last.cov[0][0] / N)).toBeGreaterThan(100);
    expect(r.diverged).toBe(0);
  });
});

describe('heavy-ball on the GPU follows the float64 reference path by path (same random numbers)', () => {
  const dynamics = { kind: 'heavy-ball', lr: { kind: 'inverse-power', scale: 0.15, power: 0.6, randomScale: [0.5, 1.5] }, beta: 0.8 };
  const record = { every: 50, observables: ['mean'] };

  it('quadratic, inverse-power lr with randomScale, correlated Gaussian noise: every coordinate at every checkpoint within its f32 error bound', async () => {
    const o: QuadraticObjective = { kind: 'quadratic', A, b };
    const result = await comparePaths(
      { objective: o, noise: { kind: 'gaussian', cov: Sigma }, dynamics: [dynamics], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 }, steps: 200, record, seed: 'hb-paths-quadratic' },
      512,
      (x, out) => {
        for (let i = 0; i < 2; i++) out[i] = Math.abs(A[i][0] * x[0]) + Math.abs(A[i][1] * x[1]) + Math.abs(b[i]);
      },
    );
    console.info(`heavy-ball path-by-path, quadratic: max |Δ| = ${result.maxAbs.toExponential(3)}, RMS = ${result.rms.toExponential(3)}, largest bound = ${result.maxBound.toExponential(3)}, worst |Δ|/bound = ${result.worstRatio.toFixed(3)}`);
    expect(result.worstRatio).toBeLessThanOrEqual(1);
    expect(result.maxState).toBeGreaterThan(1);
  });

  it('double well (2-D), inverse-power lr with randomScale, correlated Gaussian noise: every coordinate at every checkpoint within its f32 error bound', async () => {
    const h = 0.25;
    const result = await comparePaths(
      {
        objective: { kind: 'double-well', dim: 2, height: h },
        noise: { kind: 'gaussian', cov: [[0.5, 0.1], [0.1, 0.3]] },
        dynamics: [dynamics],
        x0: { kind: 'gaussian', mean: [-1, 1], std: 0.3 },
        steps: 200,
        record,
        seed: 'hb-paths-double-well',
      },
      512,
      // ∇f_i = 4h x_i (x_i² − 1): its terms are bounded by 4h |x_i| (x_i² + 1).
      (x, out) => {
        for (let i = 0; i < 2; i++) out[i] = 4 * h * Math.abs(x[i]) * (x[i] * x[i] + 1);
      },
    );
    // The nonlinearity is exercised: some paths cross the saddle (x_0 changes sign).
    const first = result.cpu.tracked![0];
    const last = result.cpu.tracked!.at(-1)!;
    let crossed = 0;
    for (let t = 0; t < 512; t++) if (Math.sign(first[2 * t]) !== Math.sign(last[2 * t])) crossed++;
    console.info(`heavy-ball path-by-path, double well: max |Δ| = ${result.maxAbs.toExponential(3)}, RMS = ${result.rms.toExponential(3)}, largest bound = ${result.maxBound.toExponential(3)}, worst |Δ|/bound = ${result.worstRatio.toFixed(3)}; ${crossed} of 512 paths crossed the saddle`);
    expect(result.worstRatio).toBeLessThanOrEqual(1);
    expect(crossed).toBeGreaterThan(5);
  });
});
