/**
 * The double-well objective f(x) = h Σᵢ (xᵢ² − 1)² (minima at xᵢ = ±1, saddle
 * at 0, barrier h per coordinate; h = ¼ is MATH.md's Kramers potential): its
 * experiment-file format (schema, dimension, normalization) and its engine
 * descriptor (WGSL module, parameter layout, float64 twin).
 */
import source from '../../shaders/objectives/double-well.wgsl?raw';
import { referenceDoubleWell } from '../reference/objectives/double-well';
import type { ObjectiveDescriptor } from './objective-descriptor';
import { positiveInteger, positiveNumber } from '../experiment/numbers';
import { strictObject } from '../experiment/strict-object';
import type { ObjectiveKind } from '../experiment/objectives/objective-kind';
import { z } from 'zod';
import { formatJsonPath } from '../experiment/json-path';

// ---- experiment-file format

/** Dimension when the file gives none. */
export const DEFAULT_DOUBLE_WELL_DIM = 1;

/** Barrier height h when the file gives none: V = (x² − 1)²/4 per coordinate. */
export const DEFAULT_DOUBLE_WELL_HEIGHT = 0.25;

/** Double-well objective `{ kind: "double-well", dim?, height? }`: `dim` fixes the experiment's dimension d. */
export const doubleWellObjectiveSchema = strictObject({
  kind: z.literal('double-well'),
  dim: positiveInteger().default(DEFAULT_DOUBLE_WELL_DIM),
  height: positiveNumber().default(DEFAULT_DOUBLE_WELL_HEIGHT),
});

/** A double-well objective as parsed (defaults filled by zod). */
export type DoubleWellObjectiveInput = z.output<typeof doubleWellObjectiveSchema>;

/** A normalized double-well objective. */
export interface DoubleWellObjective {
  kind: 'double-well';
  /** State dimension d. */
  dim: number;
  /** Barrier height h > 0 per coordinate. */
  height: number;
}

/** Cross-field behaviour of the double well: d is `dim` (default 1); nothing else to check. */
export const doubleWellFormat: ObjectiveKind<DoubleWellObjectiveInput, DoubleWellObjective> = {
  check(raw, path) {
    const dim = raw.dim === undefined ? DEFAULT_DOUBLE_WELL_DIM : raw.dim;
    const dimSource = raw.dim === undefined ? `${formatJsonPath(path)}.dim (default ${DEFAULT_DOUBLE_WELL_DIM})` : formatJsonPath([...path, 'dim']);
    return { dim: Number.isSafeInteger(dim) && (dim as number) >= 1 ? (dim as number) : undefined, dimSource, issues: [] };
  },
  dimension: (parsed) => parsed.dim,
  normalize: (parsed) => ({ kind: 'double-well', dim: parsed.dim, height: parsed.height }),
};

// ---- engine descriptor

/** The registry row's descriptor: file format and engine side of the double well. */
export const doubleWell = {
  kind: 'double-well',
  schema: doubleWellObjectiveSchema,
  format: doubleWellFormat,
  title: 'double well h Σ (xᵢ² − 1)²',
  shader: { path: 'objectives/double-well.wgsl', source },
  pack: (o: DoubleWellObjective) => [o.height],
  reference: (o: DoubleWellObjective, dim: number) => referenceDoubleWell(o, dim),
} satisfies ObjectiveDescriptor<DoubleWellObjective, DoubleWellObjectiveInput>;
