import { z } from 'zod';
import { describeValue } from './describe-value';

/** Largest trajectory count: trajectory indices must fit a u32. */
export const MAX_U32 = 2 ** 32 - 1;

function expecting(what: string) {
  return { error: (issue: { input?: unknown }) => `expected ${what}, found ${describeValue(issue.input)}` };
}

/**
 * Largest magnitude of a number in an experiment file: the GPU holds parameters and
 * state in float32, where anything larger is +Infinity (and the CPU reference would
 * then disagree with it).
 */
export const F32_MAX = 3.4028234663852886e38;

const F32_RANGE = `within the float32 range ±${F32_MAX} (the GPU computes in f32)`;

/** A finite number within the float32 range (zod already rejects NaN and ±Infinity). */
export function finiteNumber() {
  const range = expecting(`a number ${F32_RANGE}`);
  return z.number().min(-F32_MAX, range).max(F32_MAX, range);
}

/** A finite number > 0 (within the float32 range). */
export function positiveNumber() {
  const message = expecting('a finite number > 0');
  return z.number(message).positive(message).max(F32_MAX, expecting(`a number > 0 ${F32_RANGE}`));
}

/** A finite number ≥ 0 (within the float32 range). */
export function nonNegativeNumber() {
  const message = expecting('a finite number ≥ 0');
  return z.number(message).nonnegative(message).max(F32_MAX, expecting(`a number ≥ 0 ${F32_RANGE}`));
}

/** An integer in [1, max]. */
export function positiveInteger(max: number = Number.MAX_SAFE_INTEGER) {
  const message = expecting(max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `a positive integer ≤ ${max}`);
  return z.int(message).min(1, message).max(max, message);
}

/** A non-empty array of finite numbers; its length is checked against the dimension later. */
export function finiteVector() {
  return z.array(finiteNumber()).min(1);
}

/** A non-empty array of non-empty rows of finite numbers; squareness and size are checked later. */
export function finiteMatrix() {
  return z.array(finiteVector()).min(1);
}
