import { describe, expect, it } from 'vitest';
import { assertExperiment, normalCdf, ouMoments, runExperiment } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { CORRELATED_2D } from '../support/ou-spec';

const Z5 = 5;
const N = 2 ** 18;

async function run(file: object) {
  return runExperiment(assertExperiment(file), { device: await testDevice() });
}

/** Exact law of the 2-D correlated OU at time t (Van Loan). */
function correlatedLaw(t: number) {
  const S = CORRELATED_2D.sigma;
  const G = S.map((row, i) => S.map((row2) => row.reduce((acc, v, k) => acc + v * row2[k], 0)));
  return ouMoments({ A: CORRELATED_2D.A, b: CORRELATED_2D.b, G, mean0: CORRELATED_2D.x0, cov0: [[0, 0], [0, 0]], t });
}

describe('reductions on the GPU against closed forms (2^18 trajectories, 5 standard errors)', () => {
  it('the full covariance of the 2-D correlated OU (exact integrator) matches Van Loan’s at every checkpoint', async () => {
    const result = await run({
      objective: { kind: 'quadratic', A: CORRELATED_2D.A, b: CORRELATED_2D.b },
      dynamics: [{ kind: 'gradient-sde', dt: 0.05, sigma: CORRELATED_2D.sigma, integrator: 'exact' }],
      x0: CORRELATED_2D.x0,
      trajectories: N,
      steps: 40,
      record: { every: 10, observables: ['mean', 'covariance'] },
      seed: 'covariance',
    });
    const r = result.runs[0];
    let maxZ = 0;
    r.series.t.forEach((t, c) => {
      if (c === 0) return;
      const exact = correlatedLaw(t).cov;
      const C = r.series.covariance![c];
      const n = r.series.count[c];
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          // Gaussian sampling error of a covariance: Var(Ĉ_ij) = (C_ii C_jj + C_ij²)/(n − 1).
          const se = Math.sqrt((exact[i][i] * exact[j][j] + exact[i][j] ** 2) / (n - 1));
          const z = (C[i][j] - exact[i][j]) / se;
          maxZ = Math.max(maxZ, Math.abs(z));
        }
      }
      expect(C[0][1]).toBe(C[1][0]);
    });
    console.info(`covariance: max |z| = ${maxZ.toFixed(2)} over 4 checkpoints × 4 entries`);
    expect(maxZ).toBeLessThan(Z5);
    // The coupling is really there: the off-diagonal entry is many standard errors from 0.
    const C = r.series.covariance!.at(-1)!;
    expect(Math.abs(C[0][1]) / Math.sqrt((C[0][0] * C[1][1]) / N)).toBeGreaterThan(20);
  });

  it('histograms follow the Gaussian law (χ²), quantiles and region occupancy match it, E f and E‖X − x*‖² match the closed form', async () => {
    // 1-D OU θ = 1, s = 1 from x0 = 1, exact integrator: X_t ~ N(e^{−t}, (1 − e^{−2t})/2).
    const result = await run({
      objective: { kind: 'quadratic', A: [[1]] },
      dynamics: [{ kind: 'gradient-sde', dt: 0.1, sigma: 1, integrator: 'exact' }],
      x0: [1],
      trajectories: N,
      steps: 10,
      record: {
        every: 5,
        observables: ['mean', 'variance', 'loss', 'distance', 'histogram'],
        histogram: { bins: 40, range: [-3, 3], lossRange: [0, 2] },
        regions: { core: { kind: 'ball', center: [0.3], radius: 0.5 }, right: { kind: 'halfspace', normal: [2], offset: 1 } },
      },
      seed: 'histogram',
    });
    const r = result.runs[0];
    const last = r.series.step.length - 1;
    const n = r.series.count[last];
    const t = r.series.t[last];
    const mean = Math.exp(-t);
    const sd = Math.sqrt((1 - Math.exp(-2 * t)) / 2);
    const cdf = (x: number) => normalCdf((x - mean) / sd);
    const h = r.series.histogram!.coordinates[0];
    // χ² over the 40 bins plus the two tails.
    const edges = Array.from({ length: h.bins + 1 }, (_, k) => h.range[0] + ((h.range[1] - h.range[0]) * k) / h.bins);
    const observed = [h.underflow[last], ...h.counts[last], h.overflow[last]];
    const expected = [cdf(edges[0]), ...edges.slice(1).map((e, k) => cdf(e) - cdf(edges[k])), 1 - cdf(edges[h.bins])].map((p) => p * n);
    let chi2 = 0;
    let dof = -1;
    observed.forEach((o, k) => {
      if (expected[k] < 5) return; // far tails: too few expected counts for χ²
      chi2 += (o - expected[k]) ** 2 / expected[k];
      dof += 1;
    });
    console.info(`histogram: χ² = ${chi2.toFixed(1)} on ${dof} degrees of freedom`);
    expect(observed.reduce((a, b) => a + b, 0)).toBe(n);
    // χ²_dof has mean dof and sd √(2 dof): 5 sd above the mean.
    expect(chi2).toBeLessThan(dof + 5 * Math.sqrt(2 * dof));

    // Quantiles: within the order-statistic interval widened by one bin (their stated resolution).
    const bin = (h.range[1] - h.range[0]) / h.bins;
    h.quantiles.p.forEach((p, k) => {
      const q = h.quantiles.value[last][k];
      const exact = mean + sd * inverseNormal(p);
      expect(exact, `quantile ${p}`).toBeGreaterThanOrEqual(q.lo - bin);
      expect(exact, `quantile ${p}`).toBeLessThanOrEqual(q.hi + bin);
    });

    // Regions: |x − 0.3| ≤ 0.5 and 2x ≤ 1, against the Gaussian probabilities (Wilson SE).
    const regionP = { core: cdf(0.8) - cdf(-0.2), right: cdf(0.5) };
    for (const [name, p] of Object.entries(regionP)) {
      const f = r.series.regions![name].fraction[last];
      expect(Math.abs(f.value - p), name).toBeLessThan(Z5 * Math.sqrt((p * (1 - p)) / n));
    }

    // E f = ½ E X² and E‖X − x*‖² = E X² (x* = 0): exact integrator, so the model error is pure noise.
    const model = r.modelError!;
    for (const q of ['loss', 'distance'] as const) {
      const e = model[q]![last];
      expect(Math.abs(e.difference), q).toBeLessThan(Z5 * e.standardError);
    }
    expect(r.series.loss!.value[last]).toBeCloseTo(0.5 * (mean * mean + sd * sd), 2);
    // Loss histogram: f(X) = X²/2 lies in [0, 2) unless |X| ≥ 2, which has probability cdf(−2) + 1 − cdf(2).
    const lossHistogram = r.series.histogram!.loss!;
    const beyond = cdf(-2) + 1 - cdf(2);
    expect(lossHistogram.underflow[last]).toBe(0);
    expect(Math.abs(lossHistogram.overflow[last] - beyond * n)).toBeLessThan(Z5 * Math.sqrt(beyond * n) + 1);
  });

  it('Euler–Maruyama has weak order 1 on OU: the log-log slope of |E X_T² − exact| over dt is within 0.15 of 1', async () => {
    // docs/math.md §6: θ = 1, s = 1, x0 = 1, T = 1, exact E X_T² = 0.5676676416; distance = X² (x* = 0).
    const result = await run({
      objective: { kind: 'quadratic', A: [[1]] },
      dynamics: [{ kind: 'gradient-sde', dt: 0.1, sigma: 1 }],
      x0: [1],
      trajectories: 2 ** 22,
      horizon: 1,
      record: { observables: ['mean', 'distance'] },
      sweep: { dt: [0.2, 0.1, 0.05, 0.025] },
      seed: 'weak-order',
    });
    const slope = result.sweepSlopes.find((s) => s.quantity === 'distance')!;
    console.info(
      `EM weak order: slope ${slope.slope.value.toFixed(3)} [${slope.slope.lo.toFixed(3)}, ${slope.slope.hi.toFixed(3)}]; errors ${slope.points.map((p) => `${p.x}: ${p.y.toExponential(3)} ± ${p.standardError.toExponential(1)}`).join(', ')}`,
    );
    expect(Math.abs(slope.slope.value - 1)).toBeLessThan(0.15);
    // The tabulated EM values (exact moments of the EM chain) at dt = 0.1 and 0.05.
    const exact = 0.5676676416;
    const at = (dt: number) => slope.points.find((p) => p.x === dt)!;
    expect(Math.abs(at(0.1).y - (0.5839047311 - exact))).toBeLessThan(Z5 * at(0.1).standardError);
    expect(Math.abs(at(0.05).y - (0.5754289994 - exact))).toBeLessThan(Z5 * at(0.05).standardError);
  });
});

/** Φ⁻¹ by bisection on normalCdf (test helper; accuracy far below the tolerances). */
function inverseNormal(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('derivative observables against closed forms', () => {
  it('on f = ½·2x² (OU, exact integrator): E‖∇f‖² = 4·E X² within 5 SE, and the directional smoothness is the curvature 2', async () => {
    const result = await run({
      objective: { kind: 'quadratic', A: [[2]] },
      dynamics: [{ kind: 'gradient-sde', dt: 0.1, sigma: 1, integrator: 'exact' }],
      x0: [1],
      trajectories: N,
      steps: 5,
      record: { observables: ['mean', 'variance', 'gradient', 'smoothness'] },
      seed: 'derivatives',
    });
    const r = result.runs[0];
    const law = ouMoments({ A: [[2]], b: [0], G: [[1]], mean0: [1], cov0: [[0]], t: 0.5 });
    const exact = 4 * (law.cov[0][0] + law.mean[0] ** 2);
    const g = r.series.gradient!;
    expect(Math.abs(g.value[1] - exact)).toBeLessThan(Z5 * g.standardError[1]);
    // ∇fᵀH∇f/‖∇f‖² = a for every x ≠ 0 in 1-D: the mean is 2 up to f32 rounding.
    expect(r.series.smoothness!.value[1]).toBeCloseTo(2, 5);
  });
});
