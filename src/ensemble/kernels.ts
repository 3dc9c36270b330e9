import { composeKernel, type ComposedKernel } from '../compose/compose-kernel';
import { SHADER_LIBRARY } from '../compose/shader-library';
import { packRegion } from '../stats/region-params';
import { statisticsConstants, statisticsLayout, type StatisticsLayout } from '../stats/statistics-layout';
import type { EnsembleSpec } from './ensemble-spec';
import type { NoiseDescriptor } from '../noise/noise-descriptor';
import { noNoise } from '../noise/none';
import { RECORD_WORDS, REDUCE_BLOCK, REDUCE_THREADS, WORKGROUP_SIZE } from './layout';

/**
 * Models up to this many parameter words are copied into private memory per
 * invocation (fast on every adapter); larger ones are read from storage.
 */
export const MAX_PRIVATE_MODEL_WORDS = 1024;

/** Where each part of the parameter buffer starts (f32 words). */
export interface ParamOffsets {
  INIT_OFFSET: number;
  OBJECTIVE_OFFSET: number;
  DYNAMICS_OFFSET: number;
  NOISE_OFFSET: number;
  MINIMIZER_OFFSET: number;
  HIST_OFFSET: number;
  REGIONS_OFFSET: number;
  ESCAPE_OFFSET: number;
}

/** The packed parameter buffer of a spec and where each part starts (in f32 words). */
export interface PackedParams {
  values: Float32Array<ArrayBuffer>;
  offsets: ParamOffsets;
}

/**
 * Packs initial law, objective and dynamics parameters, then what the
 * statistics and the escape observer read (x*, histogram ranges, regions, the
 * escape region with dt and Σ for the bridge). Computed in float64, stored as f32.
 */
export function packParams(spec: EnsembleSpec): PackedParams {
  const dim = spec.dim;
  const parts: number[][] = [];
  let length = 0;
  const append = (words: number[]) => {
    const at = length;
    parts.push(words);
    length += words.length;
    return at;
  };
  const INIT_OFFSET = append([...spec.initial.mean, ...spec.initial.std]);
  const OBJECTIVE_OFFSET = append(spec.objective.descriptor.pack(spec.objective.value, dim));
  const noise = specNoise(spec);
  const DYNAMICS_OFFSET = append(spec.dynamics.descriptor.pack(spec.dynamics.value, spec.objective.value, dim, noise.value));
  const NOISE_OFFSET = append(noise.descriptor.pack(noise.value, dim));
  const stats = spec.statistics ?? {};
  const MINIMIZER_OFFSET = append(stats.distance ? requireMinimizer(stats.minimizer, dim) : []);
  const h = stats.histogram;
  const HIST_OFFSET = append(h ? [h.range[0], h.range[1], ...(h.lossRange ?? [0, 1])] : []);
  const REGIONS_OFFSET = append((stats.regions ?? []).flatMap((r) => packRegion(r.region, dim)));
  const escape = spec.escape;
  const ESCAPE_OFFSET = append(escape ? [...packRegion(escape.region, dim), ...(escape.bridge ? [escape.bridge.dt, ...escape.bridge.diffusion.flat()] : [])] : []);
  return {
    values: new Float32Array(parts.flat()),
    offsets: { INIT_OFFSET, OBJECTIVE_OFFSET, DYNAMICS_OFFSET, NOISE_OFFSET, MINIMIZER_OFFSET, HIST_OFFSET, REGIONS_OFFSET, ESCAPE_OFFSET },
  };
}

/** The spec's noise, `none` when absent. */
export function specNoise(spec: EnsembleSpec): { descriptor: NoiseDescriptor<any>; value: unknown } {
  return spec.noise ?? { descriptor: noNoise, value: { kind: 'none' } };
}

/** Words of the dynamics' own per-trajectory state (at least 1: WGSL arrays cannot be empty). */
export function auxDim(spec: EnsembleSpec): number {
  return Math.max(1, spec.dynamics.descriptor.auxWords?.(spec.dynamics.value, spec.dim) ?? 0);
}

/** The objective's finite-sum data (at least one word: a binding cannot be empty). */
export function packData(spec: EnsembleSpec): Float32Array<ArrayBuffer> {
  const data = spec.objective.descriptor.data?.(spec.objective.value, spec.dim) ?? [];
  return new Float32Array(data.length > 0 ? data : [0]);
}

function requireMinimizer(x: number[] | undefined, dim: number): number[] {
  if (!x || x.length !== dim) throw new RangeError(`statistics.distance needs statistics.minimizer with ${dim} entries`);
  return x;
}

/** The statistics layout of a spec (features, partial words, counters). */
export function specStatisticsLayout(spec: EnsembleSpec): StatisticsLayout {
  return statisticsLayout(spec.dim, spec.steps, spec.checkpoints.length, spec.statistics, spec.escape);
}

/** The three kernels of an ensemble run, composed once per spec (before any dispatch). */
export function composeEnsembleKernels(spec: EnsembleSpec, params: PackedParams, layout: StatisticsLayout): {
  initialize: ComposedKernel;
  integrate: ComposedKernel;
  reduce: ComposedKernel;
} {
  const noise = specNoise(spec);
  const objectiveConstants = spec.objective.descriptor.constants?.(spec.objective.value, spec.dim) ?? {};
  const constants = {
    DIM: spec.dim,
    AUX_DIM: auxDim(spec),
    ...params.offsets,
    RECORD_WORDS,
    PARAMS_WORDS: params.values.length,
    ...objectiveConstants,
    ...noise.descriptor.constants(noise.value),
  };
  const overrides = { WORKGROUP_SIZE };
  const observerPath = spec.escape ? 'observers/escape.wgsl' : 'observers/none.wgsl';
  const objective = spec.objective.descriptor.shader;
  const roles = {
    objective,
    noise: noise.descriptor.shader,
    dynamics: spec.dynamics.descriptor.shader,
    observer: { path: observerPath, source: SHADER_LIBRARY[observerPath] },
  };
  const modelPrivate = params.values.length <= MAX_PRIVATE_MODEL_WORDS;
  const observerDefines = { ESCAPE_STOP: spec.escape?.stop ?? false, ESCAPE_BRIDGE: spec.escape?.bridge !== undefined };
  const stateInStorage = spec.dynamics.descriptor.stateInStorage === true;
  if (stateInStorage && spec.escape) throw new RangeError(`${spec.dynamics.descriptor.kind} keeps its state in storage and runs without an escape observer; remove "escape"`);
  const defines = {
    ...spec.dynamics.descriptor.defines(spec.dynamics.value, spec.objective.value),
    STATE_IN_STORAGE: stateInStorage,
    ...noise.descriptor.defines(noise.value),
    MODEL_PRIVATE: modelPrivate,
    ...observerDefines,
  };
  return {
    initialize: composeKernel({
      entry: 'kernels/initialize.wgsl',
      entryPoint: 'initialize',
      roles,
      defines,
      constants,
      overrides,
    }),
    integrate: composeKernel({ entry: 'kernels/integrate.wgsl', entryPoint: 'integrate', roles, defines, constants, overrides }),
    reduce: composeKernel({
      entry: 'reduce/statistics.wgsl',
      entryPoint: 'reduce_statistics',
      roles: { objective },
      constants: { DIM: spec.dim, AUX_DIM: auxDim(spec), ...params.offsets, ...objectiveConstants, REDUCE_BLOCK, REDUCE_THREADS, ...statisticsConstants(layout) },
    }),
  };
}
