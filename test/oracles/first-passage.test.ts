import { describe, expect, it } from 'vitest';
import {
  gradientDiffusionMfpt,
  kramersRate,
  meanFirstPassageTime,
  ouMeanFirstPassageTime,
  twoSidedMeanExitTime,
} from '../../src/oracles';

/** The double well V = (x² − 1)²/4 of docs/math.md §6: minima ±1, saddle 0, ΔV = 1/4. */
const doubleWell = (x: number) => (x * x - 1) ** 2 / 4;
const doubleWellDrift = (x: number) => x - x * x * x;
/** Far enough left that e^{−V/D} is below e^{−320} there for every D tested (V(−3) = 16). */
const DOUBLE_WELL_CUTOFF = -3;

function relativeError(value: number, reference: number): number {
  return Math.abs(value - reference) / Math.abs(reference);
}

/** |value − printed| within half a unit in the printed reference's last digit. */
function expectMatchesPrinted(value: number, printed: number, lastDigit: number): void {
  expect(Math.abs(value - printed)).toBeLessThanOrEqual(lastDigit / 2);
}

/**
 * Ricciardi's series for the OU process dY = −Y dτ + √2 dW started at y0:
 * E τ(y0 → z) = F(z) − F(y0) with F(z) = ½ Σ_{n≥1} (√2 z)ⁿ Γ(n/2)/n!, an
 * oracle independent of the quadrature. Terms obey t_{n+2} = t_n·z²·n/((n+1)(n+2)).
 */
function ricciardiSeries(z: number): number {
  let odd = Math.SQRT2 * z * Math.sqrt(Math.PI); // n = 1
  let even = z * z; // n = 2
  let sum = odd + even;
  for (let n = 1; n < 400; n += 2) {
    odd *= (z * z * n) / ((n + 1) * (n + 2));
    even *= (z * z * (n + 1)) / ((n + 2) * (n + 3));
    sum += odd + even;
    if (Math.abs(odd) + Math.abs(even) < 1e-18 * Math.abs(sum)) break;
  }
  return sum / 2;
}

describe('gradientDiffusionMfpt on the double well (docs/math.md §6)', () => {
  const cases = [
    { D: 0.05, barrier: 1, printed: 729.6707, lastDigit: 1e-4 },
    { D: 0.025, barrier: 1, printed: 102108.37, lastDigit: 1e-2 },
    { D: 0.0125, barrier: 1, printed: 2.19864e9, lastDigit: 1e4 },
    { D: 0.05, barrier: 0, printed: 361.9038, lastDigit: 1e-4 },
    { D: 0.025, barrier: 0, printed: 51050.7, lastDigit: 1e-2 },
  ];

  it.each(cases)('MFPT(−1 → $barrier) at D = $D matches $printed to its printed digits', ({ D, barrier, printed, lastDigit }) => {
    const T = gradientDiffusionMfpt({ potential: doubleWell, temperature: D, x0: -1, barrier, lower: DOUBLE_WELL_CUTOFF });
    expectMatchesPrinted(T, printed, lastDigit);
  });

  it('at D = 0.0125 (e^{V/D} ≈ e^{1280} at the cutoff) stays finite and converges: halving points moves T by < 1e−6', () => {
    const problem = { potential: doubleWell, temperature: 0.0125, x0: -1, barrier: 1, lower: DOUBLE_WELL_CUTOFF };
    const fine = gradientDiffusionMfpt(problem);
    const coarse = gradientDiffusionMfpt({ ...problem, points: 200_001 });
    expect(Number.isFinite(fine)).toBe(true);
    expect(relativeError(coarse, fine)).toBeLessThan(1e-6);
  });

  it('meanFirstPassageTime with μ = −V′, s = √(2D) agrees with the potential form to 1e−8', () => {
    for (const D of [0.05, 0.025, 0.0125]) {
      const s = Math.sqrt(2 * D);
      const general = meanFirstPassageTime({
        drift: doubleWellDrift,
        diffusion: () => s,
        lower: DOUBLE_WELL_CUTOFF,
        upper: 1,
        x0: -1,
      });
      const potential = gradientDiffusionMfpt({ potential: doubleWell, temperature: D, x0: -1, barrier: 1, lower: DOUBLE_WELL_CUTOFF });
      expect(relativeError(general, potential)).toBeLessThan(1e-8);
    }
  });

  it('moving the cutoff from −3 to −4 changes nothing visible (the natural boundary is resolved)', () => {
    const at3 = gradientDiffusionMfpt({ potential: doubleWell, temperature: 0.05, x0: -1, barrier: 1, lower: -3 });
    const at4 = gradientDiffusionMfpt({ potential: doubleWell, temperature: 0.05, x0: -1, barrier: 1, lower: -4 });
    expect(relativeError(at3, at4)).toBeLessThan(1e-9);
  });
});

describe('kramersRate', () => {
  it('reproduces the double-well numbers k = 1.516571e−3 and 1/k = 659.3823 at D = 0.05', () => {
    const k = kramersRate({ curvatureMin: 2, curvatureSaddle: -1, barrier: 0.25, temperature: 0.05 });
    expectMatchesPrinted(k, 1.516571e-3, 1e-9);
    expectMatchesPrinted(1 / k, 659.3823, 1e-4);
    const prefactor = kramersRate({ curvatureMin: 2, curvatureSaddle: -1, barrier: 0, temperature: 1 });
    expectMatchesPrinted(prefactor, 0.2250791, 1e-7);
  });

  it('1/(2k) approaches the exact MFPT to the saddle with an O(D) relative gap (halving D about halves it)', () => {
    const gaps = [0.05, 0.025, 0.0125].map((D) => {
      const k = kramersRate({ curvatureMin: 2, curvatureSaddle: 1, barrier: 0.25, temperature: D });
      const T = gradientDiffusionMfpt({ potential: doubleWell, temperature: D, x0: -1, barrier: 0, lower: DOUBLE_WELL_CUTOFF });
      return 1 - 1 / (2 * k) / T;
    });
    expect(gaps[0]).toBeGreaterThan(0);
    for (let i = 1; i < gaps.length; i++) {
      expect(gaps[i] / gaps[i - 1]).toBeGreaterThan(0.4);
      expect(gaps[i] / gaps[i - 1]).toBeLessThan(0.6);
    }
  });

  it('rejects a non-positive well curvature or temperature', () => {
    expect(() => kramersRate({ curvatureMin: 0, curvatureSaddle: -1, barrier: 1, temperature: 1 })).toThrow(RangeError);
    expect(() => kramersRate({ curvatureMin: 1, curvatureSaddle: -1, barrier: 1, temperature: 0 })).toThrow(RangeError);
  });
});

describe('meanFirstPassageTime', () => {
  it('Brownian motion with drift μ > 0 reaches level b from 0 in mean time b/μ', () => {
    for (const { mu, s, b } of [
      { mu: 0.5, s: 1, b: 2 },
      { mu: 2, s: 0.3, b: 0.7 },
    ]) {
      // ψ(y) = e^{2μy/s²}: at the cutoff the speed density is e^{−100} of its value at 0.
      const lower = (-50 * s * s) / mu;
      const T = meanFirstPassageTime({ drift: () => mu, diffusion: () => s, lower, upper: b, x0: 0 });
      // Trapezoid error on e^{κy}, κ = 2μ/s², is (κh)²/12 ≈ 1e−8 for the steeper case.
      expect(relativeError(T, b / mu)).toBeLessThan(1e-7);
    }
  });

  it('reflecting Brownian motion on [0, b) started at x has T = (b² − x²)/s² (trapezoid exact)', () => {
    const b = 1.5;
    const s = 0.8;
    for (const x0 of [0, 0.4, 1.2]) {
      const T = meanFirstPassageTime({ drift: () => 0, diffusion: () => s, lower: 0, upper: b, x0, points: 1001 });
      expect(relativeError(T, (b * b - x0 * x0) / (s * s))).toBeLessThan(1e-12);
    }
  });

  it('is 0 at the absorbing end and rejects bad intervals and noise', () => {
    const base = { drift: () => 0, diffusion: () => 1, lower: 0, upper: 1, x0: 0.5 };
    expect(meanFirstPassageTime({ ...base, x0: 1 })).toBe(0);
    expect(() => meanFirstPassageTime({ ...base, lower: 1 })).toThrow(/lower < upper/);
    expect(() => meanFirstPassageTime({ ...base, x0: 2 })).toThrow(/x0 = 2 must lie/);
    expect(() => meanFirstPassageTime({ ...base, points: 2 })).toThrow(/points/);
    expect(() => meanFirstPassageTime({ ...base, diffusion: (x) => x })).toThrow(/s\(0\) = 0/);
  });
});

describe('ouMeanFirstPassageTime', () => {
  const cases = [
    { theta: 1, sigma: Math.SQRT2, x0: 0, level: 1 },
    { theta: 0.7, sigma: 0.4, x0: -0.3, level: 0.5 },
    { theta: 2.5, sigma: 1.3, x0: 0.2, level: 1.4 },
  ];

  it.each(cases)('θ = $theta, σ = $sigma, $x0 → $level equals Ricciardi’s series to 1e−9', ({ theta, sigma, x0, level }) => {
    const scale = Math.sqrt(2 * theta) / sigma;
    const series = (ricciardiSeries(level * scale) - ricciardiSeries(x0 * scale)) / theta;
    expect(relativeError(ouMeanFirstPassageTime({ theta, sigma, x0, level }), series)).toBeLessThan(1e-9);
  });

  it.each(cases)('θ = $theta, σ = $sigma equals meanFirstPassageTime with μ = −θx', ({ theta, sigma, x0, level }) => {
    const lower = Math.min(x0, 0) - (12 * sigma) / Math.sqrt(2 * theta);
    const general = meanFirstPassageTime({ drift: (x) => -theta * x, diffusion: () => sigma, lower, upper: level, x0 });
    expect(relativeError(ouMeanFirstPassageTime({ theta, sigma, x0, level }), general)).toBeLessThan(1e-9);
  });

  it('a downward crossing equals the mirrored upward one, and hitting x0 itself takes no time', () => {
    const down = ouMeanFirstPassageTime({ theta: 1.2, sigma: 0.9, x0: 0.3, level: -1 });
    const up = ouMeanFirstPassageTime({ theta: 1.2, sigma: 0.9, x0: -0.3, level: 1 });
    expect(down).toBe(up);
    expect(ouMeanFirstPassageTime({ theta: 1, sigma: 1, x0: 0.4, level: 0.4 })).toBe(0);
    expect(() => ouMeanFirstPassageTime({ theta: 0, sigma: 1, x0: 0, level: 1 })).toThrow(RangeError);
  });
});

describe('twoSidedMeanExitTime', () => {
  it('standard Brownian motion exits (−a, a) from x in mean time a² − x²', () => {
    const a = 1.7;
    for (const x0 of [0, 0.5, -1.3, 1.69]) {
      const T = twoSidedMeanExitTime({ drift: () => 0, diffusion: () => 1, lower: -a, upper: a, x0 });
      expect(relativeError(T, a * a - x0 * x0)).toBeLessThan(1e-11);
    }
  });

  /**
   * BM with drift μ and noise s on (a, b), κ = 2μ/s²:
   * T(x) = [(b − a)(1 − e^{−κ(x−a)})/(1 − e^{−κ(b−a)}) − (x − a)]/μ.
   */
  function driftedExitTime(mu: number, s: number, a: number, b: number, x: number): number {
    const kappa = (2 * mu) / (s * s);
    return ((b - a) * (Math.expm1(-kappa * (x - a)) / Math.expm1(-kappa * (b - a))) - (x - a)) / mu;
  }

  it('Brownian motion with drift matches the closed form to 1e−10', () => {
    for (const { mu, s, a, b, x0 } of [
      { mu: 0.7, s: 0.5, a: -1, b: 2, x0: 0.3 },
      { mu: -1.5, s: 1.2, a: 0, b: 1, x0: 0.9 },
    ]) {
      const T = twoSidedMeanExitTime({ drift: () => mu, diffusion: () => s, lower: a, upper: b, x0 });
      expect(relativeError(T, driftedExitTime(mu, s, a, b, x0))).toBeLessThan(1e-10);
    }
  });

  it('converges at second order: doubling the intervals divides the error by ≈ 4', () => {
    const exact = driftedExitTime(0.7, 0.5, -1, 2, 0.3);
    const errors = [1001, 2001, 4001].map((points) =>
      Math.abs(twoSidedMeanExitTime({ drift: () => 0.7, diffusion: () => 0.5, lower: -1, upper: 2, x0: 0.3, points }) - exact),
    );
    for (let i = 1; i < errors.length; i++) {
      expect(errors[i - 1] / errors[i]).toBeGreaterThan(3.5);
      expect(errors[i - 1] / errors[i]).toBeLessThan(4.5);
    }
  });

  it('throws when the grid is too coarse for the drift (cell Péclet number ≥ 1), and is 0 on the boundary', () => {
    const base = { drift: () => 50, diffusion: () => 0.1, lower: 0, upper: 1, x0: 0.5 };
    expect(() => twoSidedMeanExitTime({ ...base, points: 1001 })).toThrow(/increase points/);
    expect(twoSidedMeanExitTime({ ...base, x0: 0 })).toBe(0);
  });
});
