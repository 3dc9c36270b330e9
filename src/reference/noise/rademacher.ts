import type { ReferenceNoise } from '../../noise/noise-descriptor';
import type { RademacherNoise } from '../../noise/rademacher';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { RngPurpose } from '../../rng/streams';
import { batchAt } from '../../schedules/batch-size';
import type { TrajectoryStream } from '../trajectory-stream';

/** Number of set bits of a 32-bit word. */
export function popcount32(w: number): number {
  let v = w >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Σ_{j<b} s_{k,j,i} per coordinate i (an integer in [−b, b]): the signs of step k as
 * shaders/noise/rademacher.wgsl draws them (group j of coordinate i is word j·d + i of
 * purpose MINIBATCH, its lowest min(32, b − 32j) bits).
 */
export function rademacherSums(b: number, dim: number, k: number, stream: Pick<TrajectoryStream, 'wordsAt'>, out: Int32Array): Int32Array {
  out.fill(0);
  const groups = Math.ceil(b / 32);
  let words: Uint32Array = new Uint32Array(4);
  let w = 0;
  for (let j = 0; j < groups; j++) {
    const bits = Math.min(32, b - 32 * j);
    const mask = bits < 32 ? (2 ** bits - 1) >>> 0 : 0xffffffff;
    for (let i = 0; i < dim; i++) {
      if ((w & 3) === 0) words = stream.wordsAt(k, RngPurpose.MINIBATCH, w >> 2);
      out[i] += 2 * popcount32((words[w & 3] & mask) >>> 0) - bits;
      w++;
    }
  }
  return out;
}

/** Float64 twin of shaders/noise/rademacher.wgsl: ∇f + C·(mean of b_k signs), or ∇f + (C/√b_k)·z_k. */
export function referenceRademacherNoise(n: RademacherNoise, f: ReferenceObjective, dim: number): ReferenceNoise {
  const sums = new Int32Array(dim);
  const z = new Float64Array(dim);
  return {
    grad(x, out, k, stream) {
      f.grad(x, out);
      const b = batchAt(n.stages, k);
      if (n.draw === 'gaussian') {
        stream.brownian(k, z);
        const s = n.scale / Math.sqrt(b);
        for (let i = 0; i < dim; i++) out[i] += s * z[i];
        return;
      }
      rademacherSums(b, dim, k, stream, sums);
      for (let i = 0; i < dim; i++) out[i] += (n.scale * sums[i]) / b;
    },
  };
}
