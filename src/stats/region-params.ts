import type { Region } from '../experiment/region';

/** Region kind codes of shaders/lib/regions.wgsl. */
export const REGION_KIND_CODES = { ball: 0, halfspace: 1, level: 2 } as const;

/**
 * One region as lib/regions.wgsl reads it: [kind, scalar, vector (d)]. A
 * halfspace is stored with a unit normal (and its offset scaled to match) so
 * that its margin is a Euclidean distance, like a ball's.
 */
export function packRegion(region: Region, dim: number): number[] {
  switch (region.kind) {
    case 'ball':
      return [REGION_KIND_CODES.ball, region.radius, ...region.center];
    case 'halfspace': {
      const norm = Math.hypot(...region.normal);
      return [REGION_KIND_CODES.halfspace, region.offset / norm, ...region.normal.map((v) => v / norm)];
    }
    case 'level':
      return [REGION_KIND_CODES.level, region.value, ...new Array<number>(dim).fill(0)];
  }
}

/** Words of one packed region. */
export const regionWords = (dim: number) => 2 + dim;
