import { describe, expect, it } from 'vitest';
import { haSme } from '../../src/dynamics/ha-sme';
import { haSmeMatrices, phi1, type HaSmeMatrices } from '../../src/dynamics/ha-sme-matrices';
import type { SgdModel } from '../../src/dynamics/sgd-model';
import { add, identity, matmul, scale, sub, transpose, type Matrix } from '../../src/linalg/dense';
import { expm } from '../../src/linalg/expm';
import { symmetricEigen } from '../../src/linalg/symmetric-eigen';
import type { QuadraticObjective } from '../../src/objectives/quadratic';
import { emQuadraticLaw, ouTransition } from '../../src/oracles';
import { assertExperiment, ensembleSpec, expandRuns, parseExperiment, runEnsembleReference } from '../../src/internal';

/** R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]] (counter-clockwise), the convention of docs/math.md §4c's worked example. */
const rotation = (theta: number): Matrix => [
  [Math.cos(theta), -Math.sin(theta)],
  [Math.sin(theta), Math.cos(theta)],
];
/** V·diag(values)·Vᵀ. */
const fromEigen = (V: Matrix, values: number[]): Matrix => matmul(matmul(V, values.map((v, i) => values.map((_, j) => (i === j ? v : 0)))), transpose(V));
const maxAbsDiff = (X: Matrix, Y: Matrix) => Math.max(...X.flatMap((row, i) => row.map((v, j) => Math.abs(v - Y[i][j]))));
const maxAbs = (X: Matrix) => Math.max(...X.flat().map(Math.abs));

function matrices(A: Matrix, b: number[], Sigma: Matrix, eta: number): HaSmeMatrices {
  const m = haSmeMatrices(A, b, Sigma, eta);
  if ('error' in m) throw new Error(`unexpected refusal: ${m.error}`);
  return m;
}

/** HA-SME's exact transition over one SGD step η: dX = −(B X − β) dt + √(ηD) dW (Van Loan, src/oracles). */
const oneStep = (m: HaSmeMatrices, eta: number) => ouTransition({ A: m.B, b: m.beta, G: scale(m.D, eta), dt: eta });

// docs/math.md §6's 2-D quadratic and noise (the GPU tests' case).
const A2 = [[2, 0.5], [0.5, 1]];
const SIGMA2 = [[1, 0.2], [0.2, 0.5]];
const B2 = [0.3, -0.7];
/** A saddle: eigenvalues 1.5 and −0.8, rotated by 0.3. */
const SADDLE = fromEigen(rotation(0.3), [1.5, -0.8]);
/** A symmetric saddle: eigenvalues ±1, so ηh = ±η and (1 − ηh₁)(1 − ηh₂) = 1 − η². */
const SYMMETRIC_SADDLE = fromEigen(rotation(0.3), [1, -1]);
const SIGMA_CORRELATED = [[1, 0.6], [0.6, 0.5]];

describe('HA-SME matrices on a quadratic (src/dynamics/ha-sme-matrices.ts) against float64 references, docs/math.md §4c', () => {
  it('worked example H = R(0.3)·diag(2, 0.5)·R(0.3)ᵀ, Σ = diag(1, 0.25), η = 0.1: D = [[1.2230183, 0.03351404], [0.03351404, 0.26742848]], B = [[2.08135492, 0.48516977], [0.48516977, 0.66301354]] with R(θ) counter-clockwise (the clockwise R(−θ) flips the off-diagonal signs)', () => {
    const Sigma = [[1, 0], [0, 0.25]];
    const H = fromEigen(rotation(0.3), [2, 0.5]);
    const m = matrices(H, [0, 0], Sigma, 0.1);
    // docs/math.md §4c's digits: D to 8 significant digits (1.2230183: ±5e-8), B to 9.
    const D = [[1.2230183, 0.03351404], [0.03351404, 0.26742848]];
    const B = [[2.08135492, 0.48516977], [0.48516977, 0.66301354]];
    expect(maxAbsDiff(m.D, D)).toBeLessThan(5e-8);
    expect(maxAbsDiff(m.B, B)).toBeLessThan(5e-9);
    // D is PSD here (both eigenvalues positive).
    expect(symmetricEigen(m.D).values[0]).toBeGreaterThan(0.2);
    // The other rotation sense gives the mirror image: same diagonal, negated off-diagonal.
    const mirror = matrices(fromEigen(rotation(-0.3), [2, 0.5]), [0, 0], Sigma, 0.1);
    expect(mirror.D[0][1]).toBeCloseTo(-D[0][1], 8);
    expect(mirror.B[0][1]).toBeCloseTo(-B[0][1], 8);
    // "The Van Loan check gives a transition covariance of exactly η²Σ."
    const { Q } = oneStep(m, 0.1);
    expect(maxAbsDiff(scale(Q, 1 / 0.01), Sigma)).toBeLessThan(1e-13);
  });

  it('scalar oracles of docs/math.md §4d (η = 0.1, σ² = 1): h = 2 gives b = 2.2314355131 and D = 1.2396863962, ηD/(2b) = SGD\'s stationary 0.0277777778; the saddle h = −1 gives b = −0.9531017980 and D = 0.9077159981', () => {
    const well = matrices([[2]], [0], [[1]], 0.1);
    expect(well.B[0][0]).toBeCloseTo(2.2314355131, 10);
    expect(well.D[0][0]).toBeCloseTo(1.2396863962, 10);
    expect((0.1 * well.D[0][0]) / (2 * well.B[0][0])).toBeCloseTo(0.0277777778, 10);
    const saddle = matrices([[-1]], [0], [[1]], 0.1);
    expect(saddle.B[0][0]).toBeCloseTo(-0.953101798, 10);
    expect(saddle.D[0][0]).toBeCloseTo(0.9077159981, 10);
  });

  it('φ₁(u) = −log(1 − u)/u is accurate near 0 (series 1 + u/2 + u²/3 + u³/4 to 1e-16 relative at u = ±1e-4, ±1e-6, ±1e-9), where the naive float64 formula loses ~1e-12…1e-7', () => {
    for (const u of [1e-4, -1e-4, 1e-6, -1e-6, 1e-9, -1e-9]) {
      const series = 1 + u / 2 + (u * u) / 3 + (u * u * u) / 4 + (u ** 4) / 5;
      expect(Math.abs(phi1(u) - series)).toBeLessThanOrEqual(2.3e-16);
    }
    // Why it matters: −log(1 − u)/u rounds 1 − u first (absolute error up to 1.1e-16, i.e. 1.1e-16/u relative).
    const naive = (u: number) => -Math.log(1 - u) / u;
    expect(Math.abs(naive(1e-9) - phi1(1e-9))).toBeGreaterThan(1e-9);
    expect(phi1(0)).toBe(1);
  });

  it('e^{−Bη} = I − ηA to 1e-13 (expm, src/linalg/expm.ts): the 2-D quadratic at η = 0.45 … 1e-6, the worked example, and saddles', () => {
    const cases: [Matrix, number][] = [
      ...[0.45, 0.2, 0.05, 1e-2, 1e-4, 1e-6].map((eta): [Matrix, number] => [A2, eta]),
      [fromEigen(rotation(0.3), [2, 0.5]), 0.1],
      ...[0.1, 1e-4, 1e-6].map((eta): [Matrix, number] => [SADDLE, eta]),
      ...[0.1, 1e-6].map((eta): [Matrix, number] => [SYMMETRIC_SADDLE, eta]),
    ];
    let worst = 0;
    for (const [A, eta] of cases) {
      const { B } = matrices(A, [0, 0], SIGMA2, eta);
      const error = maxAbsDiff(expm(scale(B, -eta)), sub(identity(2), scale(A, eta)));
      worst = Math.max(worst, error);
      expect(error, `η = ${eta}, A = ${JSON.stringify(A)}`).toBeLessThan(1e-13);
    }
    console.info(`e^{−Bη} vs I − ηA: worst |Δ| = ${worst.toExponential(2)} over ${cases.length} cases`);
  });

  it('one SGD step of HA-SME\'s exact OU transition is SGD\'s step: E = I − ηA, c = ηb and Q = η²Σ to 1e-12 relative (Van Loan, src/oracles), for the 2-D quadratic at η = 0.45 … 1e-6 and a saddle (eigenvalue −0.8) at η = 0.1, 1e-4, 1e-6', () => {
    const cases: [string, Matrix, number][] = [
      ...[0.45, 0.2, 0.05, 1e-2, 1e-4, 1e-6].map((eta): [string, Matrix, number] => ['2-D quadratic', A2, eta]),
      ...[0.1, 1e-4, 1e-6].map((eta): [string, Matrix, number] => ['saddle (1.5, −0.8)', SADDLE, eta]),
    ];
    let worstQ = 0;
    for (const [name, A, eta] of cases) {
      const m = matrices(A, B2, SIGMA2, eta);
      const { E, c, Q } = oneStep(m, eta);
      const at = `${name}, η = ${eta}`;
      expect(maxAbsDiff(E, sub(identity(2), scale(A, eta))), at).toBeLessThan(1e-13);
      expect(Math.max(...c.map((ci, i) => Math.abs(ci / eta - B2[i]))), at).toBeLessThan(1e-12);
      const relative = maxAbsDiff(scale(Q, 1 / eta ** 2), SIGMA2) / maxAbs(SIGMA2);
      worstQ = Math.max(worstQ, relative);
      expect(relative, at).toBeLessThan(1e-12);
      // The fixed point of the drift is the minimizer: B⁻¹β = A⁻¹b (β = φ₁(ηA) b = B A⁻¹ b).
      const x = [0, 0];
      const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
      x[0] = (A[1][1] * B2[0] - A[0][1] * B2[1]) / det;
      x[1] = (A[0][0] * B2[1] - A[1][0] * B2[0]) / det;
      const Bx = m.B.map((row) => row[0] * x[0] + row[1] * x[1]);
      expect(Math.max(...Bx.map((v, i) => Math.abs(v - m.beta[i]))), at).toBeLessThan(1e-12 * Math.max(1, ...m.beta.map(Math.abs)));
    }
    console.info(`one HA-SME step vs SGD: worst relative |Q/η² − Σ| = ${worstQ.toExponential(2)} over ${cases.length} cases`);
  });

  it('symmetric saddle (eigenvalues ±1) at small η = 1e-4, 1e-6, 1e-7: Q = η²Σ to 1e-12 relative; there Lᵢ + Lⱼ = −log(1 − η²) ≈ η² is a difference of two logs of size η', () => {
    // K_ij = (Lᵢ + Lⱼ)/(uᵢ + uⱼ − uᵢuⱼ) with uᵢ = ±η: summing −log1p(−η) and −log1p(η) (each ≈ ±η,
    // each rounded to ~1e-16·η) leaves η² with relative error ~1e-16/η. The same K is φ₁(w) with
    // w = uᵢ + uⱼ − uᵢuⱼ = 1 − (1 − uᵢ)(1 − uⱼ), which has no such cancellation.
    let worst = 0;
    for (const eta of [1e-4, 1e-6, 1e-7]) {
      for (const theta of [0, 0.3]) {
        const A = fromEigen(rotation(theta), [1, -1]);
        const { Q } = oneStep(matrices(A, [0, 0], SIGMA_CORRELATED, eta), eta);
        const relative = maxAbsDiff(scale(Q, 1 / eta ** 2), SIGMA_CORRELATED) / maxAbs(SIGMA_CORRELATED);
        worst = Math.max(worst, relative);
        expect(relative, `η = ${eta}, θ = ${theta}`).toBeLessThan(1e-12);
      }
    }
    console.info(`symmetric saddle: worst relative |Q/η² − Σ| = ${worst.toExponential(2)}`);
  });

  it('small η: B = A + ηA²/2 + η²A³/3 + η³A⁴/4 + O(η⁴) and D = Σ + (η/2)(AΣ + ΣA) + η²((A²Σ + ΣA²)/3 + AΣA/6) + O(η³), at η = 1e-4 and 1e-6, for the 2-D quadratic, a saddle and the symmetric saddle', () => {
    // K_ij = 1 + s/2 + s²/3 − p/2 + O(u³) with s = uᵢ + uⱼ, p = uᵢuⱼ (expanding the logs), i.e. the D series above;
    // in the commuting scalar case it is φ₂(u) = 1 + u + 5u²/6 + O(u³).
    for (const A of [A2, SADDLE, SYMMETRIC_SADDLE]) {
      for (const eta of [1e-4, 1e-6]) {
        const m = matrices(A, [0, 0], SIGMA_CORRELATED, eta);
        const Apow = [identity(2), A];
        for (let k = 2; k <= 4; k++) Apow.push(matmul(Apow[k - 1], A));
        let Bseries = A;
        for (let k = 2; k <= 4; k++) Bseries = add(Bseries, scale(Apow[k], eta ** (k - 1) / k));
        const S = SIGMA_CORRELATED;
        const Dseries = add(
          add(S, scale(add(matmul(A, S), matmul(S, A)), eta / 2)),
          scale(add(scale(add(matmul(Apow[2], S), matmul(S, Apow[2])), 1 / 3), scale(matmul(matmul(A, S), A), 1 / 6)), eta ** 2),
        );
        const rho = Math.max(...symmetricEigen(A).values.map(Math.abs));
        // Remainders: ≤ (ηρ)⁴ρ/5/(1 − ηρ) for B; the O(u³) term of K is ≤ 2(2ηρ)³ times |Σ̃| ≤ 2|Σ|; plus rounding 1e-15.
        const at = `A = ${JSON.stringify(A)}, η = ${eta}`;
        expect(maxAbsDiff(m.B, Bseries), at).toBeLessThan((eta * rho) ** 4 * rho + 1e-15 * rho);
        expect(maxAbsDiff(m.D, Dseries), at).toBeLessThan(32 * (eta * rho) ** 3 * maxAbs(S) + 1e-15 * maxAbs(S));
      }
    }
  });

  it('commuting case Σ = V diag(s) Vᵀ (A = V diag(h) Vᵀ): D = V diag(2bᵢsᵢ/(hᵢ(2 − ηhᵢ))) Vᵀ with bᵢ = −log(1 − ηhᵢ)/η, also for a negative hᵢ', () => {
    const V = rotation(0.4);
    for (const [h, s, eta] of [
      [[3, 0.7], [0.8, 1.3], 0.25],
      [[3, -0.6], [0.8, 1.3], 0.25],
      [[2, 0.5], [1, 0.25], 0.1],
    ] as [number[], number[], number][]) {
      const m = matrices(fromEigen(V, h), [0, 0], fromEigen(V, s), eta);
      const b = h.map((hi) => -Math.log1p(-eta * hi) / eta);
      const D = fromEigen(V, h.map((hi, i) => (2 * b[i] * s[i]) / (hi * (2 - eta * hi))));
      expect(maxAbsDiff(m.D, D), `h = ${h}`).toBeLessThan(1e-14 * maxAbs(D));
      expect(maxAbsDiff(m.B, fromEigen(V, b)), `h = ${h}`).toBeLessThan(1e-14 * Math.max(...b.map(Math.abs)));
    }
  });
});

describe('where HA-SME does not exist it is refused, before anything runs (docs/math.md §4c)', () => {
  // The counterexample: ηh = (0.1, 0.9) (η = 0.1, h = (1, 9)), in the eigenbasis V = R(0.3).
  const V = rotation(0.3);
  const A = fromEigen(V, [1, 9]);
  const inEigenbasis = (St: Matrix) => matmul(matmul(V, St), transpose(V));

  it('ηh = (0.1, 0.9), Σ̃ = 11ᵀ in A\'s eigenbasis: K = [[1.10906, 2.6461], [2.6461, 4.6517]] has det < 0, so D = K∘Σ̃ is not PSD and is refused with an error naming positive semi-definiteness; Σ̃ = [[1, ρ], [ρ, 1]] is accepted iff ρ ≤ √(K₁₁K₂₂)/K₁₂ ≈ 0.8586', () => {
    // K read off D̃ = K∘Σ̃ for an accepted Σ̃ = [[1, ½], [½, 1]]: D̃ = [[K₁₁, K₁₂/2], [K₁₂/2, K₂₂]].
    const half = matrices(A, [0, 0], inEigenbasis([[1, 0.5], [0.5, 1]]), 0.1);
    const Dt = matmul(matmul(transpose(V), half.D), V);
    const K = [[Dt[0][0], 2 * Dt[0][1]], [2 * Dt[1][0], Dt[1][1]]];
    expect(maxAbsDiff(K, [[1.10906, 2.6461], [2.6461, 4.6517]])).toBeLessThan(6e-5);
    expect(K[0][0] * K[1][1] - K[0][1] ** 2).toBeLessThan(0);
    const refused = haSmeMatrices(A, [0, 0], inEigenbasis([[1, 1], [1, 1]]), 0.1);
    expect('error' in refused && refused.error).toMatch(/not positive semi-definite/);
    // The boundary: D̃ = [[K₁₁, ρK₁₂], [ρK₁₂, K₂₂]] ⪰ 0 iff ρ ≤ √(K₁₁K₂₂)/K₁₂.
    const rhoStar = Math.sqrt(K[0][0] * K[1][1]) / K[0][1];
    expect(rhoStar).toBeCloseTo(0.8586, 3);
    expect('error' in haSmeMatrices(A, [0, 0], inEigenbasis([[1, rhoStar - 1e-3], [rhoStar - 1e-3, 1]]), 0.1)).toBe(false);
    expect('error' in haSmeMatrices(A, [0, 0], inEigenbasis([[1, rhoStar + 1e-3], [rhoStar + 1e-3, 1]]), 0.1)).toBe(true);
    // Σ = 11ᵀ (in the eigenbasis) is itself a valid (PSD) noise: the experiment is rejected for HA-SME only.
    const file = {
      objective: { kind: 'quadratic', A },
      noise: { kind: 'gaussian', cov: inEigenbasis([[1, 1], [1, 1]]) },
      dynamics: [{ kind: 'sgd', lr: 0.1 }, { kind: 'ha-sme', lr: 0.1 }],
      x0: [0, 0],
      trajectories: 256,
      steps: 10,
    };
    const parsed = parseExperiment(file);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues).toHaveLength(1);
      expect(parsed.issues[0].path).toBe('$.dynamics[1]');
      expect(parsed.issues[0].message).toMatch(/not positive semi-definite/);
    }
  });

  it('ηλ_max(A) ≥ 1 is refused (log(I − ηA) has no real value): η = 0.5 on λ_max = 2 (exactly 1) and η = 0.46 on the 2-D quadratic (λ_max = 1.5 + √0.5, ηλ_max = 1.015); η = 0.45 (0.993) is accepted', () => {
    const exactlyOne = haSmeMatrices([[2, 0], [0, 0.5]], [0, 0], SIGMA2, 0.5);
    expect('error' in exactlyOne && exactlyOne.error).toMatch(/≥ 1/);
    const above = haSmeMatrices(A2, [0, 0], SIGMA2, 0.46);
    expect('error' in above && above.error).toMatch(/lr·λ_max\(A\) = 0\.46 × 2\.207\d* = 1\.015\d* ≥ 1/);
    expect('error' in haSmeMatrices(A2, [0, 0], SIGMA2, 0.45)).toBe(false);
  });

  const quadraticFile = (dynamics: object[], extra: object = {}) => ({
    objective: { kind: 'quadratic', A: A2 },
    noise: { kind: 'gaussian', cov: SIGMA2 },
    dynamics,
    x0: [1, -1],
    trajectories: 256,
    steps: 10,
    ...extra,
  });

  it('an experiment with ha-sme at lr·λ_max ≥ 1 is rejected by parseExperiment at $.dynamics[i] with that reason (also when a sweep value crosses the bound), while SGD at the same lr is fine', () => {
    const parsed = parseExperiment(quadraticFile([{ kind: 'sgd', lr: 0.5 }, { kind: 'sme', lr: 0.5 }, { kind: 'ha-sme', lr: 0.5, integrator: 'exact' }]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues.map((i) => i.path)).toEqual(['$.dynamics[2]']);
      expect(parsed.issues[0].message).toMatch(/HA-SME is undefined for lr·λ_max\(A\) = 0\.5 × 2\.207\d* = 1\.10\d* ≥ 1/);
    }
    const swept = parseExperiment(quadraticFile([{ kind: 'sgd', lr: 0.1 }, { kind: 'ha-sme', lr: 0.125 }], { sweep: { lr: [0.125, 0.25, 0.5] } }));
    expect(swept.ok).toBe(false);
    if (!swept.ok) {
      expect(swept.issues.map((i) => i.path)).toEqual(['$.dynamics[1]']);
      expect(swept.issues[0].message).toMatch(/= 0\.5 × .* ≥ 1/);
    }
    expect(parseExperiment(quadraticFile([{ kind: 'ha-sme', lr: 0.45 }], { sweep: { lr: [0.1125, 0.45] } })).ok).toBe(true);
  });

  it('off quadratics ha-sme is refused with the exact integrator (no constant Hessian) and for d > 8 (a Jacobi eigensolver per substep), each with a message saying so; by Euler–Maruyama at d ≤ 8 it runs, as do sme and sme2 (but not their exact integrator)', () => {
    const doubleWell = (item: object, dim = 2) => ({ objective: { kind: 'double-well', dim }, noise: { kind: 'gaussian', cov: 1 }, dynamics: [item], x0: new Array(dim).fill(1), trajectories: 256, steps: 10 });
    const rejected = (file: object) => {
      const parsed = parseExperiment(file);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return '';
      expect(parsed.issues.map((i) => i.path)).toEqual(['$.dynamics[0]']);
      return parsed.issues[0].message;
    };
    expect(rejected(doubleWell({ kind: 'ha-sme', lr: 0.1, integrator: 'exact' }))).toMatch(/^ha-sme with the exact integrator needs a quadratic objective.*found double-well/);
    expect(rejected(doubleWell({ kind: 'ha-sme', lr: 0.1 }, 9))).toMatch(/^ha-sme off quadratics .* d ≤ 8; d = 9 here/);
    expect(parseExperiment(doubleWell({ kind: 'ha-sme', lr: 0.1, substeps: 4 }, 8)).ok).toBe(true);
    for (const kind of ['sme', 'sme2']) {
      expect(parseExperiment(doubleWell({ kind, lr: 0.1, substeps: 4 }, 9)).ok).toBe(true);
      expect(rejected(doubleWell({ kind, lr: 0.1, integrator: 'exact' }))).toMatch(new RegExp(`^${kind} with the exact integrator needs a quadratic objective.*found double-well`));
    }
  });

  it('sme, sme2 and ha-sme with mini-batch noise are rejected: they model SGD with a constant Gaussian Σ', () => {
    for (const kind of ['sme', 'sme2', 'ha-sme']) {
      const parsed = parseExperiment({
        objective: { kind: 'least-squares', generate: { samples: 32, features: 2, noise: 0.1, seed: 1 } },
        noise: { kind: 'minibatch', batchSize: 4 },
        dynamics: [{ kind: 'sgd', lr: 0.1 }, { kind, lr: 0.1 }],
        x0: [0, 0],
        trajectories: 256,
        steps: 10,
      });
      expect(parsed.ok, kind).toBe(false);
      if (!parsed.ok) {
        expect(parsed.issues.map((i) => i.path), kind).toContain('$.dynamics[1]');
        const issue = parsed.issues.find((i) => i.path === '$.dynamics[1]')!;
        expect(issue.message).toMatch(new RegExp(`^${kind} models SGD with a constant gradient-noise covariance Σ.*not minibatch`));
      }
    }
  });

  it('substeps whose coupled increments would overflow the 16-bit block field are rejected: m·⌈d/4⌉ substep blocks per step must fit in 65,536 (d = 64: m ≤ 4,096)', () => {
    // sgd_model.wgsl draws SUBSTEP blocks 0 … m·⌈d/4⌉ − 1 of each step; rng_streams.wgsl keeps 16 bits of the
    // block (a larger one would alias block 0, i.e. reuse z_k), and the float64 reference throws there.
    const d = 64;
    const file = (substeps: number) => ({
      objective: { kind: 'quadratic', A: identity(d) },
      noise: { kind: 'gaussian', cov: 1 },
      dynamics: [{ kind: 'sme', lr: 0.1, substeps }],
      x0: new Array(d).fill(0),
      trajectories: 256,
      steps: 1,
    });
    expect(parseExperiment(file(4096)).ok).toBe(true);
    const parsed = parseExperiment(file(4097));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0].path).toMatch(/^\$\.dynamics\[0\]/);
  });
});

describe('Euler–Maruyama\'s discrete law of HA-SME approaches SGD\'s exact law as 1/m (2-D quadratic, closed forms)', () => {
  it('η = 0.05, 0.2, 0.45: max |EM_m law − SGD law| over 20 steps (means and covariances) falls by 4 ± 0.6 per 4× substeps (m = 16, 64, 256), and the exact integrator\'s law equals SGD\'s to 1e-12', () => {
    const steps = [0, 5, 10, 15, 20];
    const initial = { mean: [1, -1], std: [0, 0] };
    const objective: QuadraticObjective = { kind: 'quadratic', A: A2, b: [0, 0] } as QuadraticObjective;
    const noise = { kind: 'gaussian', cov: SIGMA2, covariance: SIGMA2 };
    for (const eta of [0.05, 0.2, 0.45]) {
      const item = (substeps: number, integrator: 'exact' | 'euler-maruyama'): SgdModel<'ha-sme'> => ({ kind: 'ha-sme', lr: eta, substeps, integrator, dt: eta });
      const sgd = emQuadraticLaw({ A: A2, G: scale(SIGMA2, eta), dt: eta, mean0: initial.mean, cov0: [[0, 0], [0, 0]], steps });
      // The descriptor's limit law is this SGD law.
      const limit = haSme.limitLaw(item(1, 'exact'), objective, initial, steps.map((k) => k * eta), noise)!;
      steps.forEach((_, c) => expect(maxAbsDiff(limit.covariance[c], sgd[c].cov)).toBeLessThan(1e-15));
      const gap = (law: { mean: number[][]; covariance: number[][][] }) =>
        Math.max(...steps.map((_, c) => Math.max(maxAbsDiff([law.mean[c]], [sgd[c].mean]), maxAbsDiff(law.covariance[c], sgd[c].cov))));
      const exact = haSme.closedForm(item(1, 'exact'), objective, initial, steps, noise)!;
      expect(gap(exact), `η = ${eta}, exact`).toBeLessThan(1e-12);
      const gaps = [16, 64, 256].map((m) => gap(haSme.closedForm(item(m, 'euler-maruyama'), objective, initial, steps, noise)!));
      console.info(`η = ${eta}: max |EM_m − SGD| at m = 16, 64, 256: ${gaps.map((g) => g.toExponential(3)).join(', ')}; exact ${gap(exact).toExponential(1)}`);
      expect(gaps[0] / gaps[1]).toBeGreaterThan(3.4);
      expect(gaps[0] / gaps[1]).toBeLessThan(4.6);
      expect(gaps[1] / gaps[2]).toBeGreaterThan(3.4);
      expect(gaps[1] / gaps[2]).toBeLessThan(4.6);
    }
  });
});

describe('the float64 reference twins (src/reference/dynamics/sgd-model.ts)', () => {
  const trackAll = async (file: object, index: number) => {
    const experiment = assertExperiment(file);
    const spec = ensembleSpec(experiment, expandRuns(experiment)[index]);
    return (await runEnsembleReference(spec, { trackTrajectories: spec.trajectories })).tracked!;
  };
  const maxPathGap = (a: ArrayLike<number>[], b: ArrayLike<number>[]) => Math.max(...a.map((p, c) => Math.max(...Array.from(p, (v, i) => Math.abs(v - b[c][i])))));

  it('HA-SME exact (m = 1) reproduces SGD path by path in float64 (|Δ| < 1e-12 over 64 paths × 60 steps, b ≠ 0, Gaussian x0): the same z_k drives both, and E = I − ηA, c = ηb, L = ηchol(Σ)', async () => {
    const file = {
      objective: { kind: 'quadratic', A: A2, b: B2 },
      noise: { kind: 'gaussian', cov: SIGMA2 },
      dynamics: [{ kind: 'sgd', lr: 0.3 }, { kind: 'ha-sme', lr: 0.3, integrator: 'exact' }],
      x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 },
      trajectories: 64,
      steps: 60,
      record: { every: 10 },
      seed: 'ha-sme-is-sgd',
    };
    const [sgd, ha] = [await trackAll(file, 0), await trackAll(file, 1)];
    const gap = maxPathGap(sgd, ha);
    console.info(`float64 SGD vs HA-SME exact: max |Δ| = ${gap.toExponential(2)}`);
    expect(gap).toBeLessThan(1e-12);
    expect(Math.max(...Array.from(sgd.at(-1)!, Math.abs))).toBeGreaterThan(0.5);
  });

  it('with A = 0, SME-1 by Euler–Maruyama moves exactly as SGD for m = 1, 3 and 16 substeps (Σ_j ΔW_j = −√η z_k: the increments are coupled to SGD\'s noise), |Δ| < 1e-13', async () => {
    for (const substeps of [1, 3, 16]) {
      const file = {
        objective: { kind: 'quadratic', A: [[0, 0], [0, 0]] },
        noise: { kind: 'gaussian', cov: SIGMA2 },
        dynamics: [{ kind: 'sgd', lr: 0.2 }, { kind: 'sme', lr: 0.2, substeps }],
        x0: [0.5, 0.5],
        trajectories: 32,
        steps: 40,
        record: { every: 10 },
        seed: 'sme-coupling',
      };
      const [sgd, sme] = [await trackAll(file, 0), await trackAll(file, 1)];
      const gap = maxPathGap(sgd, sme);
      expect(gap, `m = ${substeps}`).toBeLessThan(1e-13);
      // The paths move (a random walk of 40 steps of size η·|L z| ≈ 0.2).
      expect(Math.max(...Array.from(sgd.at(-1)!, (v) => Math.abs(v - 0.5)))).toBeGreaterThan(0.5);
    }
  });
});
