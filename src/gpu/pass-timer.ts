import { createEngineBuffer, destroyEngineBuffer } from './buffer-registry';

/** Passes timed between two collections (each uses two timestamps). */
const CAPACITY_PASSES = 2048;

/**
 * GPU time of compute passes from timestamp queries: each pass writes a begin
 * and an end timestamp; `collect()` resolves them and adds the durations.
 * Passes beyond the capacity between collections go untimed and are counted.
 */
export class GpuPassTimer {
  private readonly querySet: GPUQuerySet;
  private readonly resolve: GPUBuffer;
  private readonly readback: GPUBuffer;
  private used = 0;
  private nanoseconds = 0;
  /** Passes that found the query set full (their time is missing from `seconds`). */
  untimedPasses = 0;

  constructor(private readonly device: GPUDevice) {
    const count = 2 * CAPACITY_PASSES;
    this.querySet = device.createQuerySet({ label: 'pass timer', type: 'timestamp', count });
    this.resolve = createEngineBuffer(device, { label: 'pass timer resolve', size: count * 8, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.readback = createEngineBuffer(device, { label: 'pass timer readback', size: count * 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  /** Total GPU time of the collected passes. */
  get seconds(): number {
    return this.nanoseconds / 1e9;
  }

  /** The timestampWrites of the next pass, or undefined when the set is full. */
  next(): GPUComputePassTimestampWrites | undefined {
    if (this.used === 2 * CAPACITY_PASSES) {
      this.untimedPasses++;
      return undefined;
    }
    const at = this.used;
    this.used += 2;
    return { querySet: this.querySet, beginningOfPassWriteIndex: at, endOfPassWriteIndex: at + 1 };
  }

  /** Resolves the timestamps written since the last collection and adds their durations. */
  async collect(): Promise<void> {
    if (this.used === 0) return;
    const n = this.used;
    const encoder = this.device.createCommandEncoder({ label: 'pass timer' });
    encoder.resolveQuerySet(this.querySet, 0, n, this.resolve, 0);
    encoder.copyBufferToBuffer(this.resolve, 0, this.readback, 0, n * 8);
    this.device.queue.submit([encoder.finish()]);
    await this.readback.mapAsync(GPUMapMode.READ, 0, n * 8);
    const stamps = new BigUint64Array(this.readback.getMappedRange(0, n * 8).slice(0));
    this.readback.unmap();
    for (let i = 0; i < n; i += 2) {
      // A pass whose end precedes its begin (a clock reset) contributes nothing rather than a negative time.
      if (stamps[i + 1] > stamps[i]) this.nanoseconds += Number(stamps[i + 1] - stamps[i]);
    }
    this.used = 0;
  }

  dispose(): void {
    this.querySet.destroy();
    destroyEngineBuffer(this.resolve);
    destroyEngineBuffer(this.readback);
  }
}
