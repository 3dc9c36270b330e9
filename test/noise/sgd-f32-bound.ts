/**
 * Path-by-path checks of SGD with mini-batch noise (test/noise/*.gpu.test.ts): the
 * float64 replay of the paths' size and the worst-case f32 error bound it feeds.
 */
import { expect } from 'vitest';
import type { EnsembleSpec } from '../../src/internal';
import { specNoise } from '../../src/ensemble/kernels';
import type { LeastSquaresObjective } from '../../src/objectives/least-squares';
import type { LogisticObjective } from '../../src/objectives/logistic';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { RngPurpose } from '../../src/rng/streams';

const U = 2 ** -24; // unit roundoff of f32

/** Replays the float64 paths of the first n trajectories step by step: the largest |x_j| they reach. */
export function maxAbsAlongPaths(spec: EnsembleSpec, n: number): number {
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
 * With a batch-size schedule, b is its largest stage (the bound grows with b).
 */
export function sgdF32ErrorBound(o: LeastSquaresObjective | LogisticObjective, eta: number, b: number, X0max: number, steps: number): number {
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
  return steps * Math.sqrt(d) * local;
}
