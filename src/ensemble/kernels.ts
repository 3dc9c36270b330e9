import { composeKernel, type ComposedKernel } from '../compose/compose-kernel';
import { SHADER_LIBRARY } from '../compose/shader-library';
import type { EnsembleSpec } from './ensemble-spec';
import { RECORD_WORDS, REDUCE_BLOCK, REDUCE_THREADS, WORKGROUP_SIZE } from './layout';

/**
 * Models up to this many parameter words are copied into private memory per
 * invocation (fast on every adapter); larger ones are read from storage.
 */
export const MAX_PRIVATE_MODEL_WORDS = 1024;

/** The packed parameter buffer of a spec and where each part starts (in f32 words). */
export interface PackedParams {
  values: Float32Array<ArrayBuffer>;
  offsets: { INIT_OFFSET: number; OBJECTIVE_OFFSET: number; DYNAMICS_OFFSET: number };
}

/** Packs initial law, objective and dynamics parameters (computed in float64, stored as f32). */
export function packParams(spec: EnsembleSpec): PackedParams {
  const init = [...spec.initial.mean, ...spec.initial.std];
  const objective = spec.objective.descriptor.pack(spec.objective.value, spec.dim);
  const dynamics = spec.dynamics.descriptor.pack(spec.dynamics.value, spec.objective.value, spec.dim);
  const values = new Float32Array([...init, ...objective, ...dynamics]);
  return {
    values,
    offsets: { INIT_OFFSET: 0, OBJECTIVE_OFFSET: init.length, DYNAMICS_OFFSET: init.length + objective.length },
  };
}

/** The three kernels of an ensemble run, composed once per spec (before any dispatch). */
export function composeEnsembleKernels(spec: EnsembleSpec, params: PackedParams): {
  initialize: ComposedKernel;
  integrate: ComposedKernel;
  reduce: ComposedKernel;
} {
  const constants = { DIM: spec.dim, ...params.offsets, RECORD_WORDS, PARAMS_WORDS: params.values.length };
  const overrides = { WORKGROUP_SIZE };
  const roles = {
    objective: spec.objective.descriptor.shader,
    dynamics: spec.dynamics.descriptor.shader,
    observer: { path: 'observers/none.wgsl', source: SHADER_LIBRARY['observers/none.wgsl'] },
  };
  const modelPrivate = params.values.length <= MAX_PRIVATE_MODEL_WORDS;
  const defines = { ...spec.dynamics.descriptor.defines(spec.dynamics.value, spec.objective.value), MODEL_PRIVATE: modelPrivate };
  return {
    initialize: composeKernel({ entry: 'kernels/initialize.wgsl', entryPoint: 'initialize', defines: { MODEL_PRIVATE: modelPrivate }, constants, overrides }),
    integrate: composeKernel({ entry: 'kernels/integrate.wgsl', entryPoint: 'integrate', roles, defines, constants, overrides }),
    reduce: composeKernel({
      entry: 'reduce/moments.wgsl',
      entryPoint: 'reduce_moments',
      constants: { DIM: spec.dim, REDUCE_BLOCK, REDUCE_THREADS },
    }),
  };
}
