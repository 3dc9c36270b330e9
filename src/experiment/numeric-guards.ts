/** Runtime guards for loosely-typed input, used by cross-field checks that must run on unparsed data. */

/** A plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** An array of finite numbers. */
export function isFiniteVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isFiniteNumber);
}

/** An array whose entries are all arrays (entries not inspected). */
export function isArrayOfArrays(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

/** An array of arrays of finite numbers (rows may differ in length). */
export function isFiniteMatrix(value: unknown): value is number[][] {
  return Array.isArray(value) && value.every(isFiniteVector);
}
