import { describeAdapter, isNullBackend, type AdapterDescription } from './adapter-description';

/**
 * A `GPUDevice` together with what the engine needs to know about it.
 * Obtain one with `requestNodeDevice` (sdeflow/node), `requestBrowserDevice`,
 * or wrap a device your app already owns with `wrapDevice`.
 */
export interface EngineDevice {
  readonly device: GPUDevice;
  readonly adapter: AdapterDescription;
  /** Set once the device is lost; the runner checks it between dispatches. */
  lostReason(): string | undefined;
  /** Frees the device (idempotent). Node exits cleanly once devices are released. */
  release(): void;
}

/** Raised when the device is lost or reports an error mid-run, naming the reason Dawn or the browser gave. */
export class DeviceLostError extends Error {
  constructor(reason: string) {
    super(`the GPU device failed (${reason}); the run was stopped and its partial results discarded`);
    this.name = 'DeviceLostError';
  }
}

/** Raised when no usable adapter exists; the message says how to get one. */
export class NoAdapterError extends Error {
  constructor(detail: string, hint: string) {
    super(`no WebGPU adapter: ${detail}\nhint: ${hint}`);
    this.name = 'NoAdapterError';
  }
}

/** Limits the engine asks for, capped by what the adapter offers (compatibility defaults are lower). */
export function engineLimits(adapter: GPUAdapter): Record<string, number> {
  const L = adapter.limits;
  return {
    maxComputeWorkgroupSizeX: Math.min(256, L.maxComputeWorkgroupSizeX),
    maxComputeInvocationsPerWorkgroup: Math.min(256, L.maxComputeInvocationsPerWorkgroup),
    maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
    maxBufferSize: L.maxBufferSize,
    maxStorageBuffersPerShaderStage: Math.min(8, L.maxStorageBuffersPerShaderStage),
    maxComputeWorkgroupsPerDimension: L.maxComputeWorkgroupsPerDimension,
  };
}

/**
 * Requests a device from an adapter with the engine's limits and wraps it.
 * Refuses Dawn's null backend, which would silently return garbage.
 */
export async function deviceFromAdapter(
  adapter: GPUAdapter,
  backend: string,
  featureLevel: 'core' | 'compatibility',
  onRelease: () => void = () => {},
): Promise<EngineDevice> {
  if (isNullBackend(adapter)) {
    throw new NoAdapterError('only the null backend is available, which runs nothing', 'use a real GPU, or the software path (backend "gles")');
  }
  const description = describeAdapter(adapter, backend, featureLevel);
  const device = await adapter.requestDevice({
    label: 'sdeflow',
    requiredFeatures: description.timestampQuery ? ['timestamp-query'] : [],
    requiredLimits: engineLimits(adapter),
  });
  return wrapDevice(device, description, onRelease);
}

/** Wraps a device that an embedding app already owns; `release()` then only stops tracking it. */
export function wrapDevice(device: GPUDevice, adapter: AdapterDescription, onRelease: () => void = () => {}): EngineDevice {
  let lost: string | undefined;
  let released = false;
  void device.lost.then((info) => {
    if (!released) lost = `device lost, ${info.reason}${info.message ? `: ${info.message}` : ''}`;
  });
  device.addEventListener('uncapturederror', (event) => {
    const e = event as GPUUncapturedErrorEvent;
    lost ??= `uncaptured GPU error: ${e.error.message}`;
  });
  return {
    device,
    adapter,
    lostReason: () => lost,
    release() {
      if (released) return;
      released = true;
      device.destroy();
      onRelease();
    },
  };
}
