import type { MinibatchNoise } from '../../noise/minibatch';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { RngPurpose } from '../../rng/streams';
import { batchAt } from '../../schedules/batch-size';

/** ⌊w·m / 2^32⌋: exact in float64 while m < 2^21 (the product stays below 2^53). */
export const minibatchIndex = (w: number, m: number) => Math.floor((w * m) / 2 ** 32);

type WordSource = { wordsAt(step: number, purpose: number, block: number): Uint32Array };

/**
 * The b sample indices of step k's batch, as shaders/noise/minibatch.wgsl draws them:
 * draw j is word j % 4 of block j / 4 of (k, MINIBATCH); with replacement it maps to
 * [0, N), without, Floyd's algorithm maps it to [0, N − b + j] (so the subset depends on b).
 */
export function drawBatch(b: number, replacement: boolean, samples: number, k: number, stream: WordSource): number[] {
  const out: number[] = [];
  let words = new Uint32Array(4);
  for (let j = 0; j < b; j++) {
    if ((j & 3) === 0) words = stream.wordsAt(k, RngPurpose.MINIBATCH, j >> 2).slice();
    if (replacement) {
      out.push(minibatchIndex(words[j & 3], samples));
      continue;
    }
    const top = samples - b + j;
    const pick = minibatchIndex(words[j & 3], top + 1);
    out.push(out.includes(pick) ? top : pick);
  }
  return out;
}

/** The sample indices of step k's batch of the noise (its batch size at step k from the stage table). */
export function batchIndices(n: MinibatchNoise, samples: number, k: number, stream: WordSource): number[] {
  return drawBatch(batchAt(n.stages, k), n.replacement, samples, k, stream);
}

/** Float64 twin of shaders/noise/minibatch.wgsl: the mean of the step's batch of sample gradients. */
export function referenceMinibatchNoise(n: MinibatchNoise, f: ReferenceObjective): ReferenceNoise {
  const samples = f.sampleCount;
  if (!samples || !f.sampleGradAdd) throw new Error('mini-batch noise needs a finite-sum objective');
  return {
    grad(x, out, k, stream) {
      out.fill(0);
      const batch = batchIndices(n, samples, k, stream);
      const weight = 1 / batch.length;
      for (const i of batch) f.sampleGradAdd!(x, i, weight, out);
    },
  };
}
