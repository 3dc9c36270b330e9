import { describe, expect, it } from 'vitest';
import type { SgdDynamics } from '../../src/dynamics/sgd';
import { psdFactor } from '../../src/linalg/factor';
import type { GaussianNoise } from '../../src/noise/gaussian';
import { emQuadraticLaw } from '../../src/oracles';
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
/** Relative error of the f32 step size η_k·r: the schedule's pow (a few ulp by WGSL's accuracy rules, generously 32), r's fma and the product. */
const LR_RELATIVE_ERROR = 64 * U;

// docs/math.md §6: SGD on the 2-D quadratic.
const A = [[2, 0.5], [0.5, 1]];
const Sigma = [[1, 0.2], [0.2, 0.5]];
const C_INFINITY = [[0.02825459, -0.00129252], [-0.00129252, 0.02729981]];

async function run(file: object) {
  return runExperiment(assertExperiment(file), { device: await testDevice() });
}

/**
 * GPU (f32) against the float64 reference, path by path, for SGD with Gaussian
 * noise. The GPU computes g = ∇f(x) + L z and x' = fma(−λ, g, x) (λ = η_k r), so
 * one step's local error per coordinate is
 *   δ = u|x'| + (u + ε_λ) λ|g| + λ δg,  δg = 2(d + 3) u (T(x) + Σ|L z|) + Σ_j |L_ij| · NORMAL_F32_MAX_ABS_DIFF,
 * T(x) the sum of the magnitudes of ∇f's terms; the step Jacobian is I − λ∇²f(x);
 * x0 = mean + std·z differs by std·NORMAL_F32_MAX_ABS_DIFF + 2u|x0|. Every
 * coordinate at every checkpoint must lie within its own bound.
 */
async function comparePaths(file: object, trajectories: number, gradientTerms: (x: Float64Array, out: Float64Array) => void) {
  const experiment = assertExperiment({ ...file, trajectories });
  const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
  const { dim: d, checkpoints } = spec;
  const item = spec.dynamics.value as SgdDynamics;
  const f = spec.objective.descriptor.reference(spec.objective.value, d);
  const noise = spec.noise!.descriptor.reference(spec.noise!.value, f, d);
  const dynamics = spec.dynamics.descriptor.reference(item, spec.objective.value, f, d, noise);
  const L = psdFactor((spec.noise!.value as GaussianNoise).covariance);
  const lAbs = L.map((row) => row.reduce((s, v) => s + Math.abs(v), 0));
  const K = checkpoints.at(-1)!;
  const bounds = checkpoints.map(() => new Float64Array(trajectories));
  const paths = checkpoints.map(() => new Float64Array(trajectories * d));
  const [x, z, g, terms, column, unit] = Array.from({ length: 6 }, () => new Float64Array(d));
  const jacobians = Array.from({ length: K }, () => new Float64Array(d * d));
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
    let c = 0;
    for (let k = 0; k <= K; k++) {
      if (k === checkpoints[c]) paths[c++].set(x, t * d);
      if (k === K) break;
      const lambda = scheduleValue(item.lr, k) * r;
      noise.grad(x, g, k, stream);
      gradientTerms(x, terms);
      stream.brownian(k, z);
      for (let j = 0; j < d; j++) {
        unit.fill(0);
        unit[j] = 1;
        f.hessVec(x, unit, column);
        for (let i = 0; i < d; i++) jacobians[k][i * d + j] = (i === j ? 1 : 0) - lambda * column[i];
      }
      dynamics.step(x, k, stream);
      let delta = 0;
      for (let i = 0; i < d; i++) {
        const lz = L[i].reduce((s, lij, j) => s + Math.abs(lij * z[j]), 0);
        const dg = 2 * (d + 3) * U * (terms[i] + lz) + lAbs[i] * NORMAL_F32_MAX_ABS_DIFF;
        delta = Math.max(delta, U * Math.abs(x[i]) + (U + LR_RELATIVE_ERROR) * lambda * Math.abs(g[i]) + lambda * dg);
      }
      local[k] = delta;
    }
    checkpoints.forEach((k, ci) => (bounds[ci][t] = propagatedBound(d, k, jacobians, local, e0)));
  }
  const gpu = await runEnsembleGpu(await testDevice(), spec, { trackTrajectories: trajectories });
  const cpu = await runEnsembleReference(spec, { trackTrajectories: trajectories });
  // A path that blows up (lr up to 0.45 with the noise's tail) is frozen by both
  // runners at the checkpoint that sees it: the same paths must diverge on both,
  // and the others are compared. The bounds follow the reference's float64 paths.
  const divergedIn = (tracked: readonly (Float64Array | Float32Array)[]) =>
    Array.from({ length: trajectories }, (_, t) => t).filter((t) => tracked.some((p) => Array.from(p.subarray(t * d, (t + 1) * d)).some((v) => !Number.isFinite(v))));
  const diverged = divergedIn(cpu.tracked!);
  expect(divergedIn(gpu.tracked!)).toEqual(diverged);
  expect(diverged.length).toBeLessThanOrEqual(trajectories / 100);
  const finite = (t: number) => !diverged.includes(t);
  paths.forEach((p, ci) => {
    for (let t = 0; t < trajectories; t++) {
      if (finite(t)) expect(Array.from(p.subarray(t * d, (t + 1) * d))).toEqual(Array.from(cpu.tracked![ci].subarray(t * d, (t + 1) * d)));
    }
  });
  let worstRatio = 0;
  let maxBound = 0;
  let maxState = 0;
  checkpoints.forEach((_, ci) => {
    for (let t = 0; t < trajectories; t++) {
      if (!finite(t)) continue;
      for (let i = 0; i < d; i++) {
        const difference = Math.abs(gpu.tracked![ci][t * d + i] - cpu.tracked![ci][t * d + i]);
        worstRatio = Math.max(worstRatio, difference === 0 ? 0 : difference / bounds[ci][t]);
        maxState = Math.max(maxState, Math.abs(cpu.tracked![ci][t * d + i]));
      }
      maxBound = Math.max(maxBound, bounds[ci][t]);
    }
  });
  return { ...pathDifferences(gpu.tracked!, cpu.tracked!), worstRatio, maxBound, maxState, cpu };
}

describe('SGD with Gaussian gradient noise on the GPU against the discrete Lyapunov recursion (docs/math.md §6)', () => {
  it('2-D quadratic A = [[2, .5], [.5, 1]], Σ = [[1, .2], [.2, .5]], η = 0.1: mean and full covariance within 5 SE at every checkpoint, reaching C_∞', async () => {
    const N = 2 ** 16;
    const eta = 0.1;
    const result = await run({
      objective: { kind: 'quadratic', A },
      noise: { kind: 'gaussian', cov: Sigma },
      dynamics: [{ kind: 'sgd', lr: eta }],
      x0: [1, -1],
      trajectories: N,
      steps: 200,
      record: { every: 25, observables: ['mean', 'covariance'] },
      seed: 'sgd-covariance',
    });
    const r = result.runs[0];
    // C_{k+1} = (I − ηA) C_k (I − ηA)ᵀ + η²Σ, m_{k+1} = (I − ηA) m_k (EM with dt = η, G = ηΣ).
    const exact = emQuadraticLaw({ A, G: Sigma.map((row) => row.map((v) => eta * v)), dt: eta, mean0: [1, -1], cov0: [[0, 0], [0, 0]], steps: r.series.step });
    let meanZ = 0;
    let covarianceZ = 0;
    r.series.step.forEach((k, c) => {
      const C = r.series.covariance![c];
      const E = exact[c].cov;
      const n = r.series.count[c];
      if (k === 0) {
        // A fixed start: the sample is exactly x0 (no spread at all).
        expect(C).toEqual([[0, 0], [0, 0]]);
        return;
      }
      for (let i = 0; i < 2; i++) {
        meanZ = Math.max(meanZ, Math.abs(r.series.mean![c][i] - exact[c].mean[i]) / Math.sqrt(E[i][i] / n));
        for (let j = 0; j < 2; j++) {
          // The law is Gaussian: Var(Ĉ_ij) = (C_ii C_jj + C_ij²)/(n − 1).
          const se = Math.sqrt((E[i][i] * E[j][j] + E[i][j] ** 2) / (n - 1));
          covarianceZ = Math.max(covarianceZ, Math.abs(C[i][j] - E[i][j]) / se);
        }
      }
    });
    console.info(`SGD 2-D: mean max |z| = ${meanZ.toFixed(2)}, covariance max |z| = ${covarianceZ.toFixed(2)} over ${r.series.step.length - 1} checkpoints; final Ĉ = ${JSON.stringify(r.series.covariance!.at(-1)!.map((row) => row.map((v) => +v.toFixed(6))))}`);
    expect(meanZ).toBeLessThan(Z5);
    expect(covarianceZ).toBeLessThan(Z5);
    expect(r.closedForm!.maxAbsZ).toBeLessThan(Z5);
    // By step 200 the recursion is at docs/math.md §6's C_∞ (‖I − ηA‖^400 ≈ 1e-14).
    const last = exact.at(-1)!.cov;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(Math.abs(last[i][j] - C_INFINITY[i][j])).toBeLessThan(1e-8);
    // The off-diagonal entry C_∞[0][1] = −0.0013 is resolved: many SEs from 0 (the covariance really is coupled).
    const n = r.series.count.at(-1)!;
    expect(Math.abs(r.series.covariance!.at(-1)![0][1]) / Math.sqrt((last[0][0] * last[1][1]) / n)).toBeGreaterThan(5);
  });

  it('1-D (η = 0.1, a = 2, σ² = 1): Var at k = 10 is 0.0274575218 and the stationary ησ²/(a(2 − ηa)) = 0.0277777778, within 5 SE', async () => {
    const N = 2 ** 16;
    const [eta, a, s2] = [0.1, 2, 1];
    const result = await run({
      objective: { kind: 'quadratic', A: [[a]] },
      noise: { kind: 'gaussian', cov: s2 },
      dynamics: [{ kind: 'sgd', lr: eta }],
      x0: [0],
      trajectories: N,
      steps: 200,
      record: { every: 10, observables: ['mean', 'variance'] },
      seed: 'sgd-stationary',
    });
    const r = result.runs[0];
    const stationary = (eta * s2) / (a * (2 - eta * a));
    expect(stationary).toBeCloseTo(0.0277777778, 10);
    const at = (k: number) => r.series.step.indexOf(k);
    const z = (k: number, exact: number) => (r.series.variance![at(k)][0] - exact) / (exact * Math.sqrt(2 / (r.series.count[at(k)] - 1)));
    // Var_k = η²σ²(1 − r^{2k})/(1 − r²), r = 1 − ηa: at k = 200, r^400 = 0.8^400 ≈ 1e-39, so Var_200 is stationary.
    const z10 = z(10, 0.0274575218);
    const zInf = z(200, stationary);
    console.info(`SGD 1-D: z(Var_10) = ${z10.toFixed(2)}, z(Var_200 vs stationary) = ${zInf.toFixed(2)}, closed-form max |z| = ${r.closedForm!.maxAbsZ.toFixed(2)}`);
    expect(Math.abs(z10)).toBeLessThan(Z5);
    expect(Math.abs(zInf)).toBeLessThan(Z5);
    expect(r.closedForm!.maxAbsZ).toBeLessThan(Z5);
    expect(Math.abs(r.closedForm!.variance[at(10)][0] - 0.0274575218)).toBeLessThan(1e-10);
  });

  it('an unstable step (ηa = 3 > 2, |1 − ηa| = 2) diverges: every trajectory is counted in `diverged` once 2^k overflows f32, none before; ηa = 1.8 stays finite', async () => {
    const N = 4096;
    const file = (lr: number) => ({
      objective: { kind: 'quadratic', A: [[2]] },
      noise: { kind: 'gaussian', cov: 0.01 },
      dynamics: [{ kind: 'sgd', lr }],
      x0: [1],
      trajectories: N,
      steps: 200,
      record: { every: 25, observables: ['mean'] },
      seed: 'sgd-unstable',
    });
    const unstable = (await run(file(1.5))).runs[0];
    // x_k = (−2)^k c with c = x0 − η Σ_j (−2)^{−1−j} ζ_j ≈ 1 ± 0.09 (sd ησ/√3): |x_125| ≈ 4.3e37·|c| is finite
    // (f32 max 3.4e38, so any |c| < 8), |x_150| ≈ 1.4e45·|c| overflows unless |c| < 2.4e-7 (≈ 11 sd from c's mean).
    unstable.series.step.forEach((k, c) => {
      const expected = k <= 125 ? 0 : N;
      expect(unstable.series.diverged[c], `step ${k}`).toBe(expected);
      expect(unstable.series.count[c] + unstable.series.diverged[c]).toBe(N);
    });
    expect(unstable.diverged).toBe(N);
    const stable = (await run(file(0.9))).runs[0];
    expect(stable.diverged).toBe(0);
    expect(stable.series.count.at(-1)).toBe(N);
  });
});

describe('SGD on the GPU follows the float64 reference path by path (same random numbers)', () => {
  const dynamics = { kind: 'sgd', lr: { kind: 'step', initial: 0.3, every: 40, factor: 0.6, randomScale: [0.5, 1.5] } };
  const record = { every: 40, observables: ['mean'] };

  it('quadratic, step lr with randomScale, correlated Gaussian noise: every coordinate at every checkpoint within its f32 error bound', async () => {
    const b = [0.4, -0.2];
    const result = await comparePaths(
      { objective: { kind: 'quadratic', A, b }, noise: { kind: 'gaussian', cov: Sigma }, dynamics: [dynamics], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 }, steps: 200, record, seed: 'sgd-paths-quadratic' },
      512,
      (x, out) => {
        for (let i = 0; i < 2; i++) out[i] = Math.abs(A[i][0] * x[0]) + Math.abs(A[i][1] * x[1]) + Math.abs(b[i]);
      },
    );
    console.info(`SGD path-by-path, quadratic: max |Δ| = ${result.maxAbs.toExponential(3)}, RMS = ${result.rms.toExponential(3)}, largest bound = ${result.maxBound.toExponential(3)}, worst |Δ|/bound = ${result.worstRatio.toFixed(3)}`);
    expect(result.worstRatio).toBeLessThanOrEqual(1);
    expect(result.maxState).toBeGreaterThan(1);
  });

  it('double well (2-D), step lr with randomScale, correlated Gaussian noise: every coordinate at every checkpoint within its f32 error bound', async () => {
    const h = 0.25;
    const result = await comparePaths(
      {
        objective: { kind: 'double-well', dim: 2, height: h },
        noise: { kind: 'gaussian', cov: [[1, 0.2], [0.2, 0.6]] },
        dynamics: [dynamics],
        x0: { kind: 'gaussian', mean: [-1, 1], std: 0.3 },
        steps: 200,
        record,
        seed: 'sgd-paths-double-well',
      },
      512,
      // ∇f_i = 4h x_i (x_i² − 1): its terms are bounded by 4h |x_i| (x_i² + 1).
      (x, out) => {
        for (let i = 0; i < 2; i++) out[i] = 4 * h * Math.abs(x[i]) * (x[i] * x[i] + 1);
      },
    );
    const first = result.cpu.tracked![0];
    const last = result.cpu.tracked!.at(-1)!;
    let crossed = 0;
    for (let t = 0; t < 512; t++) if (Math.sign(first[2 * t]) !== Math.sign(last[2 * t])) crossed++;
    console.info(`SGD path-by-path, double well: max |Δ| = ${result.maxAbs.toExponential(3)}, RMS = ${result.rms.toExponential(3)}, largest bound = ${result.maxBound.toExponential(3)}, worst |Δ|/bound = ${result.worstRatio.toFixed(3)}; ${crossed} of 512 paths crossed the saddle`);
    expect(result.worstRatio).toBeLessThanOrEqual(1);
    // The nonlinearity is exercised: some paths cross the saddle.
    expect(crossed).toBeGreaterThan(5);
  });
});
