import { NORMAL_F32_MAX_ABS_DIFF } from '../../src/rng/random';

const U = 2 ** -24; // unit roundoff of f32

function infNorm(M: number[][]): number {
  return Math.max(...M.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
}

function matmul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, v, k) => s + v * B[k][j], 0)));
}

/**
 * A worst-case bound on |x_gpu − x_cpu| after K steps of the affine recursion
 * x' = M x + c + S z computed in f32 (GPU) and f64 (CPU) from the same normals:
 * e_{k+1} = M e_k + δ_k, so |e_K|∞ ≤ Σ_{j<K} ‖M^j‖∞ · max|δ|. The local error δ
 * counts the f32 rounding of every product and sum (≈ (2d + 4) roundings, each
 * at most u times the magnitudes involved), the f32 rounding of the parameters
 * (u relative each), and the GPU/CPU normal gap (NORMAL_F32_MAX_ABS_DIFF).
 */
export function affineF32ErrorBound(opts: {
  M: number[][];
  c: number[];
  S: number[][];
  steps: number;
  maxAbsState: number;
  maxAbsNormal: number;
}): number {
  const d = opts.M.length;
  const gamma = (2 * d + 4) * U;
  const magnitude = infNorm(opts.M) * opts.maxAbsState + Math.max(...opts.c.map(Math.abs)) + infNorm(opts.S) * opts.maxAbsNormal;
  const local = 2 * gamma * (opts.maxAbsState + magnitude) + infNorm(opts.S) * NORMAL_F32_MAX_ABS_DIFF;
  let power: number[][] = opts.M.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  let amplification = 0;
  for (let j = 0; j < opts.steps; j++) {
    amplification += infNorm(power);
    power = matmul(power, opts.M);
  }
  return amplification * local;
}
