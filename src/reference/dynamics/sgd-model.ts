import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { SgdModel } from '../../dynamics/sgd-model';
import { normalFromWord } from '../../rng/random';
import { RngPurpose } from '../../rng/streams';
import type { TrajectoryStream } from '../trajectory-stream';
import { fieldWords, type LaidOutParams } from '../../compose/param-layout';

/** `dim` substep normals of step k from block `first` on (purpose SUBSTEP; normal i: word i % 4 of block first + i / 4). */
function normalsAt(stream: TrajectoryStream, k: number, first: number, dim: number, out: Float64Array): void {
  let words: Uint32Array = new Uint32Array(4);
  for (let i = 0; i < dim; i++) {
    if ((i & 3) === 0) words = stream.wordsAt(k, RngPurpose.SUBSTEP, first + (i >> 2));
    out[i] = normalFromWord(words[i & 3]);
  }
}

/**
 * Whether m substeps take their increments from the step's virtual Brownian
 * tree (m = 2^J, shaders/lib/sgd_model.wgsl): then m substeps sum pairs of the
 * 2m run's, and a sweep of such m follows one Brownian path.
 */
export function substepsFromTree(m: number): boolean {
  return Number.isInteger(m) && m > 0 && (m & (m - 1)) === 0;
}

/** What one substep does: the exact transition (E, c, L row-major) or Euler–Maruyama (S row-major and a drift). */
export type SgdModelSubstep =
  | { kind: 'exact'; E: Float64Array; c: number[]; L: Float64Array }
  | { kind: 'em'; S: Float64Array; drift(x: Float64Array, out: Float64Array): void }
  | { kind: 'custom'; substep(x: Float64Array, u: Float64Array, dt: number, sqrtDt: number): void };

/**
 * Float64 twin of shaders/lib/sgd_model.wgsl: m substeps per SGD step with
 * coupled increments summing to −√m z_k: for m = 2^J the leaves of the step's
 * virtual Brownian tree, u_j = −z_k/√m + Σ_{ℓ<J} ±2^((ℓ−J)/2) ξ_(ℓ, j >> (J−ℓ))
 * (u_0 = −z_k for m = 1); for other m, u_j = ξ_j − ξ̄ − z_k/√m.
 */
export function referenceSgdModel(item: SgdModel, dim: number, substep: SgdModelSubstep): ReferenceDynamics {
  const m = item.substeps;
  const dt = item.lr / m;
  const sqrtDt = Math.sqrt(dt);
  const blocks = Math.ceil(dim / 4);
  const base = new Float64Array(dim);
  const xi = new Float64Array(dim);
  const mean = new Float64Array(dim);
  const u = new Float64Array(dim);
  const next = new Float64Array(dim);
  const drift = new Float64Array(dim);
  const apply = (M: Float64Array, v: Float64Array, i: number) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += M[i * dim + j] * v[j];
    return s;
  };
  const dyadic = substepsFromTree(m);
  const levels = Math.log2(m);
  /** Leaf j of the step's virtual Brownian tree, from −z_k in `minusZ`. */
  const treeIncrement = (stream: TrajectoryStream, k: number, j: number, minusZ: Float64Array, out: Float64Array) => {
    for (let i = 0; i < dim; i++) out[i] = minusZ[i] / Math.sqrt(m);
    for (let l = 0; l < levels; l++) {
      const e = levels - l;
      normalsAt(stream, k, ((1 << l) - 1 + (j >> e)) * blocks, dim, xi);
      const c = ((j >> (e - 1)) & 1 ? -1 : 1) * 2 ** (-e / 2);
      for (let i = 0; i < dim; i++) out[i] += c * xi[i];
    }
  };
  const substepWith = (x: Float64Array, u: Float64Array) => {
    if (substep.kind === 'custom') {
      substep.substep(x, u, dt, sqrtDt);
    } else if (substep.kind === 'exact') {
      for (let i = 0; i < dim; i++) next[i] = substep.c[i] + apply(substep.E, x, i) + apply(substep.L, u, i);
      x.set(next);
    } else {
      substep.drift(x, drift);
      for (let i = 0; i < dim; i++) next[i] = x[i] + dt * drift[i] + sqrtDt * apply(substep.S, u, i);
      x.set(next);
    }
  };
  return {
    step(x, k, stream) {
      stream.brownian(k, base);
      for (let i = 0; i < dim; i++) base[i] = -base[i];
      if (dyadic) {
        for (let j = 0; j < m; j++) {
          treeIncrement(stream, k, j, base, u);
          substepWith(x, u);
        }
        return;
      }
      if (m > 1) {
        mean.fill(0);
        for (let j = 0; j < m; j++) {
          normalsAt(stream, k, j * blocks, dim, xi);
          for (let i = 0; i < dim; i++) mean[i] += xi[i];
        }
        for (let i = 0; i < dim; i++) base[i] = base[i] / Math.sqrt(m) - mean[i] / m;
      }
      for (let j = 0; j < m; j++) {
        if (m === 1) u.set(base);
        else {
          normalsAt(stream, k, j * blocks, dim, u);
          for (let i = 0; i < dim; i++) u[i] += base[i];
        }
        substepWith(x, u);
      }
    },
  };
}

/**
 * The substep the packed parameters describe (the fields of lib/sgd_model.wgsl,
 * src/dynamics/sgd-model.ts sgdModelFields): the exact transition, or
 * Euler–Maruyama with the factor S and the drift `drift` builds from the fields.
 */
export function substepFromPack(laid: LaidOutParams, drift?: (field: (name: string) => number[]) => (x: Float64Array, out: Float64Array) => void): SgdModelSubstep {
  const field = (name: string) => fieldWords(laid, name);
  if (field('SGD_MODEL_E').length > 0) {
    return { kind: 'exact', E: Float64Array.from(field('SGD_MODEL_E')), c: field('SGD_MODEL_C'), L: Float64Array.from(field('SGD_MODEL_L')) };
  }
  return { kind: 'em', S: Float64Array.from(field('SGD_MODEL_S')), drift: drift!(field) };
}
