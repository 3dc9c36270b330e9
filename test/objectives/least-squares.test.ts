import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { leastSquares, leastSquaresFormat, type LeastSquaresObjective } from '../../src/objectives/least-squares';
import { MAX_DATA_WORDS, MAX_SAMPLES, gaussianDesign, seededNormals } from '../../src/objectives/finite-sum-data';
import { objectiveDescriptor } from '../../src/registry';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

/** A minimal valid least-squares experiment. */
function lsInput(objective: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { objective: { kind: 'least-squares', ...objective }, dynamics: [{ kind: 'sgd', lr: 0.1 }], x0: [0, 0], trajectories: 256, steps: 10, ...overrides };
}

const SMALL: LeastSquaresObjective = { kind: 'least-squares', A: [[1, 2], [0, 1], [3, -1], [0.5, 0.5]], y: [1, -1, 2, 0], l1: 0 };

const generated = (samples: number, features: number, noise: number, seed: string | number = 's') =>
  parseValid(lsInput({ generate: { samples, features, noise, seed } }, { x0: new Array(features).fill(0) })).objective as LeastSquaresObjective;

describe('least-squares objective: float64 twin', () => {
  const random = seedrandom('least-squares');
  const point = (d: number) => Float64Array.from({ length: d }, () => 4 * random() - 2);

  it('is registered; its data interleaves a_i and y_i, N_SAMPLES = N, the one parameter is the lasso λ', () => {
    expect(objectiveDescriptor('least-squares')).toBe(leastSquares);
    expect(leastSquares.data(SMALL)).toEqual([1, 2, 1, 0, 1, -1, 3, -1, 2, 0.5, 0.5, 0]);
    expect(leastSquares.constants(SMALL)).toEqual({ N_SAMPLES: 4 });
    expect(leastSquares.sampleCount(SMALL)).toBe(4);
    expect(leastSquares.params.pack(SMALL)).toEqual([0]);
  });

  it('∇f and ∇²f v equal central finite differences of f; the sample gradients average to ∇f', () => {
    const o = generated(30, 3, 0.5);
    const f = leastSquares.reference(o, 3);
    for (let trial = 0; trial < 20; trial++) {
      const x = point(3);
      const v = point(3);
      const g = new Float64Array(3);
      const hv = new Float64Array(3);
      const sum = new Float64Array(3);
      f.grad(x, g);
      f.hessVec(x, v, hv);
      for (let i = 0; i < 30; i++) f.sampleGradAdd!(x, i, 1 / 30, sum);
      const eps = 1e-5;
      for (let j = 0; j < 3; j++) {
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[j] += eps;
        minus[j] -= eps;
        // f is quadratic: central differences are exact up to rounding ≈ 1e-16·f/ε ≈ 1e-10.
        expect(Math.abs(g[j] - (f.loss(plus) - f.loss(minus)) / (2 * eps))).toBeLessThan(1e-7 * (1 + Math.abs(g[j])));
        expect(sum[j]).toBeCloseTo(g[j], 12);
      }
      // ∇²f v = ∇f(x + v) − ∇f(x) exactly for a quadratic.
      const gv = new Float64Array(3);
      f.grad(x.map((xi, j) => xi + v[j]), gv);
      for (let j = 0; j < 3; j++) expect(hv[j]).toBeCloseTo(gv[j] - g[j], 10);
    }
  });

  it('f at the minimizer: ∇f = 0 there; with noise-free generated data it is x_true (to the f32 rounding of the targets)', () => {
    const noisy = generated(50, 3, 1);
    const x = leastSquares.minimizer(noisy)!;
    const g = new Float64Array(3);
    leastSquares.reference(noisy, 3).grad(Float64Array.from(x), g);
    expect(Math.max(...Array.from(g, Math.abs))).toBeLessThan(1e-12);

    const exact = generated(50, 3, 0);
    const xTrue = exact.generated!.xTrue;
    // y_i = fl32(a_iᵀx_true) moves the solution by ≲ ‖(AᵀA)⁻¹Aᵀ‖·u·|y| ≈ 1e-7.
    leastSquares.minimizer(exact)!.forEach((v, j) => expect(Math.abs(v - xTrue[j])).toBeLessThan(1e-6));
  });

  it('has no minimizer when AᵀA is singular: fewer samples than features, or collinear features', () => {
    expect(leastSquares.minimizer({ kind: 'least-squares', A: [[1, 2, 3]], y: [1], l1: 0 })).toBeUndefined();
    expect(leastSquares.minimizer({ kind: 'least-squares', A: [[1, 2], [2, 4], [-1, -2]], y: [1, 0, 2], l1: 0 })).toBeUndefined();
    expect(leastSquares.minimizer(SMALL)).toHaveLength(2);
  });

  it('E f(X) for X ~ N(m, C) is f(m) + ½ tr(HC) with H = AᵀA/N', () => {
    const f = leastSquares.reference(SMALL, 2);
    const m = [0.3, -0.7];
    const C = [[0.5, 0.1], [0.1, 0.2]];
    const H = [new Float64Array(2), new Float64Array(2)];
    f.hessVec(new Float64Array(2), Float64Array.from([1, 0]), H[0]);
    f.hessVec(new Float64Array(2), Float64Array.from([0, 1]), H[1]);
    const trace = H[0][0] * C[0][0] + 2 * H[0][1] * C[0][1] + H[1][1] * C[1][1];
    expect(leastSquares.gaussianExpectation(SMALL, m, C)).toBeCloseTo(f.loss(Float64Array.from(m)) + 0.5 * trace, 12);
    expect(leastSquares.gaussianExpectation(SMALL, m, [[0, 0], [0, 0]])).toBeCloseTo(f.loss(Float64Array.from(m)), 12);
  });
});

describe('generated data (seedrandom, Box–Muller)', () => {
  it('is a function of the seed: the same seed gives the same data, another seed other data; features are exact in f32', () => {
    const a = generated(10, 2, 0.5, 'same');
    expect(generated(10, 2, 0.5, 'same')).toEqual(a);
    expect(generated(10, 2, 0.5, 'other').A).not.toEqual(a.A);
    // A number seed and its text give the same data, like the experiment seed.
    expect(generated(10, 2, 0.5, 7).A).toEqual(generated(10, 2, 0.5, '7').A);
    for (const row of a.A) for (const v of row) expect(Math.fround(v)).toBe(v);
    for (const v of a.y) expect(Math.fround(v)).toBe(v);
  });

  it('draws standard normals: mean 0, variance 1, fourth moment 3 (40,000 draws, 5 SE)', () => {
    const normal = seededNormals('moments');
    const n = 40000;
    const z = Array.from({ length: n }, normal);
    const m1 = z.reduce((s, v) => s + v, 0) / n;
    const m2 = z.reduce((s, v) => s + v * v, 0) / n;
    const m4 = z.reduce((s, v) => s + v ** 4, 0) / n;
    // SEs of the raw moments of N(0, 1): √(1/n), √((3 − 1)/n), √((105 − 9)/n).
    expect(Math.abs(m1)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it('targets are y_i = a_iᵀx_true + s·ε_i: the residuals have mean 0 and variance s² (20,000 samples, 5 SE)', () => {
    const s = 0.5;
    const o = generated(20000, 2, s, 'residuals');
    const xTrue = o.generated!.xTrue;
    const r = o.A.map((row, i) => o.y[i] - row[0] * xTrue[0] - row[1] * xTrue[1]);
    const n = r.length;
    const mean = r.reduce((a, v) => a + v, 0) / n;
    const variance = r.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(5 * s * Math.sqrt(1 / n));
    expect(Math.abs(variance - s * s)).toBeLessThan(5 * s * s * Math.sqrt(2 / n));
    // The features a_ij ~ N(0, 1) too.
    const features = o.A.flat();
    expect(Math.abs(features.reduce((a, v) => a + v * v, 0) / features.length - 1)).toBeLessThan(5 * Math.sqrt(2 / features.length));
  });

  it('follows the documented draw order: x_true first, then a_i and ε_i sample by sample', () => {
    const normal = seededNormals(3);
    const xTrue = [normal(), normal()];
    const first = [Math.fround(normal()), Math.fround(normal())];
    const design = gaussianDesign(2, 2, 3);
    expect(design.xTrue).toEqual(xTrue);
    expect(design.A[0]).toEqual(first);
  });
});

describe('least-squares experiment files', () => {
  it('data form: d from the rows of A, N from their count', () => {
    const e = parseValid(lsInput({ data: { A: [[1, 0], [0, 1], [1, 1]], y: [1, 2, 3] } }));
    expect(e.dim).toBe(2);
    expect(e.objective).toEqual({ kind: 'least-squares', A: [[1, 0], [0, 1], [1, 1]], y: [1, 2, 3], l1: 0 });
  });

  it('generate form: d = features, noise 0 and seed 0 by default', () => {
    const e = parseValid(lsInput({ generate: { samples: 5, features: 3 } }, { x0: [0, 0, 0] }));
    expect(e.dim).toBe(3);
    expect((e.objective as LeastSquaresObjective).generated).toMatchObject({ samples: 5, features: 3, noise: 0, seed: 0 });
    expect((e.objective as LeastSquaresObjective).A).toHaveLength(5);
  });

  it('checks x0 against d, naming the row of A that fixes it', () => {
    expectIssueAt(issuesOf(lsInput({ data: { A: [[1, 0, 0]], y: [1] } })), '$.x0', /expected 3 entries \(d = 3, the size of \$\.objective\.data\.A\[0\]\), found 2/);
    expectIssueAt(issuesOf(lsInput({ generate: { samples: 4, features: 3 } })), '$.x0', /the size of \$\.objective\.generate\.features/);
  });

  it('rejects neither or both of data and generate', () => {
    expectIssueAt(issuesOf(lsInput({})), '$.objective', /either "data".*or "generate".*found neither/);
    expectIssueAt(issuesOf(lsInput({ data: { A: [[1, 0]], y: [1] }, generate: { samples: 2, features: 2 } })), '$.objective.generate', /found both/);
  });

  it('rejects rows of different lengths and a y of the wrong length, naming their paths', () => {
    const issues = issuesOf(lsInput({ data: { A: [[1, 0], [1], [0, 1, 2]], y: [1, 2, 3] } }));
    expectIssueAt(issues, '$.objective.data.A[1]', /expected a row of 2 entries.*\$\.objective\.data\.A\[0\].*found 1/);
    expectIssueAt(issues, '$.objective.data.A[2]', /found 3/);
    expectIssueAt(issuesOf(lsInput({ data: { A: [[1, 0], [0, 1]], y: [1, 2, 3] } })), '$.objective.data.y', /expected 2 entries \(one target per row of \$\.objective\.data\.A\), found 3/);
  });

  it('rejects empty data, non-finite entries and unknown keys', () => {
    expectIssueAt(issuesOf(lsInput({ data: { A: [], y: [] } })), '$.objective.data.A');
    expectIssueAt(issuesOf(lsInput({ data: { A: [[1, 'x']], y: [1] } })), '$.objective.data.A[0][1]');
    expectIssueAt(issuesOf(lsInput({ data: { A: [[1, 0]], y: [1], b: [1] } })), '$.objective.data.b', /unknown key/);
    expectIssueAt(issuesOf(lsInput({ generate: { samples: 2, features: 2, sed: 1 } })), '$.objective.generate.sed', /unknown key.*seed/);
  });

  it(`rejects N ≥ 2^21 samples and data beyond ${MAX_DATA_WORDS} words (128 MiB)`, () => {
    expectIssueAt(issuesOf(lsInput({ generate: { samples: 2 ** 21, features: 2 } })), '$.objective.generate.samples', /≤ 2097151/);
    expectIssueAt(issuesOf(lsInput({ generate: { samples: 0, features: 2 } })), '$.objective.generate.samples');
    expectIssueAt(issuesOf(lsInput({ generate: { samples: 2 ** 20, features: 40 } }, { x0: new Array(40).fill(0) })), '$.objective.generate', /at most 33554432 data words/);
    // The data form, checked on the raw rows (2^21 one-feature rows).
    const rows = Array.from({ length: MAX_SAMPLES + 1 }, () => [0]);
    const check = leastSquaresFormat.check({ kind: 'least-squares', data: { A: rows, y: new Array(MAX_SAMPLES + 1).fill(0) } }, ['objective']);
    expect(check.issues.map((i) => i.path)).toEqual(['$.objective.data.A']);
    expect(check.issues[0].message).toMatch(/at most 2097151 samples \(fewer than 2\^21/);
  });

  it('rejects a negative noise and a non-integer feature count', () => {
    expectIssueAt(issuesOf(lsInput({ generate: { samples: 4, features: 2, noise: -1 } })), '$.objective.generate.noise', /≥ 0/);
    expectIssueAt(issuesOf(lsInput({ generate: { samples: 4, features: 1.5 } })), '$.objective.generate.features');
  });

  it('offers `distance` (a unique minimizer) for full-rank data and refuses it otherwise', () => {
    parseValid(lsInput({ data: { A: [[1, 0], [0, 1], [1, 1]], y: [1, 2, 3] } }, { record: { observables: ['mean', 'distance'] } }));
    expectIssueAt(
      issuesOf(lsInput({ data: { A: [[1, 2], [2, 4]], y: [1, 2] } }, { record: { observables: ['mean', 'distance'] } })),
      '$.record.observables[1]',
      /unique minimizer/,
    );
  });

  it('the lasso (l1 = λ): f adds λ‖x‖₁, ∇f adds λ·sign(x) (sign(0) = 0), no closed-form minimizer', () => {
    const lasso = { ...SMALL, l1: 0.3 };
    const f = leastSquares.reference(lasso, 2);
    const plain = leastSquares.reference(SMALL, 2);
    const x = Float64Array.of(0.7, -1.2);
    expect(f.loss(x)).toBeCloseTo(plain.loss(x) + 0.3 * 1.9, 12);
    const g = new Float64Array(2);
    const g0 = new Float64Array(2);
    f.grad(x, g);
    plain.grad(x, g0);
    expect(g[0] - g0[0]).toBeCloseTo(0.3, 12);
    expect(g[1] - g0[1]).toBeCloseTo(-0.3, 12);
    f.grad(Float64Array.of(0, 1), g);
    plain.grad(Float64Array.of(0, 1), g0);
    expect(g[0]).toBeCloseTo(g0[0], 12);
    expect(leastSquares.minimizer(lasso)).toBeUndefined();
    expect(parseValid(lsInput({ data: { A: SMALL.A, y: SMALL.y }, l1: 0.3 })).objective).toMatchObject({ l1: 0.3 });
    expectIssueAt(issuesOf(lsInput({ data: { A: SMALL.A, y: SMALL.y }, l1: -1 })), '$.objective.l1', /≥ 0/);
  });
});
