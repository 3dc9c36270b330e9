/**
 * The copy presentation: a render target texture whose pixels are read back
 * and put on a 2-D canvas, for browsers that cannot present WebGPU canvases.
 * Shared by the particle canvases and the embedding example.
 */
export const COPY_FORMAT: GPUTextureFormat = 'rgba8unorm';

export class TextureCopy {
  readonly texture: GPUTexture;
  private readonly readback: GPUBuffer;
  private readonly bytesPerRow: number;

  constructor(private readonly device: GPUDevice, readonly width: number, readonly height: number) {
    this.bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    this.texture = device.createTexture({ label: 'copied pixels', size: { width, height }, format: COPY_FORMAT, usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
    this.readback = device.createBuffer({ label: 'copied pixels readback', size: this.bytesPerRow * height, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  /** Appends the copy to `encoder` (after the pass that rendered into the texture), submits it, and puts the pixels on `canvas`. */
  async show(encoder: GPUCommandEncoder, canvas: HTMLCanvasElement): Promise<void> {
    const { width, height, bytesPerRow } = this;
    encoder.copyTextureToBuffer({ texture: this.texture }, { buffer: this.readback, bytesPerRow }, { width, height });
    this.device.queue.submit([encoder.finish()]);
    await this.readback.mapAsync(GPUMapMode.READ);
    const bytes = new Uint8Array(this.readback.getMappedRange());
    const image = new ImageData(width, height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const s = y * bytesPerRow + 4 * x;
        const d = 4 * (y * width + x);
        const a = bytes[s + 3];
        // The texture holds premultiplied colour; ImageData wants it straight.
        const k = a > 0 ? 255 / a : 0;
        image.data[d] = bytes[s] * k;
        image.data[d + 1] = bytes[s + 1] * k;
        image.data[d + 2] = bytes[s + 2] * k;
        image.data[d + 3] = a;
      }
    }
    this.readback.unmap();
    canvas.getContext('2d')!.putImageData(image, 0, 0);
  }

  destroy(): void {
    this.texture.destroy();
    this.readback.destroy();
  }
}
