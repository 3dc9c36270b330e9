/**
 * Draws a live ensemble's particles from its GPU state buffer with a render
 * pipeline (shaders/render/particles.wgsl): the state and record buffers are
 * bound as instanced vertex buffers (works at the compatibility feature
 * level), so the state is never read back. A 2-D canvas on top carries the axes.
 *
 * Presentation: `canvas` (default) renders into the WebGPU canvas. `copy`
 * renders into an offscreen texture and copies its pixels into a 2-D canvas —
 * for browsers that cannot present WebGPU canvases (chromium on SwiftShader
 * whose compositor cannot share the canvas's images: the page falls back to it
 * by itself, see app/presentation-fallback.ts; or asked for with
 * `?present=copy`). Either way the particles come from the same render
 * pipeline and the same state buffer.
 */
import type { EngineDevice, LiveEnsemble } from 'sdeflow';
import source from '../../shaders/render/particles.wgsl?raw';
import { drawAxes, type AxesSpec } from './axes';
import { COPY_FORMAT, TextureCopy } from './texture-copy';

const VIEW_BYTES = 64;

export type Presentation = 'canvas' | 'copy';

export interface ParticleStyle {
  /** Premultiplied RGBA of trajectories inside the escape region, and of those that left it. */
  inside: [number, number, number, number];
  exited: [number, number, number, number];
  /** Particle edge length in CSS pixels. */
  size: number;
}

export class ParticleCanvas {
  private readonly pipelines = new Map<number, GPURenderPipeline>();
  private readonly uniform: GPUBuffer;
  private readonly format: GPUTextureFormat;
  private readonly module: GPUShaderModule;
  private readonly context: GPUCanvasContext | null = null;
  private target: TextureCopy | null = null;
  private busy = false;

  constructor(
    private readonly gpu: EngineDevice,
    readonly canvas: HTMLCanvasElement,
    private readonly overlay: HTMLCanvasElement,
    readonly presentation: Presentation = 'canvas',
  ) {
    if (presentation === 'canvas') {
      const context = canvas.getContext('webgpu');
      if (!context) throw new Error('this browser gives no WebGPU canvas context');
      this.context = context;
      this.format = navigator.gpu.getPreferredCanvasFormat();
      context.configure({ device: gpu.device, format: this.format, alphaMode: 'premultiplied' });
    } else this.format = COPY_FORMAT;
    this.uniform = gpu.device.createBuffer({ label: 'particle view', size: VIEW_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.module = gpu.device.createShaderModule({ label: 'particles', code: source });
  }

  /** One pipeline per state dimension (the vertex stride is d · 4 bytes). */
  private pipeline(dim: number): GPURenderPipeline {
    let p = this.pipelines.get(dim);
    if (!p) {
      const blend: GPUBlendState = { color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha' }, alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha' } };
      p = this.gpu.device.createRenderPipeline({
        label: `particles d=${dim}`,
        layout: 'auto',
        vertex: {
          module: this.module,
          entryPoint: 'vertex_main',
          buffers: [
            { arrayStride: dim * 4, stepMode: 'instance', attributes: [{ shaderLocation: 0, offset: 0, format: dim === 1 ? 'float32' : 'float32x2' }] },
            { arrayStride: 8, stepMode: 'instance', attributes: [{ shaderLocation: 1, offset: 0, format: 'uint32x2' }] },
          ],
        },
        fragment: { module: this.module, entryPoint: 'fragment_main', targets: [{ format: this.format, blend }] },
        primitive: { topology: 'triangle-strip' },
      });
      this.pipelines.set(dim, p);
    }
    return p;
  }

  /** Sizes the drawing buffers to the elements (device pixels) and redraws the axes. */
  layout(axes: AxesSpec): void {
    const ratio = window.devicePixelRatio || 1;
    for (const c of [this.canvas, this.overlay]) {
      c.width = Math.max(1, Math.round(c.clientWidth * ratio));
      c.height = Math.max(1, Math.round(c.clientHeight * ratio));
    }
    drawAxes(this.overlay, axes);
  }

  /** Draws the ensemble's current state; in `copy` mode resolves once the pixels are on the 2-D canvas. */
  async draw(ensemble: LiveEnsemble, axes: AxesSpec, style: ParticleStyle): Promise<void> {
    if (this.busy) return; // a copy still in flight: skip this frame
    const { device } = this.gpu;
    const { width, height } = this.canvas;
    const oneD = ensemble.state.dim === 1;
    const ratio = window.devicePixelRatio || 1;
    const view = new ArrayBuffer(VIEW_BYTES);
    const f = new Float32Array(view);
    new Uint32Array(view)[6] = oneD ? 1 : 0;
    f.set([axes.x.range[0], oneD ? 0 : axes.y.range[0], axes.x.range[1], oneD ? 1 : axes.y.range[1]], 0);
    f.set([(style.size * ratio) / width, (style.size * ratio) / height], 4);
    f.set(style.inside, 8);
    f.set(style.exited, 12);
    device.queue.writeBuffer(this.uniform, 0, view);
    const pipeline = this.pipeline(ensemble.state.dim);
    const group = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: this.uniform } }] });
    const target = this.context ? this.context.getCurrentTexture() : this.copyTarget(width, height).texture;
    const encoder = device.createCommandEncoder({ label: 'particles' });
    const pass = encoder.beginRenderPass({ colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: { r: 0, g: 0, b: 0, a: 0 } }] });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.setVertexBuffer(0, ensemble.state.buffer);
    pass.setVertexBuffer(1, ensemble.records.buffer);
    pass.draw(4, ensemble.state.trajectories);
    pass.end();
    if (this.context) {
      device.queue.submit([encoder.finish()]);
      return;
    }
    this.busy = true;
    try {
      await this.target!.show(encoder, this.canvas);
    } finally {
      this.busy = false;
    }
  }

  private copyTarget(width: number, height: number): TextureCopy {
    if (!this.target || this.target.width !== width || this.target.height !== height) {
      this.target?.destroy();
      this.target = new TextureCopy(this.gpu.device, width, height);
    }
    return this.target;
  }

  dispose(): void {
    this.uniform.destroy();
    this.target?.destroy();
    this.context?.unconfigure();
  }
}
