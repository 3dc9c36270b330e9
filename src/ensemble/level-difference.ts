import { composeKernel } from '../compose/compose-kernel';
import { createEngineBuffer, destroyEngineBuffer } from '../gpu/buffer-registry';
import type { EngineDevice } from '../gpu/engine-device';
import { computePipeline } from '../gpu/pipeline-cache';
import { bindGroupLayouts } from './bind-group-layouts';
import type { DeviceChunk } from './device-chunk';
import type { EnsembleSpec } from './ensemble-spec';
import { auxDim, packParams } from './kernels';
import { dispatchGrid, LEVEL_CONTROL_BYTES, packLevelControl, RECORD_WORDS, REDUCE_THREADS } from './layout';

/** The observable φ of a level, as the kernel computes it (shaders/reduce/level_difference.wgsl). */
export type LevelObservable = { kind: 'coordinate'; index: number } | { kind: 'loss' } | { kind: 'distance'; minimizer: readonly number[] };

/**
 * What a level's trajectories add up to, merged in float64: how many were run,
 * how many pairs counted (both paths finite), and the mean and central sum of
 * squares of the difference Y = φ(X_fine) − φ(X_coarse) and of φ(X_fine).
 */
export interface LevelSums {
  drawn: number;
  counted: number;
  meanDifference: number;
  m2Difference: number;
  meanObservable: number;
  m2Observable: number;
}

export function emptyLevelSums(): LevelSums {
  return { drawn: 0, counted: 0, meanDifference: 0, m2Difference: 0, meanObservable: 0, m2Observable: 0 };
}

/** Adds a block of n pairs with means and central sums (Chan et al. 1979) to `into`. */
export function mergeLevelBlock(into: LevelSums, n: number, meanY: number, m2Y: number, meanPhi: number, m2Phi: number): void {
  if (n === 0) return;
  const total = into.counted + n;
  const weight = (into.counted * n) / total;
  const dy = meanY - into.meanDifference;
  const dp = meanPhi - into.meanObservable;
  into.meanDifference += (dy * n) / total;
  into.m2Difference += m2Y + dy * dy * weight;
  into.meanObservable += (dp * n) / total;
  into.m2Observable += m2Phi + dp * dp * weight;
  into.counted = total;
}

const PARTIAL_WORDS = 5;
/**
 * Pairs per workgroup of 64 threads. Larger than the statistics' 256: each
 * thread folds 64 pairs, so the workgroup's barrier tree is paid once per 4096
 * pairs (on llvmpipe the kernel ran 2.9× faster than with 256). The partials
 * are the same for any chunking whose chunks are multiples of it.
 */
export const LEVEL_BLOCK = 4096;
const OBSERVABLE_CODE = { coordinate: 0, loss: 1, distance: 2 } as const;

/**
 * The device side of one multilevel Monte Carlo level (Giles 2008): keeps the
 * coarse run's final states of a batch on the device (`keepCoarse`, at each of
 * its chunk ends), then reduces each chunk of the fine run against them
 * (`reduceFine`) into per-block partials of Y = φ(X_fine) − φ(X_coarse) and φ,
 * which it reads back (5 words per 4096 trajectories) and merges in float64.
 * No final state is read back.
 */
export class LevelDifferenceReduction {
  private constructor(
    private readonly gpu: EngineDevice,
    private readonly dim: number,
    private readonly capacity: number,
    private readonly pipeline: GPUComputePipeline,
    private readonly buffers: { control: GPUBuffer; coarse: GPUBuffer; minimizer: GPUBuffer; partials: GPUBuffer },
  ) {}

  /** Compiles the kernel for the fine run's spec and φ, and allocates room for `capacity` coarse trajectories. */
  static async create(gpu: EngineDevice, fine: EnsembleSpec, observable: LevelObservable, capacity: number): Promise<LevelDifferenceReduction> {
    const { device } = gpu;
    const minimizer = observable.kind === 'distance' ? observable.minimizer : undefined;
    if (minimizer && minimizer.length !== fine.dim) throw new RangeError(`the distance observable needs x* with ${fine.dim} entries, found ${minimizer.length}`);
    const params = packParams(fine);
    const kernel = composeKernel({
      entry: 'reduce/level_difference.wgsl',
      entryPoint: 'reduce_level_difference',
      roles: { objective: fine.objective.descriptor.shader },
      constants: {
        DIM: fine.dim,
        AUX_DIM: auxDim(fine),
        ...params.fields,
        ...(fine.objective.descriptor.constants?.(fine.objective.value, fine.dim) ?? {}),
        REDUCE_BLOCK: LEVEL_BLOCK,
        REDUCE_THREADS,
        OBSERVABLE: OBSERVABLE_CODE[observable.kind],
        OBSERVABLE_COORDINATE: observable.kind === 'coordinate' ? observable.index : 0,
      },
    });
    const layouts = bindGroupLayouts(device);
    const pipeline = await computePipeline(device, kernel, layouts.levelDifference.pipeline);
    const blocks = Math.ceil(capacity / LEVEL_BLOCK);
    const made: GPUBuffer[] = [];
    const make = (label: string, size: number, usage: number) => {
      const b = createEngineBuffer(device, { label: `level difference ${label}`, size: Math.max(16, Math.ceil(size / 4) * 4), usage });
      made.push(b);
      return b;
    };
    try {
      const buffers = {
        control: make('control', LEVEL_CONTROL_BYTES, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
        coarse: make('coarse states and records', capacity * (fine.dim + RECORD_WORDS) * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST),
        minimizer: make('minimizer', fine.dim * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST),
        partials: make('partials', blocks * PARTIAL_WORDS * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC),
      };
      if (minimizer) device.queue.writeBuffer(buffers.minimizer, 0, new Float32Array(minimizer));
      return new LevelDifferenceReduction(gpu, fine.dim, capacity, pipeline, buffers);
    } catch (e) {
      for (const b of made) destroyEngineBuffer(b);
      throw e;
    }
  }

  /** Copies a coarse chunk's final states and divergence records, trajectories [offset, offset + count) of the batch, on the device. */
  keepCoarse(chunk: DeviceChunk, offset: number, count: number): void {
    this.checkRange(offset, count);
    chunk.copyInto('state', this.buffers.coarse, offset * this.dim * 4, count * this.dim * 4);
    chunk.copyInto('records', this.buffers.coarse, (this.capacity * this.dim + offset * RECORD_WORDS) * 4, count * RECORD_WORDS * 4);
  }

  /**
   * Reduces a fine chunk's final states, trajectories [offset, offset + count) of the batch,
   * against the coarse ones kept for the same trajectories (`withCoarse`; level 0 has none),
   * and adds the result to `into`.
   */
  async reduceFine(chunk: DeviceChunk, offset: number, count: number, withCoarse: boolean, into: LevelSums): Promise<void> {
    this.checkRange(offset, count);
    const { device } = this.gpu;
    const blocks = Math.ceil(count / LEVEL_BLOCK);
    const grid = dispatchGrid(blocks, device.limits.maxComputeWorkgroupsPerDimension);
    const control = packLevelControl({ count, groupsX: grid.x, coarseFirst: offset, hasCoarse: withCoarse, step: chunk.spec.steps, coarseRecordsAt: this.capacity * this.dim });
    device.queue.writeBuffer(this.buffers.control, 0, control);
    const bound = [this.buffers.control, chunk.buffer('state'), chunk.buffer('records'), this.buffers.coarse, this.buffers.minimizer, this.buffers.partials, chunk.buffer('params'), chunk.buffer('data'), chunk.buffer('loop cuts')];
    const group = device.createBindGroup({ label: 'level difference', layout: bindGroupLayouts(device).levelDifference.group, entries: bound.map((buffer, binding) => ({ binding, resource: { buffer } })) });
    chunk.dispatch(this.pipeline, group, grid);
    // Nothing read back is used before the loop canaries say no loop was cut.
    await chunk.checkLoops();
    const words = new Float32Array(await chunk.copyOut(this.buffers.partials, blocks * PARTIAL_WORDS * 4));
    for (let b = 0; b < blocks; b++) {
      const at = b * PARTIAL_WORDS;
      mergeLevelBlock(into, words[at], words[at + 1], words[at + 2], words[at + 3], words[at + 4]);
    }
    into.drawn += count;
  }

  dispose(): void {
    for (const b of Object.values(this.buffers)) destroyEngineBuffer(b);
  }

  private checkRange(offset: number, count: number): void {
    if (offset + count > this.capacity) throw new RangeError(`trajectories [${offset}, ${offset + count}) do not fit the level's batch of ${this.capacity}`);
  }
}
