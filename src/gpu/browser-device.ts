import { deviceFromAdapter, NoAdapterError, type EngineDevice } from './engine-device';

/**
 * Acquires a device from `navigator.gpu` (browsers; the page must be a secure
 * context such as http://localhost). Asks for the compatibility feature level
 * so the same WGSL runs on every adapter.
 */
export async function requestBrowserDevice(options: { powerPreference?: GPUPowerPreference } = {}): Promise<EngineDevice> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) {
    throw new NoAdapterError('navigator.gpu is missing', 'use a WebGPU browser and serve the page from https:// or http://localhost');
  }
  const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance', featureLevel: 'compatibility' } as GPURequestAdapterOptions);
  if (!adapter) throw new NoAdapterError('the browser offered no adapter', 'enable WebGPU (chrome://flags, --enable-unsafe-webgpu)');
  return deviceFromAdapter(adapter, 'browser', 'compatibility');
}
