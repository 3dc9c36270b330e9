import { composeKernel } from '../../src/compose';
import type { EngineDevice } from '../../src/node';
import { computePipeline } from '../../src/gpu/pipeline-cache';

/** Words, normals and uniforms the GPU computes for each (counter, key), via shaders/kernels/rng_probe.wgsl. */
export interface ProbeOutput {
  words: Uint32Array;
  normals: Float32Array;
  uniforms: Float32Array;
}

/**
 * Runs a probe kernel (bindings: 0 = input, 1 = output) over `count` items,
 * 64 per workgroup, and reads `outWordsPerItem` u32 words per item back.
 */
async function runProbe(gpu: EngineDevice, entry: string, entryPoint: string, input: Uint32Array<ArrayBuffer>, count: number, outWordsPerItem: number): Promise<Uint32Array> {
  const { device } = gpu;
  const pipeline = await computePipeline(device, composeKernel({ entry, entryPoint, constants: {} }));
  const outBytes = count * outWordsPerItem * 4;
  const inBuf = device.createBuffer({ label: `${entryPoint} in`, size: input.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  const outBuf = device.createBuffer({ label: `${entryPoint} out`, size: outBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readBuf = device.createBuffer({ label: `${entryPoint} read`, size: outBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(inBuf, 0, input);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: inBuf } }, { binding: 1, resource: { buffer: outBuf } }],
  }));
  const groups = Math.ceil(count / 64);
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

/** Each item's counter (4 words) and key (up to 4 words) at 8 words per item, plus `extra(item)` at word 6 where given. */
function probeInput(items: { counter: number[]; key: number[] }[], extra?: (i: number) => number): Uint32Array<ArrayBuffer> {
  const input = new Uint32Array(items.length * 8);
  items.forEach((it, i) => {
    input.set(it.counter, i * 8);
    input.set(it.key, i * 8 + 4);
    if (extra) input[i * 8 + 6] = extra(i);
  });
  return input;
}

/** With `raw`, the counter words are transformed directly (no Philox), to reach chosen words. */
export async function probeRng(gpu: EngineDevice, items: { counter: number[]; key: number[]; raw?: boolean }[]): Promise<ProbeOutput> {
  const all = await runProbe(gpu, 'kernels/rng_probe.wgsl', 'rng_probe', probeInput(items, (i) => (items[i].raw ? 1 : 0)), items.length, 12);
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
  return runProbe(gpu, 'kernels/threefry_probe.wgsl', 'threefry_probe', probeInput(items), items.length, 4);
}
