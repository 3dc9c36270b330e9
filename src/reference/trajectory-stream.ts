import { normalFromWord } from '../rng/random';
import { rngWords4Into } from '../rng/streams';

/**
 * One trajectory's random numbers on the CPU, drawn from the same Philox
 * counters as the GPU (`shaders/lib/trajectory.wgsl`, layout in
 * src/rng/streams.ts): counter = (trajectory low word, step,
 * purpose << 16 | block, trajectory high word).
 */
export class TrajectoryStream {
  private readonly words = new Uint32Array(4);

  constructor(
    readonly key: readonly [number, number],
    readonly trajectory: number,
  ) {}

  /** The four Philox words of (step, purpose, block); valid until the next call. */
  wordsAt(step: number, purpose: number, block: number): Uint32Array {
    return rngWords4Into(this.key, this.trajectory, step, purpose, block, this.words);
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
}
