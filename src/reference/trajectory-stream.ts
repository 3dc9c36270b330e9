import { normalFromWord } from '../rng/random';
import { BrownianStream, rngWords4Into } from '../rng/streams';
import type { NoiseGrid } from '../ensemble/ensemble-spec';

/**
 * One trajectory's random numbers on the CPU, drawn from the same Threefry
 * counters as the GPU (`shaders/lib/trajectory.wgsl`, layout in
 * src/rng/streams.ts): per-step purposes at counter (trajectory low word,
 * step, purpose << 16 | block, trajectory high word), and the step's Brownian
 * increment from the dense NOISE stream (`shaders/lib/brownian.wgsl`).
 */
export class TrajectoryStream {
  private readonly words = new Uint32Array(4);
  private brownianStream: BrownianStream | null = null;
  private brownianStep = -1;
  private brownianZ = new Float64Array(0);

  constructor(
    readonly key: readonly [number, number],
    readonly trajectory: number,
    /** The run's place on the fine noise grid (default: steps of one fine step, replica 0). */
    readonly grid: NoiseGrid = { refineLog2: 0, replica: 0 },
  ) {}

  /** The four words of (step, purpose, block) for a purpose other than NOISE; valid until the next call. */
  wordsAt(step: number, purpose: number, block: number): Uint32Array {
    return rngWords4Into(this.key, this.trajectory, step, purpose, block, this.words, this.grid.replica);
  }

  /** `count` standard normals of (step, purpose): normal i is word i % 4 of block ⌊i/4⌋. */
  normals(step: number, purpose: number, count: number, out: Float64Array): Float64Array {
    for (let block = 0; block * 4 < count; block++) {
      const w = this.wordsAt(step, purpose, block);
      for (let lane = 0; lane < 4 && block * 4 + lane < count; lane++) {
        out[block * 4 + lane] = normalFromWord(w[lane]);
      }
    }
    return out;
  }

  /**
   * Step k's unit Brownian increment (d = out.length normals; the GPU's
   * `brownian_z`): the same for every call at one step, as the kernel draws it
   * once per step.
   */
  brownian(k: number, out: Float64Array): Float64Array {
    const d = out.length;
    if (this.brownianStream?.dim !== d) {
      this.brownianStream = new BrownianStream(this.key, this.trajectory, d, this.grid.refineLog2, this.grid.replica);
      this.brownianZ = new Float64Array(d);
      this.brownianStep = -1;
    }
    if (k !== this.brownianStep) {
      this.brownianStream.incrementInto(k, this.brownianZ);
      this.brownianStep = k;
    }
    out.set(this.brownianZ);
    return out;
  }
}
