import { DeviceLostError, type EngineDevice } from '../gpu/engine-device';
import { computePipeline } from '../gpu/pipeline-cache';
import { createEngineBuffer, destroyEngineBuffer } from '../gpu/buffer-registry';
import type { EnsembleResult, EnsembleSpec } from '../ensemble/ensemble-spec';
import { ensembleResult } from '../ensemble/ensemble-result';
import { auxDim, composeEnsembleKernels, packData, packParams, specStatisticsLayout } from '../ensemble/kernels';
import { dispatchGrid, packReduceControl, packRunControl, RECORD_WORDS, REDUCE_BLOCK, REDUCE_CONTROL_BYTES, RUN_CONTROL_BYTES, WORKGROUP_SIZE } from '../ensemble/layout';
import { checkReduceLoopLimit, objectiveLoopIterations, resolveChunking } from '../ensemble/chunking';
import { checkSpec } from '../ensemble/check-spec';
import { bindGroupLayouts } from '../ensemble/bind-group-layouts';
import { EnsembleStatistics } from '../stats/ensemble-statistics';
import { countersAt, ESCAPE_NEVER } from '../stats/statistics-layout';
import { GpuPassTimer } from './pass-timer';
import type { RecordBufferLayout, StateBufferLayout } from './buffer-layouts';

export interface LiveEnsembleOptions {
  /** Upper bound on steps per dispatch (default: the runner's choice for this spec and adapter). */
  stepsPerDispatch?: number;
  /** Measure GPU time of every pass with timestamp queries, where the device has them. */
  timestamps?: boolean;
}

/** Where a live ensemble stands, and what its work cost so far. */
export interface LiveEnsembleTiming {
  /** Wall time inside advance() and the statistics readbacks. */
  seconds: number;
  /** GPU time of the compute passes from timestamp queries; null without them. */
  gpuSeconds: number | null;
  /** Command buffers submitted. */
  submits: number;
  trajectorySteps: number;
  compileSeconds: number;
}

/**
 * An ensemble that stays on the GPU between calls, for apps that step it
 * frame by frame and draw its state with their own pipelines. It runs the same
 * kernels and random numbers as `runEnsembleGpu` (one chunk holding every
 * trajectory), so its statistics equal that runner's for the same spec.
 *
 * @example
 * const ens = await LiveEnsemble.create(gpu, spec);
 * while (!ens.done) { await ens.advance(50); draw(ens.state); }
 * const stats = await ens.readStatistics();
 * ens.dispose();
 */
export class LiveEnsemble {
  /** The positions: bind `state.buffer` as an instanced vertex buffer (or storage) in your pipeline. */
  readonly state: StateBufferLayout;
  /** Divergence and first-exit steps per trajectory. */
  readonly records: RecordBufferLayout;
  private stepsTaken = 0;
  private reached = 0; // checkpoints reduced so far
  private disposed = false;
  private busy = false;
  private readonly statistics: EnsembleStatistics;
  private readonly timer: GpuPassTimer | null;
  private wallSeconds = 0;
  private submitCount = 0;

  private constructor(
    private readonly gpu: EngineDevice,
    readonly spec: EnsembleSpec,
    private readonly parts: LiveParts,
    /** Steps one integrate dispatch takes at most (the runner's choice for this spec and adapter). */
    readonly stepsPerDispatch: number,
    private readonly compileSeconds: number,
    timestamps: boolean,
  ) {
    const n = spec.trajectories;
    this.state = { buffer: parts.state, trajectories: n, dim: spec.dim, format: 'float32', strideBytes: spec.dim * 4 };
    this.records = { buffer: parts.records, trajectories: n, format: 'uint32', strideBytes: RECORD_WORDS * 4, divergedWord: 0, exitWord: 1, notExited: ESCAPE_NEVER };
    this.statistics = new EnsembleStatistics(parts.layout, spec.checkpoints, n);
    this.timer = timestamps && gpu.adapter.timestampQuery ? new GpuPassTimer(gpu.device) : null;
  }

  /**
   * Compiles the kernels (cached per device), allocates the buffers and runs the
   * initialize kernel and the step-0 statistics when the checkpoints start at 0.
   * Every trajectory lives in one chunk, so N is bounded by the device's buffer limits.
   */
  static async create(gpu: EngineDevice, spec: EnsembleSpec, options: LiveEnsembleOptions = {}): Promise<LiveEnsemble> {
    checkSpec(spec);
    const compileStart = performance.now();
    const params = packParams(spec);
    const layout = specStatisticsLayout(spec);
    const levelRegions = (spec.statistics?.regions ?? []).filter((r) => r.region.kind === 'level').length;
    checkReduceLoopLimit(layout, levelRegions, gpu.adapter.maxLoopIterations, objectiveLoopIterations(spec).loss);
    const plan = resolveChunking(spec, { stepsPerDispatch: options.stepsPerDispatch, chunkSize: spec.trajectories }, gpu.device.limits, gpu.adapter.maxLoopIterations, params.values.length, layout.partialWords);
    if (plan.chunkSize < spec.trajectories) {
      throw new RangeError(`a live ensemble keeps every trajectory in one buffer; this device holds at most ${plan.chunkSize} of these (asked for ${spec.trajectories})`);
    }
    const kernels = composeEnsembleKernels(spec, params, layout);
    const layouts = bindGroupLayouts(gpu.device);
    const [initialize, integrate, reduce] = await Promise.all([
      computePipeline(gpu.device, kernels.initialize, layouts.ensemble.pipeline),
      computePipeline(gpu.device, kernels.integrate, layouts.ensemble.pipeline),
      computePipeline(gpu.device, kernels.reduce, layouts.reduce.pipeline),
    ]);
    const parts = allocate(gpu, spec, params.values, layout, { initialize, integrate, reduce }, kernels.integrate.key);
    const live = new LiveEnsemble(gpu, spec, parts, plan.stepsPerDispatch, (performance.now() - compileStart) / 1000, options.timestamps === true);
    await live.timed(async () => {
      live.submit(parts.pipelines.initialize, parts.ensembleGroup, live.runControl(0, 0));
      await live.reduceDueCheckpoints();
      await live.settle();
    });
    return live;
  }

  /** Steps taken so far. */
  get step(): number {
    return this.stepsTaken;
  }

  /** True once the last checkpoint has been reached and reduced. */
  get done(): boolean {
    return this.reached === this.spec.checkpoints.length;
  }

  /** Checkpoints whose statistics are in (a prefix of spec.checkpoints). */
  get checkpointsReached(): number {
    return this.reached;
  }

  /**
   * Takes up to `maxSteps` more steps (never past the last checkpoint), reducing
   * at every checkpoint on the way, and resolves once the GPU has finished them.
   * Returns the number of steps taken (0 when done).
   */
  async advance(maxSteps = Infinity): Promise<number> {
    this.assertUsable();
    const end = Math.min(this.spec.steps, this.stepsTaken + Math.max(0, Math.floor(maxSteps)));
    const before = this.stepsTaken;
    this.busy = true;
    try {
      await this.timed(async () => {
        while (this.stepsTaken < end) {
          const target = Math.min(end, this.spec.checkpoints[this.reached] ?? end);
          const n = Math.min(this.stepsPerDispatch, target - this.stepsTaken);
          this.submit(this.parts.pipelines.integrate, this.parts.ensembleGroup, this.runControl(this.stepsTaken, n));
          this.stepsTaken += n;
          if (this.stepsTaken === target) await this.reduceDueCheckpoints();
        }
        await this.settle();
      });
    } finally {
      this.busy = false;
    }
    return this.stepsTaken - before;
  }

  /**
   * The statistics so far: the checkpoints reached (later ones have count 0)
   * and the integer counters as they stand now (the exit-step histogram is
   * filled at the last checkpoint). A fresh object the caller may keep.
   */
  async readStatistics(): Promise<EnsembleStatistics> {
    this.assertUsable();
    const snapshot = new EnsembleStatistics(this.parts.layout, this.spec.checkpoints, this.spec.trajectories);
    snapshot.merge(this.statistics);
    snapshot.trajectories = this.spec.trajectories;
    if (this.parts.layout.counterWords > 0) {
      const words = await this.timed(() => this.copyOut(this.parts.counters, this.parts.countersReadback, this.parts.layout.counterWords * 4));
      snapshot.addCounters(new Uint32Array(words));
    }
    return snapshot;
  }

  /** Copies the current positions back (N × d, trajectory-major); for tests and small ensembles. */
  async readState(): Promise<Float32Array> {
    this.assertUsable();
    const bytes = this.spec.trajectories * this.spec.dim * 4;
    const readback = createEngineBuffer(this.gpu.device, { label: 'live state readback', size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      return new Float32Array(await this.copyOut(this.parts.state, readback, bytes));
    } finally {
      destroyEngineBuffer(readback);
    }
  }

  /** The runner's result shape (statistics, means, variances, timing), once done. */
  async result(): Promise<EnsembleResult> {
    if (!this.done) throw new Error(`the ensemble is at step ${this.stepsTaken} of ${this.spec.steps}; advance() it to the end first`);
    const statistics = await this.readStatistics();
    const t = this.timing();
    return ensembleResult(statistics, {
      timing: { seconds: t.seconds, compileSeconds: t.compileSeconds, trajectorySteps: t.trajectorySteps, trajectoryStepsPerSecond: t.trajectorySteps / t.seconds },
      device: this.gpu.adapter,
    });
  }

  /** Time spent so far; `gpuSeconds` after the passes' timestamps were read (at each advance). */
  timing(): LiveEnsembleTiming {
    return {
      seconds: this.wallSeconds,
      gpuSeconds: this.timer ? this.timer.seconds : null,
      submits: this.submitCount,
      trajectorySteps: this.stepsTaken * this.spec.trajectories,
      compileSeconds: this.compileSeconds,
    };
  }

  /** Frees the GPU buffers (never the device). Safe to call more than once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const b of this.parts.buffers) destroyEngineBuffer(b);
    this.timer?.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  // ---- internals

  private assertUsable(): void {
    if (this.disposed) throw new Error('this LiveEnsemble was disposed');
    if (this.busy) throw new Error('advance() is still running on this LiveEnsemble; await it first');
    const reason = this.gpu.lostReason();
    if (reason) throw new DeviceLostError(reason);
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.wallSeconds += (performance.now() - start) / 1000;
    }
  }

  private runControl(stepBegin: number, stepCount: number): { x: number; y: number } {
    const grid = dispatchGrid(Math.ceil(this.spec.trajectories / WORKGROUP_SIZE), this.gpu.device.limits.maxComputeWorkgroupsPerDimension);
    const control = packRunControl({ key: this.spec.key, offset: this.spec.firstTrajectory ?? 0, count: this.spec.trajectories, stepBegin, stepCount, groupsX: grid.x });
    this.gpu.device.queue.writeBuffer(this.parts.control, 0, control);
    return grid;
  }

  private submit(pipeline: GPUComputePipeline, group: GPUBindGroup, grid: { x: number; y: number }): void {
    const encoder = this.gpu.device.createCommandEncoder({ label: this.parts.label });
    const pass = encoder.beginComputePass({ label: this.parts.label, timestampWrites: this.timer?.next() });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(grid.x, grid.y);
    pass.end();
    this.gpu.device.queue.submit([encoder.finish()]);
    this.submitCount++;
  }

  /** Reduces every checkpoint at the current step and merges its partials (read back at once). */
  private async reduceDueCheckpoints(): Promise<void> {
    const { spec, parts } = this;
    while (this.reached < spec.checkpoints.length && spec.checkpoints[this.reached] === this.stepsTaken) {
      const c = this.reached;
      const blocks = Math.ceil(spec.trajectories / REDUCE_BLOCK);
      const grid = dispatchGrid(blocks, this.gpu.device.limits.maxComputeWorkgroupsPerDimension);
      const last = c === spec.checkpoints.length - 1;
      this.gpu.device.queue.writeBuffer(
        parts.reduceControl,
        0,
        packReduceControl({ count: spec.trajectories, groupsX: grid.x, outBlock: 0, step: spec.checkpoints[c], countersAt: countersAt(parts.layout, c), lastCheckpoint: last }),
      );
      this.submit(parts.pipelines.reduce, parts.reduceGroup, grid);
      const pw = parts.layout.partialWords;
      const values = new Float32Array(await this.copyOut(parts.partials, parts.partialsReadback, blocks * pw * 4));
      for (let b = 0; b < blocks; b++) this.statistics.mergeBlockPartial(c, values, b * pw);
      this.reached++;
    }
  }

  private async copyOut(source: GPUBuffer, readback: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    const encoder = this.gpu.device.createCommandEncoder({ label: this.parts.label });
    encoder.copyBufferToBuffer(source, 0, readback, 0, bytes);
    this.gpu.device.queue.submit([encoder.finish()]);
    this.submitCount++;
    await readback.mapAsync(GPUMapMode.READ, 0, bytes);
    const copy = readback.getMappedRange(0, bytes).slice(0);
    readback.unmap();
    const reason = this.gpu.lostReason();
    if (reason) throw new DeviceLostError(reason);
    return copy;
  }

  private async settle(): Promise<void> {
    await this.gpu.device.queue.onSubmittedWorkDone();
    const reason = this.gpu.lostReason();
    if (reason) throw new DeviceLostError(reason);
    if (this.timer) await this.timer.collect();
  }
}

interface LiveParts {
  label: string;
  layout: ReturnType<typeof specStatisticsLayout>;
  buffers: GPUBuffer[];
  control: GPUBuffer;
  reduceControl: GPUBuffer;
  state: GPUBuffer;
  records: GPUBuffer;
  partials: GPUBuffer;
  partialsReadback: GPUBuffer;
  counters: GPUBuffer;
  countersReadback: GPUBuffer;
  ensembleGroup: GPUBindGroup;
  reduceGroup: GPUBindGroup;
  pipelines: { initialize: GPUComputePipeline; integrate: GPUComputePipeline; reduce: GPUComputePipeline };
}

/** The buffers and bind groups of one live ensemble (the runner's, sized for a single chunk). */
function allocate(
  gpu: EngineDevice,
  spec: EnsembleSpec,
  params: Float32Array<ArrayBuffer>,
  layout: ReturnType<typeof specStatisticsLayout>,
  pipelines: LiveParts['pipelines'],
  label: string,
): LiveParts {
  const { device } = gpu;
  const n = spec.trajectories;
  const buffers: GPUBuffer[] = [];
  const buffer = (name: string, size: number, usage: number) => {
    const b = createEngineBuffer(device, { label: `live ${name} ${label}`, size: Math.max(16, Math.ceil(size / 4) * 4), usage });
    buffers.push(b);
    return b;
  };
  const S = GPUBufferUsage;
  const blocks = Math.ceil(n / REDUCE_BLOCK);
  const control = buffer('run control', RUN_CONTROL_BYTES, S.UNIFORM | S.COPY_DST);
  const reduceControl = buffer('reduce control', REDUCE_CONTROL_BYTES, S.UNIFORM | S.COPY_DST);
  const state = buffer('state', blocks * REDUCE_BLOCK * spec.dim * 4, S.STORAGE | S.VERTEX | S.COPY_SRC);
  const paramBuffer = buffer('params', params.byteLength, S.STORAGE | S.COPY_DST);
  const records = buffer('records', blocks * REDUCE_BLOCK * RECORD_WORDS * 4, S.STORAGE | S.VERTEX | S.COPY_SRC);
  const aux = buffer('aux', blocks * REDUCE_BLOCK * auxDim(spec) * 4, S.STORAGE);
  const data = packData(spec);
  const dataBuffer = buffer('data', data.byteLength, S.STORAGE | S.COPY_DST);
  const partials = buffer('partials', blocks * layout.partialWords * 4, S.STORAGE | S.COPY_SRC);
  const partialsReadback = buffer('partials readback', blocks * layout.partialWords * 4, S.MAP_READ | S.COPY_DST);
  const counters = buffer('counters', layout.counterWords * 4, S.STORAGE | S.COPY_SRC);
  const countersReadback = buffer('counters readback', layout.counterWords * 4, S.MAP_READ | S.COPY_DST);
  device.queue.writeBuffer(dataBuffer, 0, data);
  device.queue.writeBuffer(paramBuffer, 0, params);
  const layouts = bindGroupLayouts(device);
  const entries = (resources: GPUBuffer[]) => resources.map((b, binding) => ({ binding, resource: { buffer: b } }));
  return {
    label,
    layout,
    buffers,
    control,
    reduceControl,
    state,
    records,
    partials,
    partialsReadback,
    counters,
    countersReadback,
    ensembleGroup: device.createBindGroup({ label: `live ensemble ${label}`, layout: layouts.ensemble.group, entries: entries([control, state, paramBuffer, records, dataBuffer, aux]) }),
    reduceGroup: device.createBindGroup({ label: `live reduce ${label}`, layout: layouts.reduce.group, entries: entries([reduceControl, state, records, partials, paramBuffer, counters, dataBuffer]) }),
    pipelines,
  };
}
