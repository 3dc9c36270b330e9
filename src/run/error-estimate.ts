import { Z95 } from '../stats/intervals';

/** An error |estimate − target| with its standard error and a 95% interval. */
export interface ErrorEstimate {
  value: number;
  lo: number;
  hi: number;
  /** Signed difference estimate − target. */
  difference: number;
  standardError: number;
}

/** |d| with a normal 95% interval, clipped at 0 below. */
export function errorEstimate(difference: number, standardError: number): ErrorEstimate {
  const value = Math.abs(difference);
  return { value, lo: Math.max(0, value - Z95 * standardError), hi: value + Z95 * standardError, difference, standardError };
}
