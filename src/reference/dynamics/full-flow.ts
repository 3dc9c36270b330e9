import type { BatchMap } from '../../dynamics/batch-maps';
import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import { batchMapApply } from '../batch-maps';

/** Float64 twin of shaders/dynamics/full-flow.wgsl: u ← e^{−hQ}u + hφ₁(−hQ)q. */
export function referenceFullFlow(maps: BatchMap[], dim: number): ReferenceDynamics {
  const scratch = new Float64Array(dim);
  return {
    step(x) {
      batchMapApply(x, maps[0], 0, scratch);
    },
  };
}
