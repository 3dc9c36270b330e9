import type { BatchMap } from '../../dynamics/batch-maps';
import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { RmmDynamics } from '../../dynamics/rmm';
import { batchDraw } from '../batch-draw';
import { batchMapApply } from '../batch-maps';

/** Float64 twin of shaders/dynamics/rmm.wgsl: x ← prox_{h F_B}(x), B the batch of step k. */
export function referenceRmm(item: RmmDynamics, maps: BatchMap[], n: number, b: number, dim: number): ReferenceDynamics {
  const scratch = new Float64Array(dim);
  return {
    step(x, k, stream) {
      batchMapApply(x, maps[batchDraw(stream, k, 0, n, b)], item.h, scratch);
    },
  };
}
