/** Float64 twin of shaders/lib/batch_maps.wgsl: apply one batch's map for time (or prox step) s. */
import { BatchMapKind, type BatchMap } from '../dynamics/batch-maps';
import { proxAffine, proxBall, proxBox, proxHalfspace, proxObstacle, proxSoftThreshold, proxSpectralFlow } from './prox';

export function batchMapApply(x: Float64Array, map: BatchMap, s: number, scratch: Float64Array): void {
  switch (map.kind) {
    case BatchMapKind.AFFINE:
      return proxAffine(x, map.lo!, map.size!, map.matrix!, map.vector!, scratch);
    case BatchMapKind.SPECTRAL:
      return proxSpectralFlow(x, map.lo!, map.size!, map.matrix!, map.vector!, map.vector2!, s, scratch);
    case BatchMapKind.SOFT:
      return proxSoftThreshold(x, map.p * s);
    case BatchMapKind.BOX:
      return proxBox(x, map.vector!, map.vector2!);
    case BatchMapKind.HALFSPACE:
      return proxHalfspace(x, map.vector!, map.p, map.q);
    case BatchMapKind.BALL:
      return proxBall(x, map.vector!, map.p);
    default:
      return proxObstacle(x, map.vector!);
  }
}
