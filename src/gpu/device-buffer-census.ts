/**
 * An independent check of the engine's buffer accounting (src/gpu/buffer-registry.ts):
 * counts, at the device itself, the buffers created and not destroyed while a piece of
 * code runs — whoever creates them. The leak tests in Node and in the browser
 * (demo/leak-check) compare it with the registry's own figures.
 */

/** Buffers `device.createBuffer` made while `body` ran, and the labels of those not destroyed since. */
export async function countDeviceBuffers(device: GPUDevice, body: () => Promise<void>): Promise<{ created: number; alive: string[] }> {
  const original = device.createBuffer;
  const alive = new Map<GPUBuffer, string>();
  let created = 0;
  device.createBuffer = (descriptor: GPUBufferDescriptor) => {
    const buffer = original.call(device, descriptor);
    created++;
    alive.set(buffer, descriptor.label ?? '');
    const destroy = buffer.destroy;
    buffer.destroy = () => {
      alive.delete(buffer);
      destroy.call(buffer);
    };
    return buffer;
  };
  try {
    await body();
  } finally {
    device.createBuffer = original;
  }
  return { created, alive: [...alive.values()] };
}
