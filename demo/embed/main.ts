/**
 * The embedding example (README "Embed it"): an app that owns its device and
 * its render pipeline, uses only sdeflow's public API, steps an ensemble each
 * frame, draws the state buffer as an instanced vertex buffer and reads the
 * statistics. Where the browser cannot present a WebGPU canvas (its device is
 * lost at the first frame), it starts again drawing into a texture whose
 * pixels it copies to a 2-D canvas, and says so. Sets
 * document.body.dataset.state to `done` (or `error`) and `presentation` to
 * `canvas` or `copy`, for tests.
 */
import { assertExperiment, createLiveEnsemble, requestSharedDevice, shareDevice } from 'sdeflow';
import pointsWgsl from '../../shaders/render/embed-points.wgsl?raw';
import { COPY_FORMAT, TextureCopy } from '../app/texture-copy';
import { deviceAfterLoss, deviceLostSoon, PRESENTATION_NOTE, rejectOnLoss } from '../app/presentation-fallback';

type Presentation = 'canvas' | 'copy';
/** The device of the latest attempt, asked after a failure whether it was lost. */
let lastDevice: GPUDevice | undefined;
const stats = document.querySelector<HTMLPreElement>('#stats')!;
const note = document.querySelector<HTMLParagraphElement>('#note')!;

async function requestAdapter(): Promise<GPUAdapter> {
  const adapter = await navigator.gpu.requestAdapter({ featureLevel: 'compatibility' } as GPURequestAdapterOptions);
  if (!adapter) throw new Error('the browser offered no WebGPU adapter');
  return adapter;
}

async function run(presentation: Presentation): Promise<void> {
  document.body.dataset.presentation = presentation;
  // A canvas that once had a WebGPU context cannot give a 2-D one: the copy path draws on a fresh one.
  const canvas = presentation === 'canvas' ? document.querySelector<HTMLCanvasElement>('#view')! : freshCanvas();
  const adapter = presentation === 'canvas' ? await requestAdapter() : await deviceAfterLoss(requestAdapter);
  const device = await requestSharedDevice(adapter); // the app's device, with the engine's limits
  lastDevice = device;
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
  const format = presentation === 'canvas' ? navigator.gpu.getPreferredCanvasFormat() : COPY_FORMAT;
  const context = presentation === 'canvas' ? canvas.getContext('webgpu')! : null;
  context?.configure({ device, format, alphaMode: 'premultiplied' });
  const copy = context ? null : new TextureCopy(device, canvas.width, canvas.height);
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
  const draw = async () => {
    const encoder = device.createCommandEncoder();
    const target = context ? context.getCurrentTexture() : copy!.texture;
    const pass = encoder.beginRenderPass({ colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 0] }] });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.setVertexBuffer(0, buffer);
    pass.draw(4, trajectories);
    pass.end();
    if (copy) await copy.show(encoder, canvas);
    else device.queue.submit([encoder.finish()]);
  };

  let frame = 0;
  // A device lost while presenting may leave a wait unsettled: the loss itself ends the run.
  const lost = context ? rejectOnLoss(device) : null;
  const step = <T>(p: Promise<T>): Promise<T> => (lost ? Promise.race([p, lost]) : p);
  while (!ensemble.done) {
    await step(ensemble.advance(10)); // ten steps per frame
    // Copying pixels back is slow: the copy path draws every sixth frame.
    if (context || frame++ % 6 === 0) await step(draw());
    await step(new Promise(requestAnimationFrame));
  }
  await step(draw());
  const s = await step(ensemble.readStatistics()); // mergeable statistics at every checkpoint
  const last = s.checkpoints[s.checkpoints.length - 1];
  stats.textContent = `t = ${last.step * 0.01}: mean x = (${last.features.mean[0].toFixed(4)}, ${last.features.mean[1].toFixed(4)}), var x₁ = ${last.features.variance(0).toFixed(4)}, N = ${last.count}`;
  document.body.dataset.meanX0 = String(last.features.mean[0]);
  ensemble.dispose(); // frees the engine's buffers; the device stays the app's
  copy?.destroy();
  document.body.dataset.state = 'done';
}

/** Replaces the WebGPU canvas with a 2-D one of the same size. */
function freshCanvas(): HTMLCanvasElement {
  const old = document.querySelector<HTMLCanvasElement>('#view')!;
  const canvas = document.createElement('canvas');
  canvas.id = 'view';
  canvas.width = old.width;
  canvas.height = old.height;
  old.replaceWith(canvas);
  return canvas;
}

async function main(): Promise<void> {
  if (!navigator.gpu) throw new Error('WebGPU is not available in this browser (navigator.gpu is missing)');
  try {
    await run('canvas');
  } catch (e) {
    // The device died while presenting (some software adapters): start again, copying pixels instead.
    const lost = lastDevice ? await deviceLostSoon(lastDevice) : undefined;
    if (lost === undefined) throw e;
    note.textContent = PRESENTATION_NOTE;
    note.title = lost;
    note.hidden = false;
    document.body.dataset.presentationFallback = lost;
    await run('copy');
  }
}

main().catch((e: Error) => {
  console.error(e.stack);
  stats.textContent = `error: ${e.message}`;
  document.body.dataset.state = 'error';
});
