import { describe, expect, it } from 'vitest';
import {
  hbFlowCoefficients,
  hbFlowPath,
  hbFlowQuadraticError,
  hbFlowSteadyCoefficients,
  hbFlowVectorField,
  hbIterates,
  hbQuadraticSeries,
  hbQuadraticSeriesCoefficients,
  hbQuadraticSteadySeries,
  rk4Interval,
} from '../../src/oracles/hb-flow';

/** docs/math.md §3c, the β = 0.5 coefficient table (k = 0..5, then k → ∞), printed to 8 decimals. */
const TABLE_BETA_HALF: [number, number, number, number][] = [
  [1, 0.5, 0.33333333, 0.08333333],
  [1.5, 1.625, 2.375, 0.90625],
  [1.75, 2.90625, 6.88020833, 2.99348958],
  [1.875, 3.9765625, 12.78710938, 5.84423828],
  [1.9375, 4.74414062, 18.65047201, 8.71913656],
  [1.96875, 5.24853516, 23.58847046, 11.15833282],
];
const STEADY_BETA_HALF = [2, 6, 34.6666667, 16.6666667];

/** docs/math.md §3d scalar quadratic table: β = 0.5, h = 1, x₀ = 1, T = 1; η, HB x_K, RGF, p = 0..3. */
const QUADRATIC_TABLE: [number, number, number, number, number, number, number][] = [
  [0.04, 0.1114676218, 2.387e-2, 3.514e-2, 7.227e-3, 1.998e-3, 6.237e-4],
  [0.02, 0.1240000315, 1.134e-2, 1.686e-2, 1.833e-3, 2.617e-4, 4.198e-5],
  [0.01, 0.1297998747, 5.535e-3, 8.269e-3, 4.631e-4, 3.342e-5, 2.705e-6],
  [0.005, 0.132598679, 2.737e-3, 4.097e-3, 1.165e-4, 4.221e-6, 1.715e-7],
  [0.0025, 0.1339745285, 1.361e-3, 2.039e-3, 2.922e-5, 5.303e-7, 1.079e-8],
];

/** docs/math.md §3d nonlinear table: f = x²/2 + x⁴/4, β = 0.5, x₀ = 1, T = 1, RK4 with 8 substeps; η, HB x_K, p = 0..2. */
const NONLINEAR_TABLE: [number, number, number, number, number][] = [
  [0.04, 0.065290390154, 3.894e-2, 1.308e-2, 6.772e-3],
  [0.01, 0.08908726874, 9.011e-3, 1.02e-3, 2.088e-4],
  [0.0025, 0.094409793039, 2.214e-3, 6.967e-5, 4.21e-6],
];

const quarticGrad = (x: Float64Array, out: Float64Array) => {
  for (let i = 0; i < x.length; i++) out[i] = x[i] + x[i] ** 3;
};
const quarticHessVec = (x: Float64Array, v: Float64Array, out: Float64Array) => {
  for (let i = 0; i < x.length; i++) out[i] = (1 + 3 * x[i] ** 2) * v[i];
};
const quarticThirdDir = (x: Float64Array, v: Float64Array, out: Float64Array) => {
  for (let i = 0; i < x.length; i++) out[i] = 6 * x[i] * v[i] * v[i];
};

/** Final-time errors |x(T) − x_K| of the quartic's order-p flows (p = 0, 1, 2) and HB's x_K. */
function quarticErrors(eta: number): { hb: number; errors: number[] } {
  const K = Math.round(1 / eta);
  const hb = hbIterates([1], 0.5, eta, K, quarticGrad)[K][0];
  const errors = [0, 1, 2].map((order) => {
    const path = hbFlowPath({
      x0: [1],
      beta: 0.5,
      eta,
      steps: K,
      order,
      grad: quarticGrad,
      hessVec: quarticHessVec,
      thirdDir: quarticThirdDir,
      substeps: 8,
    });
    return Math.abs(path[K][0] - hb);
  });
  return { hb, errors };
}

/** Relative agreement to the 4 significant digits docs/math.md §3d prints (half a unit in the 4th digit ≤ 5e−4, plus slack). */
function expectPrinted(actual: number, printed: number, rel = 1e-3): void {
  expect(Math.abs(actual - printed)).toBeLessThanOrEqual(rel * Math.abs(printed));
}

/** Least-squares slope of log(error) against log(η). */
function fittedSlope(etas: number[], errors: number[]): number {
  const xs = etas.map(Math.log);
  const ys = errors.map(Math.log);
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

describe('hbFlowCoefficients (docs/math.md §3c recursion)', () => {
  it('reproduces the β = 0.5 table for k = 0..5 to 1e−8', () => {
    const coeffs = hbFlowCoefficients(0.5, 6);
    TABLE_BETA_HALF.forEach(([gamma, c, A, B], k) => {
      expect(Math.abs(coeffs[k].gamma - gamma)).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(coeffs[k].c - c)).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(coeffs[k].A - A)).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(coeffs[k].B - B)).toBeLessThanOrEqual(1e-8);
    });
  });

  it('k = 0 is the GD modified equation (1, ½, ⅓, 1/12) and γ_k = (1 − β^{k+1})/(1 − β)', () => {
    for (const beta of [0, 0.3, 0.5, 0.9]) {
      const coeffs = hbFlowCoefficients(beta, 60);
      expect(coeffs[0]).toEqual({ gamma: 1, c: 0.5, A: 1 / 3, B: 1 / 12 });
      coeffs.forEach(({ gamma }, k) => {
        expect(Math.abs(gamma - (1 - beta ** (k + 1)) / (1 - beta))).toBeLessThanOrEqual(1e-14 * gamma);
      });
    }
  });

  it('converges to the steady closed forms (β = 0.5 table row ∞ to 1e−7, and β = 0.3, 0.8 to 1e−10 relative)', () => {
    const steady = hbFlowSteadyCoefficients(0.5);
    const values = [steady.gamma, steady.c, steady.A, steady.B];
    values.forEach((v, i) => expect(Math.abs(v - STEADY_BETA_HALF[i])).toBeLessThanOrEqual(1e-7));
    for (const beta of [0.3, 0.5, 0.8]) {
      const last = hbFlowCoefficients(beta, 400)[399];
      const s = hbFlowSteadyCoefficients(beta);
      for (const key of ['gamma', 'c', 'A', 'B'] as const) {
        expect(Math.abs(last[key] - s[key])).toBeLessThanOrEqual(1e-10 * s[key]);
      }
    }
  });

  it('refuses β outside [0, 1)', () => {
    expect(() => hbFlowCoefficients(1, 3)).toThrow(/0 ≤ β < 1/);
    expect(() => hbFlowSteadyCoefficients(-0.1)).toThrow(/0 ≤ β < 1/);
  });
});

describe('hbQuadraticSeries (docs/math.md §3c, quadratic f: −log ρ_k = Σ a_{j,k} z^j)', () => {
  it('a_{1,k} = γ_k, a_{2,k} = c_k and a_{3,k} = A_k for k < 80', () => {
    for (const beta of [0, 0.3, 0.5, 0.8]) {
      const coeffs = hbFlowCoefficients(beta, 80);
      const a = hbQuadraticSeriesCoefficients(beta, 80, 3);
      coeffs.forEach(({ gamma, c, A }, k) => {
        expect(Math.abs(a[k][0] - gamma)).toBeLessThanOrEqual(1e-12 * gamma);
        expect(Math.abs(a[k][1] - c)).toBeLessThanOrEqual(1e-12 * c);
        expect(Math.abs(a[k][2] - A)).toBeLessThanOrEqual(1e-12 * A);
      });
    }
  });

  it('β = 0 is GD: −log(1 − z) = Σ z^j/j at every k', () => {
    const a = hbQuadraticSeriesCoefficients(0, 5, 6);
    for (const row of a) row.forEach((aj, j) => expect(Math.abs(aj - 1 / (j + 1))).toBeLessThanOrEqual(1e-15));
  });

  it('the steady coefficients a_j^∞ (j = 1..5) match their closed forms (β = 0.5: 2, 6, 34.67, 252, 2054.4)', () => {
    const half = hbQuadraticSteadySeries(0.5);
    [2, 6, 104 / 3, 252, 2054.4].forEach((v, j) => expect(Math.abs(half[j] - v)).toBeLessThanOrEqual(1e-10 * v));
    for (const beta of [0.3, 0.5, 0.7]) {
      const row = hbQuadraticSeriesCoefficients(beta, 600, 5)[599];
      hbQuadraticSteadySeries(beta).forEach((v, j) => expect(Math.abs(row[j] - v)).toBeLessThanOrEqual(1e-9 * v));
    }
  });

  it('the truncated series sums to −log ρ_k(z) computed directly from the ratio recursion (z = 0.01, 10 terms)', () => {
    const beta = 0.5;
    const z = 0.01;
    const a = hbQuadraticSeriesCoefficients(beta, 40, 10);
    let rho = 1;
    for (let k = 0; k < 40; k++) {
      rho = 1 + beta - z - beta / rho;
      let sum = 0;
      for (let j = a[k].length - 1; j >= 0; j--) sum = (sum + a[k][j]) * z;
      // Remainder ≈ a_11 z^11 with a_11 ≈ 1.5e9 at β = 0.5 (a_10 = 1.5e8, ratio ≈ 10): ≈ 1.5e−13.
      expect(Math.abs(sum + Math.log(rho))).toBeLessThanOrEqual(1e-12);
    }
  });

  it('the order-p rate m_k^{(p)} = Σ_{j ≤ p+1} a_{j,k} η^{j−1} h^j approaches −log r₊/η (β = 0.5, h = 1, η = 0.01: m = 2.0637411875)', () => {
    const { a, rate } = hbQuadraticSeries(0.5, 0.01, 1, 400, 12);
    expect(a[399].length).toBe(13);
    // Printed to 10 decimals; the dropped a_14 η^13 is ≈ 1e−13.
    expect(Math.abs(rate[399] - 2.0637411875)).toBeLessThanOrEqual(1e-10);
    const rPlus = (1.5 - 0.01 + Math.sqrt((1.5 - 0.01) ** 2 - 2)) / 2;
    expect(Math.abs(rate[399] + Math.log(rPlus) / 0.01)).toBeLessThanOrEqual(1e-11);
    // Truncation error of the order-p rate shrinks like η^{p+1}·a_{p+2}: order 4 is off by ≈ 2e−6, order 8 by ≈ 2e−10.
    const low = hbQuadraticSeries(0.5, 0.01, 1, 400, 4).rate[399];
    expect(Math.abs(low - 2.0637411875)).toBeGreaterThan(1e-6);
    expect(Math.abs(low - 2.0637411875)).toBeLessThan(3e-6);
    // Order 1 keeps a_1 h + a_2 η h² only.
    const first = hbQuadraticSeries(0.5, 0.01, 1, 3, 1);
    const coeffs = hbFlowCoefficients(0.5, 3);
    coeffs.forEach(({ gamma, c }, k) => expect(Math.abs(first.rate[k] - (gamma + 0.01 * c))).toBeLessThanOrEqual(1e-15));
  });

  it('refuses ηh outside the overdamped regime ηh < (1 − √β)² (docs/math.md §3f)', () => {
    expect(() => hbQuadraticSeries(0.9, 0.01, 1, 10, 2)).toThrow(/overdamped/);
    expect(() => hbFlowQuadraticError({ beta: 0.5, eta: 0.1, h: 1, x0: 1, T: 1, orders: [0] })).toThrow(/overdamped/);
    expect(() => hbQuadraticSeries(0.9, 0.002, 1, 10, 2)).not.toThrow();
  });
});

describe('hbFlowQuadraticError (docs/math.md §3d scalar quadratic order test)', () => {
  const etas = QUADRATIC_TABLE.map((row) => row[0]);
  const results = etas.map((eta) => hbFlowQuadraticError({ beta: 0.5, eta, h: 1, x0: 1, T: 1, orders: [0, 1, 2, 3] }));

  it('reproduces the β = 0.5, h = 1 table (HB x_K to 1e−10, RGF and p = 0..3 errors to 4 digits)', () => {
    QUADRATIC_TABLE.forEach(([, hb, rgf, ...flows], i) => {
      expect(Math.abs(results[i].hb - hb)).toBeLessThanOrEqual(1e-10);
      expectPrinted(results[i].rgf, rgf);
      flows.forEach((e, p) => expectPrinted(results[i].flow[p], e));
    });
  });

  it('the slopes between η = 0.005 and 0.0025 are 1.01, 1.01, 2.00, 2.99, 3.99 (RGF, p = 0..3)', () => {
    const [a, b] = results.slice(-2);
    const slopes = [Math.log2(a.rgf / b.rgf), ...a.flow.map((e, p) => Math.log2(e / b.flow[p]))];
    [1.01, 1.01, 2.0, 2.99, 3.99].forEach((s, i) => expect(Math.abs(slopes[i] - s)).toBeLessThanOrEqual(0.005));
  });

  it('fitted slopes over η ≤ 0.01 are p + 1 ± 0.1, also for the sup-over-k error (§3e acceptance 1)', () => {
    const fine = results.slice(2);
    const fineEtas = etas.slice(2);
    for (let p = 0; p <= 3; p++) {
      expect(Math.abs(fittedSlope(fineEtas, fine.map((r) => r.flow[p])) - (p + 1))).toBeLessThanOrEqual(0.1);
      expect(Math.abs(fittedSlope(fineEtas, fine.map((r) => r.flowSup[p])) - (p + 1))).toBeLessThanOrEqual(0.1);
      fine.forEach((r) => expect(r.flowSup[p]).toBeGreaterThanOrEqual(r.flow[p]));
    }
    expect(Math.abs(fittedSlope(fineEtas, fine.map((r) => r.rgf)) - 1)).toBeLessThanOrEqual(0.1);
  });

  it('β = 0.3, h = 2 gives slopes 1.00, 1.00, 1.99, 2.99, 3.99; negative curvature (β = 0.5, h = −1) 0.96, 0.95, 1.93, 2.92, 3.92', () => {
    const cases: [number, number, number[]][] = [
      [0.3, 2, [1.0, 1.0, 1.99, 2.99, 3.99]],
      [0.5, -1, [0.96, 0.95, 1.93, 2.92, 3.92]],
    ];
    for (const [beta, h, expected] of cases) {
      const [a, b] = [0.005, 0.0025].map((eta) =>
        hbFlowQuadraticError({ beta, eta, h, x0: 1, T: 1, orders: [0, 1, 2, 3] }),
      );
      const slopes = [Math.log2(a.rgf / b.rgf), ...a.flow.map((e, p) => Math.log2(e / b.flow[p]))];
      expected.forEach((s, i) => expect(Math.abs(slopes[i] - s)).toBeLessThanOrEqual(0.006));
    }
  });
});

describe('hbFlowVectorField and rk4Interval (docs/math.md §3c nonlinear flow, §3f integration)', () => {
  it('rk4Interval is fourth order: ẋ = −x over η = 0.5 with n substeps has error ∝ n^{−4}', () => {
    const field = (x: Float64Array, out: Float64Array) => {
      out[0] = -x[0];
    };
    const errors = [4, 8, 16].map((n) => Math.abs(rk4Interval(Float64Array.of(1), field, 0.5, n)[0] - Math.exp(-0.5)));
    // Pre-asymptotic at dt = 0.125: the observed ratios are 4.08 and 4.04.
    expect(Math.abs(Math.log2(errors[0] / errors[1]) - 4)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(Math.log2(errors[1] / errors[2]) - 4)).toBeLessThanOrEqual(0.1);
    const x = Float64Array.of(1);
    expect(rk4Interval(x, field, 0.5, 8, x)).toBe(x); // in place
  });

  it('on a 2-D quadratic diag(1, 4) the order-p field is −(Σ_{j ≤ p+1} a_{j,k} η^{j−1} A^j) x, so hbFlowPath matches the exact per-eigenvalue flow', () => {
    const diag = [1, 4];
    const grad = (x: Float64Array, out: Float64Array) => diag.forEach((h, i) => (out[i] = h * x[i]));
    const hessVec = (_x: Float64Array, v: Float64Array, out: Float64Array) => diag.forEach((h, i) => (out[i] = h * v[i]));
    const thirdDir = (_x: Float64Array, _v: Float64Array, out: Float64Array) => out.fill(0);
    const beta = 0.5;
    const eta = 0.01;
    const K = 100;
    for (const order of [0, 1, 2]) {
      const path = hbFlowPath({ x0: [1, -2], beta, eta, steps: K, order, grad, hessVec, thirdDir, substeps: 8 });
      diag.forEach((h, i) => {
        const { rate } = hbQuadraticSeries(beta, eta, h, K, order);
        let exact = [1, -2][i];
        for (let k = 0; k < K; k++) exact *= Math.exp(-eta * rate[k]);
        // RK4 with dt = η/8 on rate ≲ 8.4: local error ≈ (8.4·0.00125)⁵/120 ≈ 1e−12 per substep.
        expect(Math.abs(path[K][i] - exact)).toBeLessThanOrEqual(1e-9);
      });
    }
  });

  it('includes ∇³f[∇f, ∇f] with coefficient η² B_k at order 2 only', () => {
    const coeffs = { gamma: 1.5, c: 1.625, A: 2.375, B: 0.90625 };
    const eta = 0.1;
    const x = Float64Array.of(0.7);
    const g = 0.7 + 0.7 ** 3;
    const H = 1 + 3 * 0.49;
    const third = 6 * 0.7 * g * g;
    const expected = [
      -1.5 * g,
      -(1.5 * g + eta * 1.625 * H * g),
      -(1.5 * g + eta * 1.625 * H * g + eta * eta * (2.375 * H * H * g + 0.90625 * third)),
    ];
    expected.forEach((e, order) => {
      const out = new Float64Array(1);
      hbFlowVectorField(coeffs, order, eta, quarticGrad, quarticHessVec, quarticThirdDir)(x, out);
      expect(Math.abs(out[0] - e)).toBeLessThanOrEqual(1e-14);
    });
  });

  it('refuses orders without known coefficients and missing derivatives', () => {
    const coeffs = hbFlowCoefficients(0.5, 1)[0];
    expect(() => hbFlowVectorField(coeffs, 3, 0.01, quarticGrad, quarticHessVec, quarticThirdDir)).toThrow(/order 3/);
    expect(() => hbFlowVectorField(coeffs, 2, 0.01, quarticGrad, quarticHessVec)).toThrow(/thirdDir/);
    expect(() => hbFlowVectorField(coeffs, 1, 0.01, quarticGrad)).toThrow(/hessVec/);
  });
});

describe('nonlinear order test f = x²/2 + x⁴/4 (docs/math.md §3d)', () => {
  it('reproduces the table (HB x_K to 1e−11, p = 0, 1, 2 errors to 4 digits)', () => {
    for (const [eta, hb, ...errors] of NONLINEAR_TABLE) {
      const result = quarticErrors(eta);
      expect(Math.abs(result.hb - hb)).toBeLessThanOrEqual(1e-11);
      errors.forEach((e, p) => expectPrinted(result.errors[p], e));
    }
  });

  it('the slopes approach 1, 2, 3: 1.01 / 1.95 / 2.87 between η = 0.005 and 0.0025', () => {
    const [a, b] = [0.005, 0.0025].map((eta) => quarticErrors(eta).errors);
    [1.01, 1.95, 2.87].forEach((s, p) => expect(Math.abs(Math.log2(a[p] / b[p]) - s)).toBeLessThanOrEqual(0.006));
  });
});
