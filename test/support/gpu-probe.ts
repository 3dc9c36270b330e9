import { composeKernel } from '../../src/compose';
import type { EngineDevice } from '../../src/node';
import { computePipeline } from '../../src/gpu/pipeline-cache';

/** Words, normals and uniforms the GPU computes for each (counter, key), via shaders/kernels/rng_probe.wgsl. */
export interface ProbeOutput {
  words: Uint32Array;
  normals: Float32Array;
  uniforms: Float32Array;
}

/** With `raw`, the counter words are transformed directly (no Philox), to reach chosen words. */
export async function probeRng(gpu: EngineDevice, items: { counter: number[]; key: number[]; raw?: boolean }[]): Promise<ProbeOutput> {
  const { device } = gpu;
  const kernel = composeKernel({ entry: 'kernels/rng_probe.wgsl', entryPoint: 'rng_probe', constants: {} });
  const pipeline = await computePipeline(device, kernel);
  const input = new Uint32Array(items.length * 8);
  items.forEach((it, i) => {
    input.set(it.counter, i * 8);
    input.set(it.key, i * 8 + 4);
    input[i * 8 + 6] = it.raw ? 1 : 0;
  });
  const outBytes = items.length * 12 * 4;
  const inBuf = device.createBuffer({ label: 'probe in', size: input.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  const outBuf = device.createBuffer({ label: 'probe out', size: outBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readBuf = device.createBuffer({ label: 'probe read', size: outBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(inBuf, 0, input);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: inBuf } }, { binding: 1, resource: { buffer: outBuf } }],
  }));
  const groups = Math.ceil(items.length / 64);
  const x = Math.min(groups, 65535);
  pass.dispatchWorkgroups(x, Math.ceil(groups / x));
  pass.end();
  encoder.copyBufferToBuffer(outBuf, 0, readBuf, 0, outBytes);
  device.queue.submit([encoder.finish()]);
  await readBuf.mapAsync(GPUMapMode.READ);
  const all = new Uint32Array(readBuf.getMappedRange().slice(0));
  readBuf.unmap();
  for (const b of [inBuf, outBuf, readBuf]) b.destroy();
  const words = new Uint32Array(items.length * 4);
  const normals = new Float32Array(items.length * 4);
  const uniforms = new Float32Array(items.length * 4);
  const asF32 = new Float32Array(all.buffer);
  for (let i = 0; i < items.length; i++) {
    words.set(all.subarray(i * 12, i * 12 + 4), i * 4);
    normals.set(asF32.subarray(i * 12 + 4, i * 12 + 8), i * 4);
    uniforms.set(asF32.subarray(i * 12 + 8, i * 12 + 12), i * 4);
  }
  return { words, normals, uniforms };
}

/** The four Threefry4x32-20 words the GPU computes for each (counter, key), via shaders/kernels/threefry_probe.wgsl. */
export async function probeThreefry(gpu: EngineDevice, items: { counter: number[]; key: number[] }[]): Promise<Uint32Array> {
  const { device } = gpu;
  const kernel = composeKernel({ entry: 'kernels/threefry_probe.wgsl', entryPoint: 'threefry_probe', constants: {} });
  const pipeline = await computePipeline(device, kernel);
  const input = new Uint32Array(items.length * 8);
  items.forEach((it, i) => {
    input.set(it.counter, i * 8);
    input.set(it.key, i * 8 + 4);
  });
  const outBytes = items.length * 4 * 4;
  const inBuf = device.createBuffer({ label: 'threefry probe in', size: input.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  const outBuf = device.createBuffer({ label: 'threefry probe out', size: outBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readBuf = device.createBuffer({ label: 'threefry probe read', size: outBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(inBuf, 0, input);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: inBuf } }, { binding: 1, resource: { buffer: outBuf } }],
  }));
  const groups = Math.ceil(items.length / 64);
  const x = Math.min(groups, 65535);
  pass.dispatchWorkgroups(x, Math.ceil(groups / x));
  pass.end();
  encoder.copyBufferToBuffer(outBuf, 0, readBuf, 0, outBytes);
  device.queue.submit([encoder.finish()]);
  await readBuf.mapAsync(GPUMapMode.READ);
  const words = new Uint32Array(readBuf.getMappedRange().slice(0));
  readBuf.unmap();
  for (const b of [inBuf, outBuf, readBuf]) b.destroy();
  return words;
}
