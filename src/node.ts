/**
 * `sdeflow/node`: everything in `sdeflow`, plus device acquisition through
 * Dawn's Node bindings (the `webgpu` package).
 */
export * from './index';
export { requestNodeDevice, resolveBackend, NODE_BACKENDS, type NodeBackend, type NodeDeviceOptions } from './gpu/node-device';
