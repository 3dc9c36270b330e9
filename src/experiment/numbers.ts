import { z } from 'zod';
import { describeValue } from './describe-value';

/** Largest trajectory count: trajectory indices must fit a u32. */
export const MAX_U32 = 2 ** 32 - 1;

function expecting(what: string) {
  return { error: (issue: { input?: unknown }) => `expected ${what}, found ${describeValue(issue.input)}` };
}

/** A finite number (zod already rejects NaN and ±Infinity). */
export function finiteNumber() {
  return z.number();
}

/** A finite number > 0. */
export function positiveNumber() {
  const message = expecting('a finite number > 0');
  return z.number(message).positive(message);
}

/** A finite number ≥ 0. */
export function nonNegativeNumber() {
  const message = expecting('a finite number ≥ 0');
  return z.number(message).nonnegative(message);
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
