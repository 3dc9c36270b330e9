/**
 * Exact first two moments of a scalar mini-batch flow or RMM whose sub-losses are
 * quadratics fᵢ = ½aᵢ(x − cᵢ)², picked with probabilities pᵢ (docs/math.md §1d (i)).
 * - Fixed switching, interval ε: each interval is v ← Aᵢv + Bᵢ with Aᵢ = e^{−aᵢε},
 *   Bᵢ = cᵢ(1 − Aᵢ) (flow) or Aᵢ = 1/(1 + εaᵢ), Bᵢ = εaᵢcᵢ/(1 + εaᵢ) (RMM), so
 *   E v' = Σ pᵢ(Aᵢ E v + Bᵢ) and E v'² = Σ pᵢ(Aᵢ² E v² + 2AᵢBᵢ E v + Bᵢ²).
 * - Exponential switching (rate 1/ε, redraw from p): the moment ODE of
 *   mᵢ = E[v·1{I=i}], sᵢ = E[v²·1{I=i}] with generator Q_ij = (p_j − δ_ij)/ε,
 *   ṁᵢ = −aᵢmᵢ + aᵢcᵢpᵢ + Σ_j Q_ji m_j,  ṡᵢ = −2aᵢsᵢ + 2aᵢcᵢmᵢ + Σ_j Q_ji s_j,
 *   solved exactly by one matrix exponential (the batch law stays p).
 */
import { expm } from '../linalg/expm';

export interface ScalarSwitching {
  a: number[];
  c: number[];
  p: number[];
}

export interface ScalarMoments {
  mean: number;
  secondMoment: number;
  variance: number;
}

const moments = (mean: number, secondMoment: number): ScalarMoments => ({ mean, secondMoment, variance: secondMoment - mean * mean });

/** Moments after `steps` intervals of length ε from v(0) = u0 (fixed switching, flow or RMM). */
export function fixedSwitchingMoments(s: ScalarSwitching, scheme: 'flow' | 'rmm', epsilon: number, u0: number, steps: number): ScalarMoments {
  const A = s.a.map((a) => (scheme === 'flow' ? Math.exp(-a * epsilon) : 1 / (1 + epsilon * a)));
  const B = s.a.map((a, i) => (scheme === 'flow' ? -s.c[i] * Math.expm1(-a * epsilon) : (epsilon * a * s.c[i]) / (1 + epsilon * a)));
  let m = u0;
  let m2 = u0 * u0;
  for (let k = 0; k < steps; k++) {
    let nm = 0;
    let nm2 = 0;
    s.p.forEach((p, i) => {
      nm += p * (A[i] * m + B[i]);
      nm2 += p * (A[i] * A[i] * m2 + 2 * A[i] * B[i] * m + B[i] * B[i]);
    });
    m = nm;
    m2 = nm2;
  }
  return moments(m, m2);
}

/** Stationary mean of fixed switching: Σ pᵢBᵢ / (1 − Σ pᵢAᵢ). */
export function fixedSwitchingStationaryMean(s: ScalarSwitching, scheme: 'flow' | 'rmm', epsilon: number): number {
  let num = 0;
  let den = 1;
  s.a.forEach((a, i) => {
    const A = scheme === 'flow' ? Math.exp(-a * epsilon) : 1 / (1 + epsilon * a);
    num += s.p[i] * s.c[i] * (1 - A);
    den -= s.p[i] * A;
  });
  return num / den;
}

/** Moments at time t of exponential switching with mean holding time ε, from v(0) = u0 and the first batch drawn from p. */
export function exponentialSwitchingMoments(s: ScalarSwitching, epsilon: number, u0: number, t: number): ScalarMoments {
  const n = s.a.length;
  // State y = [m (n), s (n), 1]; the constant drives aᵢcᵢpᵢ.
  const size = 2 * n + 1;
  const M = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const q = (s.p[i] - (i === j ? 1 : 0)) / epsilon; // Q_ji: rate from j to i
      M[i][j] += q;
      M[n + i][n + j] += q;
    }
    M[i][i] -= s.a[i];
    M[i][2 * n] = s.a[i] * s.c[i] * s.p[i];
    M[n + i][n + i] -= 2 * s.a[i];
    M[n + i][i] += 2 * s.a[i] * s.c[i];
  }
  const E = expm(M.map((row) => row.map((v) => v * t)));
  const y0 = [...s.p.map((p) => p * u0), ...s.p.map((p) => p * u0 * u0), 1];
  const y = E.map((row) => row.reduce((acc, v, j) => acc + v * y0[j], 0));
  let mean = 0;
  let second = 0;
  for (let i = 0; i < n; i++) {
    mean += y[i];
    second += y[n + i];
  }
  return moments(mean, second);
}
