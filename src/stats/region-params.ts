import { paramLayout, recordConstants, wgslEnum } from '../compose/param-layout';
import type { Region } from '../experiment/region';

/** Region kinds, shared with shaders/lib/regions.wgsl (REGION_BALL, REGION_HALFSPACE, REGION_LEVEL). */
export const REGION_KIND = wgslEnum('REGION', ['ball', 'halfspace', 'level']);
/** Region kind codes of shaders/lib/regions.wgsl. */
export const REGION_KIND_CODES = REGION_KIND.codes;

/** A region's unit normal and offset: a halfspace is stored with a unit normal (and its offset scaled to match), so that its margin is a Euclidean distance, like a ball's. */
function unitHalfspace(region: Extract<Region, { kind: 'halfspace' }>): { offset: number; normal: number[] } {
  const norm = Math.hypot(...region.normal);
  return { offset: region.offset / norm, normal: region.normal.map((v) => v / norm) };
}

/**
 * One region as lib/regions.wgsl reads it: its kind (REGION_CODE), a scalar
 * (radius, offset or level) and a vector of d words (center or unit normal),
 * at these offsets within the region; REGION_WORDS apart in a table.
 */
const REGION_PARAMS = paramLayout<[region: Region, dim: number]>({
  REGION_CODE: { u32: (region) => REGION_KIND.codes[region.kind] },
  REGION_SCALAR: (region) => (region.kind === 'ball' ? region.radius : region.kind === 'halfspace' ? unitHalfspace(region).offset : region.value),
  REGION_VECTOR: (region, dim) => (region.kind === 'ball' ? region.center : region.kind === 'halfspace' ? unitHalfspace(region).normal : new Array<number>(dim).fill(0)),
});

/** The preamble constants of the region record: each field's offset within a region, and REGION_WORDS. */
export function regionRecordConstants(dim: number): Record<string, number> {
  return recordConstants(REGION_PARAMS, 'REGION_WORDS', { kind: 'level', value: 0 } as Region, dim);
}

/** One region as lib/regions.wgsl reads it: [kind, scalar, vector (d)]. */
export function packRegion(region: Region, dim: number): number[] {
  return REGION_PARAMS.pack(region, dim);
}

/** Words of one packed region. */
export const regionWords = (dim: number) => regionRecordConstants(dim).REGION_WORDS;
