import type { BatchMap } from '../../dynamics/batch-maps';
import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import { MAX_SWITCHES_PER_STEP } from '../../dynamics/batch-flow';
import type { MinibatchFlowDynamics } from '../../dynamics/minibatch-flow';
import { uniformFromWord } from '../../rng/random';
import { RngPurpose } from '../../rng/streams';
import { batchDraw } from '../batch-draw';
import { batchMapApply } from '../batch-maps';

/** Float64 twin of shaders/dynamics/minibatch-flow.wgsl (same batches, same clocks). */
export function referenceMinibatchFlow(item: MinibatchFlowDynamics, maps: BatchMap[], n: number, b: number, dim: number): ReferenceDynamics {
  const scratch = new Float64Array(dim);
  const h = item.h;
  let rank = 0;
  if (item.switching === 'fixed') {
    return {
      step(x, k, stream) {
        batchMapApply(x, maps[batchDraw(stream, k, 0, n, b)], h, scratch);
      },
    };
  }
  const blocks = Math.ceil(b / 4);
  return {
    init(_x, stream) {
      rank = batchDraw(stream, 0, 0, n, b);
    },
    step(x, k, stream) {
      let left = h;
      for (let j = 0; j < MAX_SWITCHES_PER_STEP; j++) {
        const wait = -h * Math.log(uniformFromWord(stream.wordsAt(k, RngPurpose.SWITCH, j >> 2)[j & 3]));
        if (wait >= left) break;
        batchMapApply(x, maps[rank], wait, scratch);
        left -= wait;
        rank = batchDraw(stream, k, (j + 1) * blocks, n, b);
      }
      batchMapApply(x, maps[rank], left, scratch);
    },
  };
}
