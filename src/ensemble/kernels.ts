import { composeKernel, type ComposedKernel } from '../compose/compose-kernel';
import { SHADER_LIBRARY } from '../compose/shader-library';
import { layoutConstants, paramLayout } from '../compose/param-layout';
import { packRegion, REGION_KIND, regionRecordConstants } from '../stats/region-params';
import type { InitialLaw } from '../dynamics/dynamics-descriptor';
import { SCHEDULE_KIND, SCHEDULE_RECORD_CONSTANTS } from '../schedules/schedule';
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

/** The packed parameter buffer of a spec and the WGSL constants that locate its fields. */
export interface PackedParams {
  values: Float32Array<ArrayBuffer>;
  /**
   * The preamble constants of every declared field (its absolute word in `model`),
   * aux field (its index in a trajectory's aux array), record field and enum member
   * (src/compose/param-layout.ts).
   */
  fields: Record<string, number>;
}

/** The initial law N(mean, diag(std²)) as kernels/initialize.wgsl reads it. */
const INITIAL_LAW_PARAMS = paramLayout<[initial: InitialLaw]>({
  INIT_MEAN: (initial) => initial.mean,
  INIT_STD: (initial) => initial.std,
});

/**
 * What the reduction kernel (reduce/statistics.wgsl) and the escape observer
 * (observers/escape.wgsl) read: x* for distances, histogram ranges, the regions
 * whose occupancy is counted, the escape region with dt and Σ for the bridge.
 * Fields a run does not use are empty.
 */
const OBSERVATION_PARAMS = paramLayout<[spec: EnsembleSpec]>({
  MINIMIZER: (spec) => (spec.statistics?.distance ? requireMinimizer(spec.statistics.minimizer, spec.dim) : []),
  HIST_STATE_RANGE: (spec) => spec.statistics?.histogram?.range ?? [],
  HIST_LOSS_RANGE: (spec) => (spec.statistics?.histogram ? (spec.statistics.histogram.lossRange ?? [0, 1]) : []),
  REGIONS: (spec) => (spec.statistics?.regions ?? []).flatMap((r) => packRegion(r.region, spec.dim)),
  ESCAPE_REGION: (spec) => (spec.escape ? packRegion(spec.escape.region, spec.dim) : []),
  ESCAPE_DT: (spec) => (spec.escape?.bridge ? [spec.escape.bridge.dt] : []),
  ESCAPE_SIGMA2: (spec) => spec.escape?.bridge?.diffusion.flat() ?? [],
});

/**
 * Packs the initial law, the objective's, dynamics' and noise's parameters, then
 * what the statistics and the escape observer read, each block from its declared
 * layout. Computed in float64, stored as f32.
 */
export function packParams(spec: EnsembleSpec): PackedParams {
  const dim = spec.dim;
  const noise = specNoise(spec);
  const roles = [spec.objective.descriptor.params, spec.dynamics.descriptor.params, noise.descriptor.params];
  const blocks = [
    INITIAL_LAW_PARAMS.layOut(spec.initial),
    spec.objective.descriptor.params.layOut(spec.objective.value, dim),
    spec.dynamics.descriptor.params.layOut(spec.dynamics.value, spec.objective.value, dim, noise.value),
    noise.descriptor.params.layOut(noise.value, dim),
    OBSERVATION_PARAMS.layOut(spec),
  ];
  const words: number[] = [];
  const placed = blocks.map((block) => {
    const start = words.length;
    for (const w of block.words) words.push(w);
    return { start, offsets: block.offsets };
  });
  return {
    values: new Float32Array(words),
    fields: layoutConstants(
      [
        ...placed,
        { start: 0, offsets: auxLayoutOf(spec).offsets },
        ...[regionRecordConstants(dim), SCHEDULE_RECORD_CONSTANTS, ...roles.flatMap((layout) => layout.constants)].map((offsets) => ({ start: 0, offsets })),
      ],
      [REGION_KIND, SCHEDULE_KIND, ...roles.flatMap((layout) => layout.enums)],
    ),
  };
}

/** The spec's noise, `none` when absent. */
export function specNoise(spec: EnsembleSpec): { descriptor: NoiseDescriptor<any>; value: unknown } {
  return spec.noise ?? { descriptor: noNoise, value: { kind: 'none' } };
}

/** Where each of the dynamics' aux fields starts in a trajectory's aux array, and their total words. */
function auxLayoutOf(spec: EnsembleSpec): { words: number; offsets: Record<string, number> } {
  return spec.dynamics.descriptor.aux?.layOut(spec.dynamics.value, spec.dim) ?? { words: 0, offsets: {} };
}

/** Words of the dynamics' own per-trajectory state (at least 1: WGSL arrays cannot be empty). */
export function auxDim(spec: EnsembleSpec): number {
  return Math.max(1, auxLayoutOf(spec).words);
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

/** The most normals a group of steps sharing NOISE blocks draws at once. */
const MAX_GROUP_NORMALS = 32;

/**
 * How the integrate kernel draws the step's Brownian increment
 * (shaders/lib/brownian.wgsl): whether any composed module reads it, the
 * fine steps per step (2^refineLog2), the normals a step uses, and how many
 * consecutive steps share whole NOISE blocks (4 / gcd(normals, 4)). The kernel
 * writes a group's steps out (kernels/integrate.wgsl), so groups are formed
 * only while a group's normals stay few (≤ MAX_GROUP_NORMALS); beyond, a step
 * draws its own blocks and at most two partial ones are drawn twice.
 */
export function brownianLayout(spec: EnsembleSpec, noise = specNoise(spec)): { draws: boolean; refineLog2: number; normalsPerStep: number; group: number } {
  const dynamics = spec.dynamics.descriptor;
  const draws = dynamics.brownian === true || (dynamics.usesNoise && !dynamics.noiseFreeModel && noise.descriptor.brownian(noise.value));
  const refineLog2 = spec.noiseGrid?.refineLog2 ?? 0;
  const normalsPerStep = 2 ** refineLog2 * spec.dim;
  const shared = normalsPerStep % 4 === 0 ? 1 : normalsPerStep % 2 === 0 ? 2 : 4;
  const group = shared * normalsPerStep <= MAX_GROUP_NORMALS ? shared : 1;
  return { draws, refineLog2, normalsPerStep, group };
}

/** The three kernels of an ensemble run, composed once per spec (before any dispatch). */
export function composeEnsembleKernels(spec: EnsembleSpec, params: PackedParams, layout: StatisticsLayout): {
  initialize: ComposedKernel;
  integrate: ComposedKernel;
  reduce: ComposedKernel;
} {
  const noise = specNoise(spec);
  const brownian = brownianLayout(spec, noise);
  const objectiveConstants = spec.objective.descriptor.constants?.(spec.objective.value, spec.dim) ?? {};
  const constants = {
    DIM: spec.dim,
    AUX_DIM: auxDim(spec),
    ...params.fields,
    RECORD_WORDS,
    PARAMS_WORDS: params.values.length,
    ...objectiveConstants,
    ...noise.descriptor.constants(noise.value),
    BROWNIAN_REFINE_LOG2: brownian.refineLog2,
    BROWNIAN_GROUP: brownian.group,
    BROWNIAN_GROUP_WORDS: brownian.group > 1 ? brownian.group * brownian.normalsPerStep : 1,
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
    BROWNIAN: brownian.draws && !stateInStorage,
    BROWNIAN_GROUPED: brownian.draws && !stateInStorage && brownian.group > 1,
    BROWNIAN_GROUP_OF_4: brownian.group === 4,
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
      constants: { DIM: spec.dim, AUX_DIM: auxDim(spec), ...params.fields, ...objectiveConstants, REDUCE_BLOCK, REDUCE_THREADS, ...statisticsConstants(layout) },
    }),
  };
}
