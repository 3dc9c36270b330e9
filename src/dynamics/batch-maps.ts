/**
 * The maps of every batch of a quadratic sum, precomputed in float64 on the host
 * for the mini-batch flow, the full flow and the randomized minimizing movement
 * (docs/math.md §1b–1c), and their layout in the dynamics' parameters
 * (shaders/lib/batch_maps.wgsl states it).
 *
 * A batch B is a uniform b-subset of the n components (π_i = b/n), with the
 * unbiased sub-loss F_B = (n/b) Σ_{i∈B} wᵢ fᵢ, so E_B F_B = F = Σ wᵢ fᵢ. Batches are
 * indexed by their colex rank (src/reference/batch-draw.ts). Per batch:
 * - smooth (all members quadratic), F_B = ½xᵀQx − qᵀx + k:
 *   `flow`: x ← e^{−hQ}x + hφ₁(−hQ)q (one matrix exponential of the augmented
 *   matrix [[−hQ, hq], [0, 0]], whose last column holds hφ₁(−hQ)q);
 *   `prox`: x ← (I + hQ)⁻¹(x + hq);
 *   `spectral`: Q = V diag(λ) Vᵀ and β = Vᵀq, for pieces of any length (exponential switching);
 * - one nonsmooth member (b = 1): its proximal map (soft threshold with κ = s·(n/b)wᵢλ,
 *   or a projection), which is also its flow's minimal section (docs/math.md §1c).
 */
import { expm } from '../linalg/expm';
import { solve } from '../linalg/dense';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { combineSmooth, isSmooth, smoothForm, type SmoothForm, type SumComponent } from '../objectives/quadratic-sum-components';
import { paramLayout, recordConstants, wgslEnum } from '../compose/param-layout';

/** Map kinds, shared with `batch_map_apply` (BATCH_MAP_AFFINE, …). */
export const BATCH_MAP_KIND = wgslEnum('BATCH_MAP', ['affine', 'spectral', 'soft', 'box', 'halfspace', 'ball', 'obstacle']);
const codes = BATCH_MAP_KIND.codes;
/** Map kinds by code, as the float64 twin switches on them. */
export const BatchMapKind = {
  AFFINE: codes.affine,
  SPECTRAL: codes.spectral,
  SOFT: codes.soft,
  BOX: codes.box,
  HALFSPACE: codes.halfspace,
  BALL: codes.ball,
  OBSTACLE: codes.obstacle,
} as const;

/** How a smooth batch is advanced over one step. */
export type BatchMapMode = 'flow' | 'prox' | 'spectral';

/** One batch's map in float64 (the CPU twin applies these; `packBatchMaps` lays them out for the GPU). */
export interface BatchMap {
  kind: (typeof BatchMapKind)[keyof typeof BatchMapKind];
  /** affine, spectral: the block [lo, lo + size) outside which the map is the identity. */
  lo?: number;
  size?: number;
  /** affine: M; spectral: Vᵀ (row k = eigenvector k). Row-major size×size. */
  matrix?: Float64Array;
  /** affine: r; spectral: λ; box: lower; halfspace: a; ball: center; obstacle: ψ. */
  vector?: Float64Array;
  /** spectral: β = Vᵀq; box: upper. */
  vector2?: Float64Array;
  /** soft: the threshold rate (κ = p·s); halfspace: b; ball: radius. */
  p: number;
  /** halfspace: ‖a‖². */
  q: number;
}

/** Most batches (C(n, b)) whose maps are precomputed. */
export const MAX_BATCHES = 4096;
/** Most parameter words of all maps (64 MiB of f32). */
export const MAX_BATCH_MAP_WORDS = 2 ** 24;

/** A quadratic sum as the batch maps need it. */
export interface SumModel {
  components: SumComponent[];
  weights: number[];
}

/** C(n, k) as a float64 (exact for the sizes used here). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let t = 0; t < k; t++) c = (c * (n - t)) / (t + 1);
  return Math.round(c);
}

/** Colex rank Σ_j C(s_j, j + 1) of a subset given in ascending order. */
export function batchRank(sorted: readonly number[]): number {
  return sorted.reduce((r, s, j) => r + binomial(s, j + 1), 0);
}

/** All b-subsets of {0…n−1}, ascending within each, indexed by colex rank. */
export function enumerateBatches(n: number, b: number): number[][] {
  const out: number[][] = [];
  const current: number[] = [];
  const visit = (start: number) => {
    if (current.length === b) {
      out[batchRank(current)] = [...current];
      return;
    }
    for (let i = start; i <= n - (b - current.length); i++) {
      current.push(i);
      visit(i + 1);
      current.pop();
    }
  };
  visit(0);
  return out;
}

/** Why a quadratic sum cannot be run with batches of b (undefined if it can). */
export function batchMapsProblem(model: SumModel, b: number, mode: BatchMapMode): string | undefined {
  const n = model.components.length;
  if (b > n) return `a batch of ${b} from ${n} components`;
  const nonsmooth = model.components.findIndex((c) => !isSmooth(c));
  if (nonsmooth >= 0 && b > 1) {
    return `component ${nonsmooth} (${model.components[nonsmooth].kind}) is nonsmooth, and the proximal map of its sum with other components has no closed form: use batches of 1 (noise.batchSize = 1, the paper's component scheme)`;
  }
  const count = binomial(n, b);
  if (count > MAX_BATCHES) return `C(${n}, ${b}) = ${count} batches exceed the ${MAX_BATCHES} whose maps are precomputed`;
  void mode;
  return undefined;
}

/** The smooth part of batch B: (n/b) Σ_{i∈B} wᵢ (Qᵢ, qᵢ, kᵢ). */
export function batchSmoothForm(model: SumModel, batch: readonly number[], dim: number): SmoothForm {
  const scale = model.components.length / batch.length;
  return combineSmooth(
    batch.map((i) => ({ form: smoothForm(model.components[i] as Parameters<typeof smoothForm>[0], dim), scale: scale * model.weights[i] })),
    dim,
  );
}

/** The map of batch B for a step of length h (mode as above). */
export function batchMap(model: SumModel, batch: readonly number[], dim: number, mode: BatchMapMode, h: number): BatchMap {
  if (batch.length === 1 && !isSmooth(model.components[batch[0]])) {
    const c = model.components[batch[0]] as Exclude<SumComponent, { kind: 'quadratic' | 'least-squares' }>;
    const scale = model.components.length * model.weights[batch[0]];
    const f = (v: number[]) => Float64Array.from(v);
    switch (c.kind) {
      case 'l1':
        return { kind: BatchMapKind.SOFT, p: scale * c.lambda, q: 0 };
      case 'box':
        return { kind: BatchMapKind.BOX, vector: f(c.lower), vector2: f(c.upper), p: 0, q: 0 };
      case 'halfspace':
        return { kind: BatchMapKind.HALFSPACE, vector: f(c.normal), p: c.offset, q: c.normal.reduce((s, v) => s + v * v, 0) };
      case 'ball':
        return { kind: BatchMapKind.BALL, vector: f(c.center), p: c.radius, q: 0 };
      case 'obstacle':
        return { kind: BatchMapKind.OBSTACLE, vector: f(c.psi), p: 0, q: 0 };
    }
  }
  const full = batchSmoothForm(model, batch, dim);
  // The hull [lo, hi] of Q's and q's support: outside it the flow and the resolvent are the identity.
  const active = (i: number) => full.q[i] !== 0 || full.Q[i].some((v, j) => v !== 0 || full.Q[j][i] !== 0);
  let lo = 0;
  while (lo < dim - 1 && !active(lo)) lo++;
  let hi = dim - 1;
  while (hi > lo && !active(hi)) hi--;
  const n = hi - lo + 1;
  const Q = full.Q.slice(lo, hi + 1).map((row) => row.slice(lo, hi + 1));
  const q = full.q.slice(lo, hi + 1);
  const block = { lo, size: n, p: 0, q: 0 };
  if (mode === 'spectral') {
    const { values, vectors } = symmetricEigen(Q);
    const vt = new Float64Array(n * n);
    const beta = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        vt[k * n + j] = vectors[j][k];
        beta[k] += vectors[j][k] * q[j];
      }
    }
    // A PSD matrix's eigenvalues are ≥ 0; rounding may leave −1e−16.
    return { kind: BatchMapKind.SPECTRAL, ...block, matrix: vt, vector: Float64Array.from(values, (v) => Math.max(v, 0)), vector2: beta };
  }
  if (mode === 'prox') {
    const I = Q.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) + h * v));
    const M = solve(I, Q.map((_, i) => Q.map((__, j) => (i === j ? 1 : 0))));
    const r = M.map((row) => row.reduce((acc, v, j) => acc + v * h * q[j], 0));
    return { kind: BatchMapKind.AFFINE, ...block, matrix: Float64Array.from(M.flat()), vector: Float64Array.from(r) };
  }
  const augmented = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i < n ? (j < n ? -h * Q[i][j] : h * q[i]) : 0)));
  const E = expm(augmented);
  const M = new Float64Array(n * n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) M[i * n + j] = E[i][j];
    r[i] = E[i][n];
  }
  return { kind: BatchMapKind.AFFINE, ...block, matrix: M, vector: r };
}

/** The maps of all C(n, b) batches, by rank. */
export function batchMaps(model: SumModel, b: number, dim: number, mode: BatchMapMode, h: number): BatchMap[] {
  const problem = batchMapsProblem(model, b, mode);
  if (problem) throw new RangeError(problem);
  return enumerateBatches(model.components.length, b).map((batch) => batchMap(model, batch, dim, mode, h));
}

/** Row stride of a packed n×n block: n rounded up to a multiple of 4 (shaders/lib/prox.wgsl's vec4 chunks). */
export function packedStride(n: number): number {
  return 4 * Math.ceil(n / 4);
}

/**
 * One batch's entry in the table `batch_map_apply` reads: its kind at
 * BATCH_ENTRY_KIND, where its data start within BATCH_DATA at BATCH_ENTRY_DATA,
 * and p, q at BATCH_ENTRY_P, BATCH_ENTRY_Q; BATCH_ENTRY_WORDS apart.
 */
const BATCH_ENTRY = paramLayout<[map: BatchMap, dataAt: number]>({
  BATCH_ENTRY_KIND: { u32: (m) => m.kind },
  BATCH_ENTRY_DATA: { u32: (_m, dataAt) => dataAt },
  BATCH_ENTRY_P: (m) => m.p,
  BATCH_ENTRY_Q: (m) => m.q,
});

/**
 * The header and matrix of an affine or spectral map's data (lib/prox.wgsl): the
 * block's first coordinate at BATCH_BLOCK_FIRST, its size n at BATCH_BLOCK_SIZE, the
 * n×n matrix from BATCH_BLOCK_ROWS (rows of stride 4⌈n/4⌉, zero-padded).
 */
const BATCH_BLOCK = paramLayout<[map: BatchMap]>({
  BATCH_BLOCK_FIRST: { u32: (m) => m.lo ?? 0 },
  BATCH_BLOCK_SIZE: { u32: (m) => m.size ?? 0 },
  BATCH_BLOCK_ROWS: (m) => {
    const n = m.size ?? 0;
    const stride = packedStride(n);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < stride; j++) rows.push(j < n ? m.matrix![i * n + j] : 0);
    return rows;
  },
});

/** The preamble constants of the table entry and the block header (offsets within one, and BATCH_ENTRY_WORDS). */
export const BATCH_RECORD_CONSTANTS = {
  ...recordConstants(BATCH_ENTRY, 'BATCH_ENTRY_WORDS', { kind: 0, p: 0, q: 0 }, 0),
  ...BATCH_BLOCK.layOut({ kind: 0, p: 0, q: 0 }).offsets,
};

/** The table (one entry per batch) and the maps' data (an affine or spectral block's header and matrix, then its vectors). */
export function packBatchMaps(maps: BatchMap[]): { table: number[]; data: number[] } {
  const table: number[] = [];
  const data: number[] = [];
  for (const m of maps) {
    table.push(...BATCH_ENTRY.pack(m, data.length));
    if (m.matrix) data.push(...BATCH_BLOCK.pack(m));
    for (const v of [m.vector, m.vector2]) if (v) for (let i = 0; i < v.length; i++) data.push(v[i]);
  }
  const words = table.length + data.length;
  if (words > MAX_BATCH_MAP_WORDS) throw new RangeError(`the batch maps need ${words} parameter words, more than ${MAX_BATCH_MAP_WORDS}`);
  return { table, data };
}

/** Words of all maps (to check the budget before building them). */
export function batchMapWords(n: number, b: number, dim: number, mode: BatchMapMode): number {
  const perSmooth = 2 + dim * packedStride(dim) + (mode === 'spectral' ? 2 * dim : dim);
  return 4 + binomial(n, b) * (4 + perSmooth);
}
