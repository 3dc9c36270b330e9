import { createEngineBuffer, destroyEngineBuffer } from '../gpu/buffer-registry';
import { DeviceLostError, type EngineDevice } from '../gpu/engine-device';
import { GpuPassTimer } from '../gpu/pass-timer';
import { computePipeline } from '../gpu/pipeline-cache';
import { countersAt, type StatisticsLayout } from '../stats/statistics-layout';
import { bindGroupLayouts } from './bind-group-layouts';
import { checkSpec } from './check-spec';
import { chunkBuffers, type ChunkBufferName, type ChunkBufferOptions, type ChunkBufferUsage } from './chunk-buffers';
import { resolveChunking, type ChunkPlan } from './chunking';
import type { EnsembleOptions, EnsembleSpec } from './ensemble-spec';
import { auxDim, composeEnsembleKernels, packData, packParams, specStatisticsLayout } from './kernels';
import { dispatchGrid, LOOP_CUT_WORDS, NO_LOOP_CUT, packReduceControl, packRunControl, REDUCE_BLOCK, WORKGROUP_SIZE } from './layout';
import { probeStepsPerDispatch } from './loop-budget-probe';
import { LoopCutError } from './loop-cut-error';
import { wordsHash } from '../text-hash';

/** How a chunk is cut and what it keeps besides the statistics. */
export interface DeviceChunkOptions extends Pick<EnsembleOptions, 'chunkSize' | 'stepsPerDispatch' | 'trackTrajectories'>, ChunkBufferOptions {
  /** Time every compute pass with timestamp queries, where the device has them. */
  timestamps?: boolean;
  /** Put before every GPU object's label (e.g. "live"), so an app can tell the engine's objects apart. */
  labelPrefix?: string;
}

/** Steps per dispatch measured by the loop-budget probe, per device and per kernels, parameters, data and probe shape. */
const probed = new WeakMap<GPUDevice, Map<string, number>>();

const USAGE: Record<ChunkBufferUsage, () => number> = {
  uniform: () => GPUBufferUsage.UNIFORM,
  storage: () => GPUBufferUsage.STORAGE,
  vertex: () => GPUBufferUsage.VERTEX,
  'copy-src': () => GPUBufferUsage.COPY_SRC,
  'copy-dst': () => GPUBufferUsage.COPY_DST,
  'map-read': () => GPUBufferUsage.MAP_READ,
};

/**
 * One chunk of trajectories living on the device: the only code that creates
 * the engine's buffers, bind groups and pipelines for an ensemble, dispatches
 * its kernels, reads results back and notices a lost device. The runner
 * (runEnsembleGpu) passes every chunk of a run through one of these; a
 * LiveEnsemble is one chunk that holds every trajectory and stays alive.
 *
 * Every wait (a settle, a readback) races the device's loss, so a lost device
 * is reported as a DeviceLostError, never a hang.
 */
export class DeviceChunk {
  /** Trajectories per chunk, blocks, partial slots, steps per dispatch, tracked paths. */
  get plan(): ChunkPlan {
    return this.cutPlan;
  }
  readonly layout: StatisticsLayout;
  /** The integrate kernel's cache key: labels every GPU object of this chunk. */
  readonly label: string;
  readonly compileSeconds: number;
  /** Command buffers submitted so far. */
  submits = 0;
  private cutPlan: ChunkPlan;
  /** Where this chunk's probed steps per dispatch are cached (null without a loop limit). */
  private probeEntry: { cache: Map<string, number>; key: string } | null = null;
  private readonly buffers: Map<ChunkBufferName, GPUBuffer>;
  private readonly pipelines: ChunkPipelines;
  private readonly ensembleGroup: GPUBindGroup;
  private readonly reduceGroup: GPUBindGroup;
  private readonly timer: GpuPassTimer | null;
  private readonly lost: Promise<never>;
  private disposed = false;

  private constructor(
    private readonly gpu: EngineDevice,
    readonly spec: EnsembleSpec,
    parts: { plan: ChunkPlan; layout: StatisticsLayout; label: string; compileSeconds: number; buffers: Map<ChunkBufferName, GPUBuffer>; pipelines: ChunkPipelines; timestamps: boolean },
  ) {
    this.cutPlan = parts.plan;
    this.layout = parts.layout;
    this.label = parts.label;
    this.compileSeconds = parts.compileSeconds;
    this.buffers = parts.buffers;
    this.pipelines = parts.pipelines;
    const { device } = gpu;
    const layouts = bindGroupLayouts(device);
    const entries = (names: ChunkBufferName[]) => names.map((name, binding) => ({ binding, resource: { buffer: this.buffer(name) } }));
    // One bind group serves initialize and integrate: both use the explicit ensemble layout.
    this.ensembleGroup = device.createBindGroup({ label: `ensemble ${this.label}`, layout: layouts.ensemble.group, entries: entries(['run control', 'state', 'params', 'records', 'data', 'aux', 'loop cuts']) });
    this.reduceGroup = device.createBindGroup({
      label: `reduce ${this.label}`,
      layout: layouts.reduce.group,
      entries: entries(['reduce control', 'state', 'records', 'partials', 'params', 'counters', 'data', 'loop cuts']),
    });
    this.timer = parts.timestamps && gpu.adapter.timestampQuery ? new GpuPassTimer(device) : null;
    this.lost = new Promise<never>((_, reject) => {
      void device.lost.then((info) => reject(new DeviceLostError(gpu.lostReason() ?? info.message ?? info.reason)));
    });
    this.lost.catch(() => {});
  }

  /**
   * Checks the spec against the adapter, chooses the chunking, compiles the
   * three kernels (cached per device) and allocates the chunk's buffers. A
   * failure before allocation leaves nothing on the device. On an adapter that
   * cuts loops short (llvmpipe over OpenGL ES), the steps per dispatch are
   * measured by a probe of these very kernels (loop-budget-probe.ts), once per
   * device, kernels, parameters and data.
   */
  static async create(gpu: EngineDevice, spec: EnsembleSpec, options: DeviceChunkOptions = {}): Promise<DeviceChunk> {
    checkSpec(spec);
    const { device } = gpu;
    const compileStart = performance.now();
    const params = packParams(spec);
    const layout = specStatisticsLayout(spec);
    const kernels = composeEnsembleKernels(spec, params, layout);
    const layouts = bindGroupLayouts(device);
    const [initialize, integrate, reduce] = await Promise.all([
      computePipeline(device, kernels.initialize, layouts.ensemble.pipeline),
      computePipeline(device, kernels.integrate, layouts.ensemble.pipeline),
      computePipeline(device, kernels.reduce, layouts.reduce.pipeline),
    ]);
    const compileSeconds = (performance.now() - compileStart) / 1000;
    const cut = { chunkSize: options.chunkSize, stepsPerDispatch: options.stepsPerDispatch, trackTrajectories: options.trackTrajectories };
    const plan = resolveChunking(spec, cut, device.limits, layout.partialWords);
    const data = packData(spec);
    const prefix = options.labelPrefix ? `${options.labelPrefix} ` : '';
    const label = `${prefix}${kernels.integrate.key}`;
    const buffers = new Map<ChunkBufferName, GPUBuffer>();
    try {
      for (const b of chunkBuffers(plan, { dim: spec.dim, checkpoints: spec.checkpoints.length, auxWords: auxDim(spec), paramBytes: params.values.byteLength, dataBytes: data.byteLength, layout }, options)) {
        const usage = b.usage.reduce((flags, u) => flags | USAGE[u](), 0);
        buffers.set(b.name, createEngineBuffer(device, { label: `${prefix}${b.name} ${kernels.integrate.key}`, size: b.bytes, usage }));
      }
    } catch (e) {
      for (const b of buffers.values()) destroyEngineBuffer(b);
      throw e;
    }
    device.queue.writeBuffer(buffers.get('data')!, 0, data);
    device.queue.writeBuffer(buffers.get('params')!, 0, params.values);
    device.queue.writeBuffer(buffers.get('loop cuts')!, 0, new Uint32Array(LOOP_CUT_WORDS).fill(NO_LOOP_CUT));
    const chunk = new DeviceChunk(gpu, spec, { plan, layout, label, compileSeconds, buffers, pipelines: { initialize, integrate, reduce }, timestamps: options.timestamps === true });
    if (gpu.adapter.maxLoopIterations !== null) {
      try {
        // No dispatch takes more than the plan's steps, nor crosses a checkpoint.
        const longestGap = Math.max(1, ...spec.checkpoints.map((c, i) => c - (i > 0 ? spec.checkpoints[i - 1] : 0)));
        const wanted = Math.min(plan.stepsPerDispatch, longestGap);
        const key = [kernels.integrate.key, kernels.reduce.key, wordsHash(params.values), wordsHash(data), spec.trajectories, spec.steps, spec.checkpoints.length, wanted].join(' ');
        const cache = probed.get(device) ?? new Map<string, number>();
        probed.set(device, cache);
        let steps = cache.get(key);
        if (steps === undefined) {
          steps = await probeStepsPerDispatch(chunk, spec, wanted, NO_LOOP_CUT);
          cache.set(key, steps);
          // The probe's reduction added to the run's counters.
          if (layout.counterWords > 0) chunk.write('counters', new Uint32Array(layout.counterWords).buffer);
        }
        chunk.cutPlan = { ...plan, stepsPerDispatch: Math.min(plan.stepsPerDispatch, steps) };
        chunk.probeEntry = { cache, key };
      } catch (e) {
        chunk.dispose();
        throw e;
      }
    }
    return chunk;
  }

  /** One of the chunk's buffers (for drawing: 'state' and 'records'). */
  buffer(name: ChunkBufferName): GPUBuffer {
    const b = this.buffers.get(name);
    if (!b) throw new Error(`this chunk has no ${name} buffer`);
    return b;
  }

  /** GPU time of the timed compute passes so far (null without timestamps); complete after settle(). */
  get gpuSeconds(): number | null {
    return this.timer ? this.timer.seconds : null;
  }

  /** Starts trajectories [offset, offset + count) of the run (their global indices add spec.firstTrajectory). */
  initialize(offset: number, count: number): void {
    this.submit(this.pipelines.initialize, this.ensembleGroup, this.writeRunControl(offset, count, 0, 0));
  }

  /**
   * Advances the chunk's trajectories [offset, offset + count) by `steps` steps from `stepBegin`, in one dispatch
   * (`probe`: a loop-budget probe, in which a first exit does not stop a trajectory).
   */
  integrate(offset: number, count: number, stepBegin: number, steps: number, probe = false): void {
    this.submit(this.pipelines.integrate, this.ensembleGroup, this.writeRunControl(offset, count, stepBegin, steps, probe));
  }

  /** The loop-cuts words the kernels' canaries wrote since the last call (0: initialize/integrate, 1: reduce), then resets them. */
  async takeLoopCuts(): Promise<Uint32Array> {
    const words = new Uint32Array(await this.copyOut('loop cuts', LOOP_CUT_WORDS * 4, 'loop cuts readback'));
    if (words.some((w) => w !== NO_LOOP_CUT)) this.write('loop cuts', new Uint32Array(LOOP_CUT_WORDS).fill(NO_LOOP_CUT).buffer);
    return words;
  }

  /**
   * Whether the driver cut an initialize or integrate invocation's loops short since the last
   * check (then resets the flag; a cut reduction throws LoopCutError, as nothing can repair it).
   * Always false, without a readback, on adapters without a loop limit.
   */
  async integrateWasCut(): Promise<boolean> {
    if (this.gpu.adapter.maxLoopIterations === null) return false;
    const [integrate, reduce] = await this.takeLoopCuts();
    if (reduce !== NO_LOOP_CUT) throw new LoopCutError('reduce', reduce, this.plan.stepsPerDispatch);
    return integrate !== NO_LOOP_CUT;
  }

  /**
   * Halves the steps per dispatch after a cut (for this chunk and later runs of the same
   * kernels on this device); throws LoopCutError when one step per dispatch was cut already.
   */
  halveStepsPerDispatch(step: number): void {
    const current = this.cutPlan.stepsPerDispatch;
    if (current === 1) throw new LoopCutError('integrate', step, 1);
    const steps = Math.floor(current / 2);
    this.cutPlan = { ...this.cutPlan, stepsPerDispatch: steps };
    if (this.probeEntry) this.probeEntry.cache.set(this.probeEntry.key, steps);
  }

  /**
   * Throws LoopCutError when a kernel's loops were cut short by the driver since
   * the last check (never on adapters without a loop-iteration limit). The
   * runner checks before it uses any partials, counters or states it reads back.
   */
  async checkLoops(): Promise<void> {
    if (this.gpu.adapter.maxLoopIterations === null) return;
    const [integrate, reduce] = await this.takeLoopCuts();
    if (integrate !== NO_LOOP_CUT) throw new LoopCutError('integrate', integrate, this.plan.stepsPerDispatch);
    if (reduce !== NO_LOOP_CUT) throw new LoopCutError('reduce', reduce, this.plan.stepsPerDispatch);
  }

  /**
   * Reduces the chunk's `count` trajectories at checkpoint `checkpoint` into
   * partial slot `slot`; with `trackInto`, also copies the first tracked
   * states of this checkpoint into the tracked readback buffer.
   */
  reduce(count: number, checkpoint: number, slot: number, trackInto = false): void {
    const { spec, plan } = this;
    const grid = dispatchGrid(Math.ceil(count / REDUCE_BLOCK), this.gpu.device.limits.maxComputeWorkgroupsPerDimension);
    const control = packReduceControl({
      count,
      groupsX: grid.x,
      outBlock: slot * plan.blocksPerChunk,
      step: spec.checkpoints[checkpoint],
      countersAt: countersAt(this.layout, checkpoint),
      lastCheckpoint: checkpoint === spec.checkpoints.length - 1,
    });
    this.gpu.device.queue.writeBuffer(this.buffer('reduce control'), 0, control);
    const rowBytes = plan.tracked * spec.dim * 4;
    this.submit(this.pipelines.reduce, this.reduceGroup, grid, (encoder) => {
      if (trackInto && plan.tracked > 0) encoder.copyBufferToBuffer(this.buffer('state'), 0, this.buffer('tracked readback'), checkpoint * rowBytes, rowBytes);
    });
  }

  /** Block partials of the first `slots` slots, as f32 words (`partialWords` per block, blocksPerChunk blocks per slot). */
  async readPartials(slots: number): Promise<Float32Array> {
    return new Float32Array(await this.copyOut('partials', slots * this.plan.blocksPerChunk * this.layout.partialWords * 4, 'partials readback'));
  }

  /** The run's integer counters as they stand. */
  async readCounters(): Promise<Uint32Array> {
    return new Uint32Array(await this.copyOut('counters', this.layout.counterWords * 4, 'counters readback'));
  }

  /** Every tracked state read so far: checkpoints × tracked × d f32 words. */
  async readTracked(): Promise<Float32Array> {
    return new Float32Array(await this.mapRead(this.buffer('tracked readback'), this.spec.checkpoints.length * this.plan.tracked * this.spec.dim * 4));
  }

  /**
   * Copies the first `bytes` of a buffer (the chunk's, or one a reduction made for
   * it) to the host through the readback buffer `via` (by default the snapshot
   * readback), or through a temporary buffer where the chunk has none.
   */
  async copyOut(from: ChunkBufferName | GPUBuffer, bytes: number, via: ChunkBufferName = 'snapshot readback'): Promise<ArrayBuffer> {
    if (bytes === 0) return new ArrayBuffer(0);
    const source = typeof from === 'string' ? this.buffer(from) : from;
    const through = this.buffers.get(via);
    const temporary = through ? undefined : createEngineBuffer(this.gpu.device, { label: `${source.label} readback`, size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      const encoder = this.gpu.device.createCommandEncoder({ label: this.label });
      encoder.copyBufferToBuffer(source, 0, through ?? temporary!, 0, bytes);
      this.gpu.device.queue.submit([encoder.finish()]);
      this.submits++;
      return await this.mapRead(through ?? temporary!, bytes);
    } finally {
      if (temporary) destroyEngineBuffer(temporary);
    }
  }

  /** Copies `bytes` of one of the chunk's buffers into another buffer on the device (nothing is read back). */
  copyInto(from: ChunkBufferName, target: GPUBuffer, targetOffset: number, bytes: number): void {
    if (bytes === 0) return;
    const encoder = this.gpu.device.createCommandEncoder({ label: this.label });
    encoder.copyBufferToBuffer(this.buffer(from), 0, target, targetOffset, bytes);
    this.gpu.device.queue.submit([encoder.finish()]);
    this.submits++;
  }

  /**
   * Dispatches a kernel over this chunk's buffers that is not one of its own three
   * (a reduction of its final states, src/ensemble/level-difference.ts).
   */
  dispatch(pipeline: GPUComputePipeline, group: GPUBindGroup, grid: { x: number; y: number }): void {
    this.submit(pipeline, group, grid);
  }

  /** Writes host words into a buffer (a snapshot's state, records, aux or counters on resume). */
  write(to: ChunkBufferName, data: ArrayBuffer): void {
    if (data.byteLength > 0) this.gpu.device.queue.writeBuffer(this.buffer(to), 0, data);
  }

  /** Waits until the device has finished the work submitted so far (and collects pass timestamps). */
  async settle(): Promise<void> {
    await Promise.race([this.gpu.device.queue.onSubmittedWorkDone(), this.lost]);
    this.throwIfLost();
    if (this.timer) await Promise.race([this.timer.collect(), this.lost]);
  }

  /** Throws DeviceLostError when the device is gone. */
  throwIfLost(): void {
    const reason = this.gpu.lostReason();
    if (reason) throw new DeviceLostError(reason);
  }

  /** Frees every buffer of the chunk (never the device). Safe to call more than once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const b of this.buffers.values()) destroyEngineBuffer(b);
    this.timer?.dispose();
  }

  private writeRunControl(offset: number, count: number, stepBegin: number, stepCount: number, probe = false): { x: number; y: number } {
    const grid = dispatchGrid(Math.ceil(count / WORKGROUP_SIZE), this.gpu.device.limits.maxComputeWorkgroupsPerDimension);
    const control = packRunControl({ key: this.spec.key, offset: (this.spec.firstTrajectory ?? 0) + offset, count, stepBegin, stepCount, groupsX: grid.x, probe, replica: this.spec.noiseGrid?.replica ?? 0 });
    this.gpu.device.queue.writeBuffer(this.buffer('run control'), 0, control);
    return grid;
  }

  private submit(pipeline: GPUComputePipeline, group: GPUBindGroup, grid: { x: number; y: number }, copy?: (encoder: GPUCommandEncoder) => void): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: this.label });
    const pass = encoder.beginComputePass({ label: this.label, timestampWrites: this.timer?.next() });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(grid.x, grid.y);
    pass.end();
    copy?.(encoder);
    this.gpu.device.queue.submit([encoder.finish()]);
    this.submits++;
  }

  private async mapRead(buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    await Promise.race([buffer.mapAsync(GPUMapMode.READ, 0, bytes), this.lost]);
    const copy = buffer.getMappedRange(0, bytes).slice(0);
    buffer.unmap();
    this.throwIfLost();
    return copy;
  }
}

interface ChunkPipelines {
  initialize: GPUComputePipeline;
  integrate: GPUComputePipeline;
  reduce: GPUComputePipeline;
}
