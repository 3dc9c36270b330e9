/**
 * The embedding example (README "Embed it"): an app that owns its device and
 * its render pipeline, uses only sdeflow's public API, steps an ensemble each
 * frame, draws the state buffer as an instanced vertex buffer and reads the
 * statistics. Sets document.body.dataset.state to `done` (or `error`) for tests.
 */
import { assertExperiment, createLiveEnsemble, requestSharedDevice, shareDevice } from 'sdeflow';
import pointsWgsl from '../../shaders/render/embed-points.wgsl?raw';

const stats = document.querySelector<HTMLPreElement>('#stats')!;
const canvas = document.querySelector<HTMLCanvasElement>('#view')!;

async function main(): Promise<void> {
  if (!navigator.gpu) throw new Error('WebGPU is not available in this browser (navigator.gpu is missing)');
  const adapter = await navigator.gpu.requestAdapter({ featureLevel: 'compatibility' } as GPURequestAdapterOptions);
  if (!adapter) throw new Error('the browser offered no WebGPU adapter');
  const device = await requestSharedDevice(adapter); // the app's device, with the engine's limits
  const engine = shareDevice(device, adapter); // sdeflow runs on it and never destroys it

  const experiment = assertExperiment({
    name: 'embed example',
    seed: 'embed',
    objective: { kind: 'double-well', dim: 2 },
    dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 0.5 }],
    x0: { kind: 'gaussian', mean: [-1, 0], std: 0.1 },
    trajectories: 16384,
    steps: 600,
    record: { every: 100, observables: ['mean', 'variance'] },
  });
  const ensemble = await createLiveEnsemble(engine, experiment);
  const { buffer, strideBytes, trajectories } = ensemble.state; // f32, trajectory-major, d = 2

  // The app's own pipeline: the state buffer is an instanced vertex buffer.
  const format = navigator.gpu.getPreferredCanvasFormat();
  const context = canvas.getContext('webgpu')!;
  context.configure({ device, format, alphaMode: 'premultiplied' });
  const module = device.createShaderModule({ code: pointsWgsl });
  const pipeline = device.createRenderPipeline({
    layout: 'auto',
    vertex: { module, buffers: [{ arrayStride: strideBytes, stepMode: 'instance', attributes: [{ shaderLocation: 0, offset: 0, format: 'float32x2' }] }] },
    fragment: { module, targets: [{ format, blend: { color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha' }, alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha' } } }] },
    primitive: { topology: 'triangle-strip' },
  });
  const uniforms = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(uniforms, 0, new Float32Array([0.45, 0.45, 3 / canvas.width, 3 / canvas.height]));
  const group = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: uniforms } }] });
  const draw = () => {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginRenderPass({ colorAttachments: [{ view: context.getCurrentTexture().createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 0] }] });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.setVertexBuffer(0, buffer);
    pass.draw(4, trajectories);
    pass.end();
    device.queue.submit([encoder.finish()]);
  };

  while (!ensemble.done) {
    await ensemble.advance(10); // ten steps per frame
    draw();
    await new Promise(requestAnimationFrame);
  }
  const s = await ensemble.readStatistics(); // mergeable statistics at every checkpoint
  const last = s.checkpoints[s.checkpoints.length - 1];
  stats.textContent = `t = ${last.step * 0.01}: mean x = (${last.features.mean[0].toFixed(4)}, ${last.features.mean[1].toFixed(4)}), var x₁ = ${last.features.variance(0).toFixed(4)}, N = ${last.count}`;
  document.body.dataset.meanX0 = String(last.features.mean[0]);
  ensemble.dispose(); // frees the engine's buffers; the device stays the app's
  document.body.dataset.state = 'done';
}

main().catch((e: Error) => {
  console.error(e.stack);
  stats.textContent = `error: ${e.message}`;
  document.body.dataset.state = 'error';
});
