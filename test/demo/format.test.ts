/** The demo's number style (demo/app/format.ts): errors to two significant digits, values to the same place, fractions as intervals. */
import { describe, expect, it } from 'vitest';
import { formatEstimate, formatInterval } from '../../demo/app/format';

describe('formatEstimate', () => {
  it('rounds the error to two significant digits and the value to the same decimal place', () => {
    expect(formatEstimate(0.702, 0.009901)).toBe('0.7020 ± 0.0099');
    expect(formatEstimate(23.7812, 0.4123)).toBe('23.78 ± 0.41');
    expect(formatEstimate(1.0049, 0.0213)).toBe('1.005 ± 0.021');
    expect(formatEstimate(-0.00004, 0.5)).toBe('0.00 ± 0.50');
  });

  it('rounds left of the point when the error is large, and uses a shared exponent far from 1', () => {
    expect(formatEstimate(12345.6, 234)).toBe('12350 ± 230');
    expect(formatEstimate(4.5213e-5, 1.2678e-6)).toBe('(4.52 ± 0.13)e-5');
    expect(formatEstimate(3.2e7, 4.1e5)).toBe('(3.200 ± 0.041)e7');
  });
});

describe('formatInterval', () => {
  it('shows a fraction with its interval to the half-width’s two significant digits', () => {
    expect(formatInterval(0.692, 0.6637, 0.7204)).toBe('0.692 [0.664, 0.720]');
  });

  it('keeps the exact ends 0 and 1 and an asymmetric interval there (never “1 ± …”)', () => {
    expect(formatInterval(1, 0.99988, 1)).toBe('1 [0.999880, 1]');
    expect(formatInterval(0, 0, 0.007392)).toBe('0 [0, 0.0074]');
  });
});
