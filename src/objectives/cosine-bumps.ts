/**
 * The parameters of lib/cosine_bumps.wgsl, shared by the objectives built on it
 * (tilted-cosine, rastrigin): f(x) = Σᵢ (c/2)·xᵢ² + A·(1 − cos(k xᵢ)).
 */
import { paramLayout } from '../compose/param-layout';

/** c, A and k of a cosine-bumps objective. */
export interface CosineBumps {
  c: number;
  amplitude: number;
  k: number;
}

/** c at COSINE_BUMPS_C, A at COSINE_BUMPS_AMPLITUDE, k at COSINE_BUMPS_K. */
export function cosineBumpsParams<P>(bumps: (objective: P) => CosineBumps) {
  return paramLayout<[objective: P]>({
    COSINE_BUMPS_C: (o) => bumps(o).c,
    COSINE_BUMPS_AMPLITUDE: (o) => bumps(o).amplitude,
    COSINE_BUMPS_K: (o) => bumps(o).k,
  });
}
