import type { MinibatchNoise } from '../../noise/minibatch';
import type { ReferenceNoise } from '../../noise/noise-descriptor';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { RngPurpose } from '../../rng/streams';

/** ⌊w·m / 2^32⌋: exact in float64 while m < 2^21 (the product stays below 2^53). */
export const minibatchIndex = (w: number, m: number) => Math.floor((w * m) / 2 ** 32);

/** The sample indices of one step's batch, as shaders/noise/minibatch.wgsl draws them. */
export function batchIndices(n: MinibatchNoise, samples: number, k: number, stream: { wordsAt(step: number, purpose: number, block: number): Uint32Array }): number[] {
  const out: number[] = [];
  let words = new Uint32Array(4);
  for (let j = 0; j < n.batchSize; j++) {
    if ((j & 3) === 0) words = stream.wordsAt(k, RngPurpose.MINIBATCH, j >> 2).slice();
    if (n.replacement) {
      out.push(minibatchIndex(words[j & 3], samples));
      continue;
    }
    const top = samples - n.batchSize + j;
    const pick = minibatchIndex(words[j & 3], top + 1);
    out.push(out.includes(pick) ? top : pick);
  }
  return out;
}

/** Float64 twin of shaders/noise/minibatch.wgsl: the mean of the batch's sample gradients. */
export function referenceMinibatchNoise(n: MinibatchNoise, f: ReferenceObjective): ReferenceNoise {
  const samples = f.sampleCount;
  if (!samples || !f.sampleGradAdd) throw new Error('mini-batch noise needs a finite-sum objective');
  const weight = 1 / n.batchSize;
  return {
    grad(x, out, k, stream) {
      out.fill(0);
      for (const i of batchIndices(n, samples, k, stream)) f.sampleGradAdd!(x, i, weight, out);
    },
  };
}
