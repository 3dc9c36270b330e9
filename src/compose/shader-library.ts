/**
 * The engine's own WGSL modules (library, kernels, reductions, observers),
 * keyed by their path under `shaders/`. Objective and dynamics modules are not
 * here: each descriptor imports its own file, so adding a model touches only
 * its three files and its registry row.
 *
 * `?raw` imports work in vite, vitest and (through bin/raw-loader.mjs) Node.
 */
import philox from '../../shaders/lib/philox.wgsl?raw';
import threefry from '../../shaders/lib/threefry.wgsl?raw';
import random from '../../shaders/lib/random.wgsl?raw';
import rngStreams from '../../shaders/lib/rng_streams.wgsl?raw';
import state from '../../shaders/lib/state.wgsl?raw';
import trajectory from '../../shaders/lib/trajectory.wgsl?raw';
import brownian from '../../shaders/lib/brownian.wgsl?raw';
import ensembleBindings from '../../shaders/lib/ensemble_bindings.wgsl?raw';
import initialize from '../../shaders/kernels/initialize.wgsl?raw';
import integrate from '../../shaders/kernels/integrate.wgsl?raw';
import rngProbe from '../../shaders/kernels/rng_probe.wgsl?raw';
import threefryProbe from '../../shaders/kernels/threefry_probe.wgsl?raw';
import reduceStatistics from '../../shaders/reduce/statistics.wgsl?raw';
import reduceLevelDifference from '../../shaders/reduce/level_difference.wgsl?raw';
import regions from '../../shaders/lib/regions.wgsl?raw';
import schedule from '../../shaders/lib/schedule.wgsl?raw';
import finiteSum from '../../shaders/lib/finite_sum.wgsl?raw';
import designRows from '../../shaders/lib/design_rows.wgsl?raw';
import sgdModel from '../../shaders/lib/sgd_model.wgsl?raw';
import symmetricEigen from '../../shaders/lib/symmetric_eigen.wgsl?raw';
import twoTimescale from '../../shaders/lib/two_timescale.wgsl?raw';
import trig from '../../shaders/lib/trig.wgsl?raw';
import cosineBumps from '../../shaders/lib/cosine_bumps.wgsl?raw';
import prox from '../../shaders/lib/prox.wgsl?raw';
import batchMaps from '../../shaders/lib/batch_maps.wgsl?raw';
import batchDraw from '../../shaders/lib/batch_draw.wgsl?raw';
import loopCanary from '../../shaders/lib/loop_canary.wgsl?raw';
import observerEscape from '../../shaders/observers/escape.wgsl?raw';
import observerNone from '../../shaders/observers/none.wgsl?raw';

/** Path (relative to `shaders/`) → WGSL text. */
export type ShaderSources = Readonly<Record<string, string>>;

export const SHADER_LIBRARY: ShaderSources = {
  'lib/philox.wgsl': philox,
  'lib/threefry.wgsl': threefry,
  'lib/random.wgsl': random,
  'lib/rng_streams.wgsl': rngStreams,
  'lib/state.wgsl': state,
  'lib/trajectory.wgsl': trajectory,
  'lib/brownian.wgsl': brownian,
  'lib/ensemble_bindings.wgsl': ensembleBindings,
  'kernels/initialize.wgsl': initialize,
  'kernels/integrate.wgsl': integrate,
  'kernels/rng_probe.wgsl': rngProbe,
  'kernels/threefry_probe.wgsl': threefryProbe,
  'reduce/statistics.wgsl': reduceStatistics,
  'reduce/level_difference.wgsl': reduceLevelDifference,
  'lib/regions.wgsl': regions,
  'lib/schedule.wgsl': schedule,
  'lib/finite_sum.wgsl': finiteSum,
  'lib/design_rows.wgsl': designRows,
  'lib/sgd_model.wgsl': sgdModel,
  'lib/symmetric_eigen.wgsl': symmetricEigen,
  'lib/two_timescale.wgsl': twoTimescale,
  'lib/trig.wgsl': trig,
  'lib/cosine_bumps.wgsl': cosineBumps,
  'lib/prox.wgsl': prox,
  'lib/batch_maps.wgsl': batchMaps,
  'lib/batch_draw.wgsl': batchDraw,
  'lib/loop_canary.wgsl': loopCanary,
  'observers/escape.wgsl': observerEscape,
  'observers/none.wgsl': observerNone,
};
