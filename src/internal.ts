/**
 * Everything the engine exports between its own modules, in one place, for the
 * tests: the public entry points are src/index.ts (`sdeflow`), src/node.ts
 * (`sdeflow/node`) and src/oracles/index.ts (`sdeflow/oracles`), whose
 * surface test/architecture/api-report.test.ts guards. Not shipped as an entry.
 */
export { adapterLabel, type AdapterDescription } from './gpu/adapter-description';
export { DeviceLostError, NoAdapterError, wrapDevice, deviceFromAdapter, type EngineDevice } from './gpu/engine-device';
export { requestBrowserDevice } from './gpu/browser-device';
export { KernelCompileError } from './gpu/pipeline-cache';
export { liveEngineBuffers, engineBufferStats } from './gpu/buffer-registry';
export { countDeviceBuffers } from './gpu/device-buffer-census';
export { composeKernel, ShaderCompositionError, type ComposedKernel, type KernelSpec } from './compose';
export { runEnsembleGpu } from './ensemble/gpu-ensemble';
export { EnsembleAbortedError } from './ensemble/ensemble-aborted-error';
export { LoopCutError } from './ensemble/loop-cut-error';
export type { EnsembleSnapshot, SnapshotOptions } from './ensemble/ensemble-snapshot';
export type { EnsembleSpec, EnsembleOptions, EnsembleResult, EnsembleProgress, EnsembleTiming } from './ensemble/ensemble-spec';
export { runEnsembleReference, CPU_REFERENCE_DEVICE } from './reference/run-reference';
export { OBJECTIVES, DYNAMICS, objectiveDescriptor, dynamicsDescriptor } from './registry';
export * from './rng';
export * from './oracles';
export * from './experiment';
export * from './run';
export { formatConsoleReport } from './report/console-report';
export * from './embed';
