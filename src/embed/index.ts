/**
 * The embedding API: ensembles that live on the GPU between calls, stepped by
 * the app, whose state buffers the app draws with its own pipelines on a
 * device it shares with the engine.
 */
export { LiveEnsemble, type LiveEnsembleOptions, type LiveEnsembleTiming } from './live-ensemble';
export { LiveExperiment, createLiveEnsemble, type LiveRun } from './live-experiment';
export { shareDevice, shareDeviceDescribed, requestSharedDevice } from './shared-device';
export type { StateBufferLayout, RecordBufferLayout } from './buffer-layouts';
