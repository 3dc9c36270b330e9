/**
 * Accounts for every GPUBuffer the engine creates, so that an embedding app (a
 * page that builds hundreds of ensembles) and the tests can check that none is
 * left alive: buffers are made through {@link createEngineBuffer} and released
 * through {@link destroyEngineBuffer}, and {@link liveEngineBuffers} lists the
 * ones still held. It counts only the engine's own buffers, never the app's.
 */

interface Entry {
  label: string;
  size: number;
  device: GPUDevice;
}

const live = new Map<GPUBuffer, Entry>();
let created = 0;
let createdBytes = 0;

/** `device.createBuffer(descriptor)`, recorded as live until {@link destroyEngineBuffer}. */
export function createEngineBuffer(device: GPUDevice, descriptor: GPUBufferDescriptor): GPUBuffer {
  const buffer = device.createBuffer(descriptor);
  live.set(buffer, { label: descriptor.label ?? '', size: descriptor.size, device });
  created++;
  createdBytes += descriptor.size;
  return buffer;
}

/** Destroys an engine buffer and stops counting it; calling it again is harmless. */
export function destroyEngineBuffer(buffer: GPUBuffer): void {
  if (!live.delete(buffer)) return;
  buffer.destroy();
}

/** The engine's buffers that are alive (on one device, or on all), with their labels and sizes. */
export function liveEngineBuffers(device?: GPUDevice): { label: string; size: number }[] {
  return [...live.values()].filter((e) => device === undefined || e.device === device).map(({ label, size }) => ({ label, size }));
}

/** Totals since the process started: buffers and bytes created, and those still alive. */
export function engineBufferStats(): { created: number; createdBytes: number; live: number; liveBytes: number } {
  let liveBytes = 0;
  for (const e of live.values()) liveBytes += e.size;
  return { created, createdBytes, live: live.size, liveBytes };
}
