import { describeAdapter, type AdapterDescription } from '../gpu/adapter-description';
import { engineLimits, type EngineDevice } from '../gpu/engine-device';

/**
 * Wraps a `GPUDevice` that an embedding app owns, so the engine runs on the
 * app's device (its buffers can then be bound in the app's own pipelines).
 * Unlike `wrapDevice`, `release()` never destroys the device: the app keeps
 * owning it. The adapter is needed only to describe it (name, software or not,
 * llvmpipe's loop limit); the device should have been requested with at least
 * `engineLimits(adapter)` (see {@link requestSharedDevice}).
 */
export function shareDevice(device: GPUDevice, adapter: GPUAdapter, backend = 'browser'): EngineDevice {
  const featureLevel = device.features.has('core-features-and-limits' as GPUFeatureName) ? 'core' : 'compatibility';
  return shareDeviceDescribed(device, describeAdapter(adapter, backend, featureLevel));
}

/** As {@link shareDevice}, for an app that already holds the adapter's description. */
export function shareDeviceDescribed(device: GPUDevice, description: AdapterDescription): EngineDevice {
  let lost: string | undefined;
  let released = false;
  void device.lost.then((info) => {
    if (!released) lost = `device lost, ${info.reason}${info.message ? `: ${info.message}` : ''}`;
  });
  return {
    device,
    adapter: description,
    lostReason: () => lost,
    release() {
      released = true; // the app owns the device: nothing to destroy
    },
  };
}

/**
 * Requests a device for an app that will also draw with it: the engine's limits
 * (engineLimits) and timestamp queries where offered, plus whatever the app asks.
 */
export async function requestSharedDevice(adapter: GPUAdapter, descriptor: GPUDeviceDescriptor = {}): Promise<GPUDevice> {
  const timestamps = adapter.features.has('timestamp-query') ? (['timestamp-query'] as GPUFeatureName[]) : [];
  return adapter.requestDevice({
    ...descriptor,
    requiredFeatures: [...new Set([...(descriptor.requiredFeatures ?? []), ...timestamps])],
    requiredLimits: { ...engineLimits(adapter), ...(descriptor.requiredLimits ?? {}) },
  });
}
