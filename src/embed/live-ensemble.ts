import type { EngineDevice } from '../gpu/engine-device';
import type { EnsembleResult, EnsembleSpec } from '../ensemble/ensemble-spec';
import { ensembleResult } from '../ensemble/ensemble-result';
import { DeviceChunk } from '../ensemble/device-chunk';
import { RECORD_WORDS, REDUCE_BLOCK } from '../ensemble/layout';
import { EnsembleStatistics } from '../stats/ensemble-statistics';
import { ESCAPE_NEVER } from '../stats/statistics-layout';
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
  /** Steps one integrate dispatch takes at most (the runner's choice for this spec and adapter). */
  readonly stepsPerDispatch: number;
  private stepsTaken = 0;
  private reached = 0; // checkpoints reduced so far
  private disposed = false;
  private busy = false;
  private readonly statistics: EnsembleStatistics;
  private wallSeconds = 0;

  private constructor(
    private readonly gpu: EngineDevice,
    readonly spec: EnsembleSpec,
    private readonly chunk: DeviceChunk,
  ) {
    const n = spec.trajectories;
    this.state = { buffer: chunk.buffer('state'), trajectories: n, dim: spec.dim, format: 'float32', strideBytes: spec.dim * 4 };
    this.records = { buffer: chunk.buffer('records'), trajectories: n, format: 'uint32', strideBytes: RECORD_WORDS * 4, divergedWord: 0, exitWord: 1, notExited: ESCAPE_NEVER };
    this.statistics = new EnsembleStatistics(chunk.layout, spec.checkpoints, n);
    this.stepsPerDispatch = chunk.plan.stepsPerDispatch;
  }

  /**
   * Compiles the kernels (cached per device), allocates the buffers and runs the
   * initialize kernel and the step-0 statistics when the checkpoints start at 0.
   * Every trajectory lives in one chunk (the runner's DeviceChunk, kept alive), so
   * N is bounded by the device's buffer limits.
   */
  static async create(gpu: EngineDevice, spec: EnsembleSpec, options: LiveEnsembleOptions = {}): Promise<LiveEnsemble> {
    const chunk = await DeviceChunk.create(gpu, spec, { chunkSize: spec.trajectories, stepsPerDispatch: options.stepsPerDispatch, drawable: true, timestamps: options.timestamps === true, labelPrefix: 'live' });
    if (chunk.plan.chunkSize < spec.trajectories) {
      chunk.dispose();
      throw new RangeError(`a live ensemble keeps every trajectory in one buffer; this device holds at most ${chunk.plan.chunkSize} of these (asked for ${spec.trajectories})`);
    }
    const live = new LiveEnsemble(gpu, spec, chunk);
    try {
      await live.timed(async () => {
        chunk.initialize(0, spec.trajectories);
        await live.reduceDueCheckpoints();
        await chunk.settle();
      });
    } catch (e) {
      live.dispose();
      throw e;
    }
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
          this.chunk.integrate(0, this.spec.trajectories, this.stepsTaken, n);
          this.stepsTaken += n;
          if (this.stepsTaken === target) await this.reduceDueCheckpoints();
        }
        await this.chunk.settle();
        // A loop cut short by the driver (llvmpipe over OpenGL ES) is an error, never wrong paths on screen.
        await this.chunk.checkLoops();
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
    const snapshot = new EnsembleStatistics(this.chunk.layout, this.spec.checkpoints, this.spec.trajectories);
    snapshot.merge(this.statistics);
    snapshot.trajectories = this.spec.trajectories;
    if (this.chunk.layout.counterWords > 0) snapshot.addCounters(await this.timed(() => this.chunk.readCounters()));
    return snapshot;
  }

  /** Copies the current positions back (N × d, trajectory-major); for tests and small ensembles. */
  async readState(): Promise<Float32Array> {
    this.assertUsable();
    return new Float32Array(await this.chunk.copyOut('state', this.spec.trajectories * this.spec.dim * 4));
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
      gpuSeconds: this.chunk.gpuSeconds,
      submits: this.chunk.submits,
      trajectorySteps: this.stepsTaken * this.spec.trajectories,
      compileSeconds: this.chunk.compileSeconds,
    };
  }

  /** Frees the GPU buffers (never the device). Safe to call more than once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.chunk.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  // ---- internals

  private assertUsable(): void {
    if (this.disposed) throw new Error('this LiveEnsemble was disposed');
    if (this.busy) throw new Error('advance() is still running on this LiveEnsemble; await it first');
    this.chunk.throwIfLost();
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.wallSeconds += (performance.now() - start) / 1000;
    }
  }

  /** Reduces every checkpoint at the current step and merges its partials (read back at once). */
  private async reduceDueCheckpoints(): Promise<void> {
    const { spec, chunk } = this;
    while (this.reached < spec.checkpoints.length && spec.checkpoints[this.reached] === this.stepsTaken) {
      const c = this.reached;
      chunk.reduce(spec.trajectories, c, 0);
      const values = await chunk.readPartials(1);
      await chunk.checkLoops();
      const blocks = Math.ceil(spec.trajectories / REDUCE_BLOCK);
      for (let b = 0; b < blocks; b++) this.statistics.mergeBlockPartial(c, values, b * chunk.layout.partialWords);
      this.reached++;
    }
  }
}
