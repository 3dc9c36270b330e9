import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/rng/random';
import { keyFromSeed } from '../../src/rng/seed';
import { RngPurpose, normals4Into, uniforms4Into } from '../../src/rng/streams';

// Deterministic: the same numbers every run, so these tests cannot flake; a
// failure means the generator or the word maps changed or broke.
const key = keyFromSeed('sdeflow/test/rng/distribution');
const TRAJECTORIES = 62_500;
const BLOCKS = 4;
const N = TRAJECTORIES * BLOCKS * 4; // 1e6 numbers
const ALPHA = 1e-4;

describe(`${N} normals from Philox streams (trajectories 0..${TRAJECTORIES - 1}, step 0, NOISE, blocks 0..${BLOCKS - 1})`, () => {
  const z = new Float64Array(N);
  let k = 0;
  for (let traj = 0; traj < TRAJECTORIES; traj++) {
    for (let block = 0; block < BLOCKS; block++, k += 4) normals4Into(key, traj, 0, RngPurpose.NOISE, block, z, k);
  }

  it('have mean, variance, skewness and excess kurtosis within 5 standard errors of N(0, 1)', () => {
    let s1 = 0;
    for (let i = 0; i < N; i++) s1 += z[i];
    const mean = s1 / N;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let i = 0; i < N; i++) {
      const d = z[i] - mean;
      const d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    m2 /= N;
    m3 /= N;
    m4 /= N;
    const skew = m3 / m2 ** 1.5;
    const exKurt = m4 / (m2 * m2) - 3;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(skew)).toBeLessThan(5 * Math.sqrt(6 / N));
    expect(Math.abs(exKurt)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it(`pass the Kolmogorov–Smirnov test against Φ at α = ${ALPHA} (D < √(−ln(α/2)/2)/√n)`, () => {
    const sorted = Float64Array.from(z).sort();
    let d = 0;
    for (let i = 0; i < N; i++) {
      const f = normalCdf(sorted[i]);
      d = Math.max(d, (i + 1) / N - f, f - i / N);
    }
    const critical = Math.sqrt(-Math.log(ALPHA / 2) / 2) / Math.sqrt(N); // asymptotic Kolmogorov, ≈ 2.225/√n
    expect(d).toBeLessThan(critical);
  });

  it('have tails of the right weight: counts beyond ±3σ and ±4σ within 5 binomial standard errors', () => {
    for (const c of [3, 4]) {
      const p = 2 * normalCdf(-c);
      let count = 0;
      for (let i = 0; i < N; i++) if (Math.abs(z[i]) > c) count++;
      expect(Math.abs(count - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
    }
  });
});

describe(`${N} uniforms from Philox streams (TEST purpose)`, () => {
  const u = new Float64Array(N);
  let k = 0;
  for (let traj = 0; traj < TRAJECTORIES; traj++) {
    for (let block = 0; block < BLOCKS; block++, k += 4) uniforms4Into(key, traj, 0, RngPurpose.TEST, block, u, k);
  }

  it('lie strictly inside (0, 1)', () => {
    let bad = 0;
    for (let i = 0; i < N; i++) if (!(u[i] > 0 && u[i] < 1)) bad++;
    expect(bad).toBe(0);
  });

  it(`pass a χ² test on 1000 equal bins at α = ${ALPHA} (Wilson–Hilferty critical value)`, () => {
    const BINS = 1000;
    const counts = new Float64Array(BINS);
    for (let i = 0; i < N; i++) counts[Math.floor(u[i] * BINS)]++;
    // Exact bin probabilities: u takes the 2^23 values (k + ½)·2^-23 equally often.
    const cells = new Float64Array(BINS);
    for (let c = 0; c < 2 ** 23; c++) cells[Math.floor((c + 0.5) * 2 ** -23 * BINS)]++;
    let chi2 = 0;
    for (let b = 0; b < BINS; b++) {
      const expected = (N * cells[b]) / 2 ** 23;
      chi2 += (counts[b] - expected) ** 2 / expected;
    }
    const df = BINS - 1;
    const zAlpha = normalQuantile(1 - ALPHA);
    const critical = df * (1 - 2 / (9 * df) + zAlpha * Math.sqrt(2 / (9 * df))) ** 3; // ≈ 1174
    expect(critical).toBeGreaterThan(1170);
    expect(critical).toBeLessThan(1178);
    expect(chi2).toBeLessThan(critical);
  });
});
