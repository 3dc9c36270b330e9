/**
 * The separable double-well objective f(x) = Σᵢ V(xᵢ): by default
 * V = h (x² − 1)² (minima at ±1, saddle at 0, barrier h; h = ¼ is the
 * Kramers potential of docs/math.md §6); with `left` / `right` each well gets its own barrier
 * (`depth`) and `width`, so a sharp (narrow) and a flat (wide) minimum can be
 * set side by side around the `saddle` (shaders/objectives/double-well.wgsl
 * has the formula). Its experiment-file format and its engine descriptor.
 */
import source from '../../shaders/objectives/double-well.wgsl?raw';
import { referenceDoubleWell } from '../reference/objectives/double-well';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { finiteNumber, positiveInteger, positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { z } from 'zod';
import { formatJsonPath } from '../experiment/json-path';
import { paramLayout } from '../compose/param-layout';

// ---- experiment-file format

/** Dimension when the file gives none. */
export const DEFAULT_DOUBLE_WELL_DIM = 1;

/** Barrier height h when the file gives none: V = (x² − 1)²/4 per coordinate. */
export const DEFAULT_DOUBLE_WELL_HEIGHT = 0.25;

const wellSchema = strictObject({
  depth: positiveNumber().describe('Barrier H of this well, seen from its minimum.'),
  width: positiveNumber().describe('Width w: the minimum sits at distance w from the saddle (curvature 8H/w² there).'),
});

/**
 * Double-well objective `{ kind: "double-well", dim?, height?, saddle?, left?, right? }`:
 * `dim` fixes d; `height` is both wells' barrier unless `left` / `right` ({ depth, width }) say otherwise.
 */
export const doubleWellObjectiveSchema = strictObject({
  kind: z.literal('double-well'),
  dim: positiveInteger().default(DEFAULT_DOUBLE_WELL_DIM).describe('State dimension d: f(x) = Σᵢ V(xᵢ).'),
  height: positiveNumber().default(DEFAULT_DOUBLE_WELL_HEIGHT).describe('Barrier h of both wells (V = h(x² − 1)² by default), unless left / right say otherwise.'),
  saddle: finiteNumber().default(0).describe('Position s of the saddle between the wells.'),
  left: wellSchema.optional().describe('The well left of the saddle (x < s): its own depth and width.'),
  right: wellSchema.optional().describe('The well right of the saddle (x ≥ s): its own depth and width.'),
});

/** A double-well objective as parsed (defaults filled by zod). */
export type DoubleWellObjectiveInput = z.output<typeof doubleWellObjectiveSchema>;

/** One well: its barrier (depth below the saddle) and width (saddle to minimum). */
export interface Well {
  depth: number;
  width: number;
}

/** A normalized double-well objective. */
export interface DoubleWellObjective {
  kind: 'double-well';
  /** State dimension d. */
  dim: number;
  /** The symmetric barrier h (the default depth of both wells). */
  height: number;
  saddle: number;
  left: Well;
  right: Well;
}

/** Cross-field behaviour of the double well: d is `dim` (default 1); nothing else to check. */
export const doubleWellFormat: ObjectiveKind<DoubleWellObjectiveInput, DoubleWellObjective> = {
  check(raw, path) {
    const dim = raw.dim === undefined ? DEFAULT_DOUBLE_WELL_DIM : raw.dim;
    const dimSource = raw.dim === undefined ? `${formatJsonPath(path)}.dim (default ${DEFAULT_DOUBLE_WELL_DIM})` : formatJsonPath([...path, 'dim']);
    return { dim: Number.isSafeInteger(dim) && (dim as number) >= 1 ? (dim as number) : undefined, dimSource, issues: [] };
  },
  dimension: (parsed) => parsed.dim,
  normalize: (parsed) => ({
    kind: 'double-well',
    dim: parsed.dim,
    height: parsed.height,
    saddle: parsed.saddle,
    left: parsed.left ?? { depth: parsed.height, width: 1 },
    right: parsed.right ?? { depth: parsed.height, width: 1 },
  }),
};

// ---- engine descriptor

/** The registry row's descriptor: file format and engine side of the double well. */
export const doubleWell = {
  kind: 'double-well',
  schema: doubleWellObjectiveSchema,
  format: doubleWellFormat,
  title: 'double well Σ V(xᵢ) (per-side barrier and width)',
  contract: { experiment: { objective: { kind: 'double-well', dim: 2 }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sgd', lr: 0.05 }], x0: { kind: 'gaussian', mean: [-1, 1], std: 0.3 } } },
  shader: { path: 'objectives/double-well.wgsl', source },
  params: paramLayout({
    DOUBLE_WELL_S: (o: DoubleWellObjective) => o.saddle,
    DOUBLE_WELL_LEFT: (o: DoubleWellObjective) => [o.left.depth, o.left.width],
    DOUBLE_WELL_RIGHT: (o: DoubleWellObjective) => [o.right.depth, o.right.width],
    DOUBLE_WELL_FLOOR: (o: DoubleWellObjective) => Math.max(o.left.depth, o.right.depth),
  }),
  reference: (o: DoubleWellObjective, dim: number) => referenceDoubleWell(o, dim),
  thirdDerivative: true,
  /** The bottom of the deeper well in every coordinate; none when both are equally deep. */
  minimizer(o: DoubleWellObjective, dim: number) {
    if (o.left.depth === o.right.depth) return undefined;
    const at = o.left.depth > o.right.depth ? o.saddle - o.left.width : o.saddle + o.right.width;
    return new Array<number>(dim).fill(at);
  },
} satisfies ObjectiveDescriptor<DoubleWellObjective, DoubleWellObjectiveInput>;
