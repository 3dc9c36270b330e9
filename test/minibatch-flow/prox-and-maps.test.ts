import { describe, expect, it } from 'vitest';
import { BatchMapKind, batchMap, batchRank, enumerateBatches, binomial, type SumModel } from '../../src/dynamics/batch-maps';
import { quadraticSumMinimizer } from '../../src/objectives/quadratic-sum-minimizer';
import { assertExperiment, ExperimentError } from '../../src/internal';
import { batchMapApply } from '../../src/reference/batch-maps';
import { proxBall, proxBox, proxHalfspace, proxObstacle, proxSoftThreshold, proxSpectralFlow } from '../../src/reference/prox';
import { expm } from '../../src/linalg/expm';
import { solve } from '../../src/linalg/dense';
import { CONSTRAINED, CONSTRAINED_MINIMIZER, fistaLasso, heatSplit, LASSO, LASSO_A, LASSO_LAMBDA, LASSO_MINIMIZER, LASSO_Y, projectedGradientConstrained } from './fixtures';

const f64 = (v: number[]) => Float64Array.from(v);
const apply = (op: (x: Float64Array) => void, v: number[]) => {
  const x = f64(v);
  op(x);
  return Array.from(x);
};
const scratch = new Float64Array(8);

describe('proximal maps (float64 twins of shaders/lib/prox.wgsl) against their closed forms', () => {
  it('soft thresholding S_κ(x)_i = sign(x_i)·max(|x_i| − κ, 0)', () => {
    expect(apply((x) => proxSoftThreshold(x, 0.5), [2, -0.3, -1.5, 0.5, 0]).map((v) => v + 0)).toEqual([1.5, 0, -1, 0, 0]);
  });
  it('box, halfspace, ball and obstacle projections', () => {
    expect(apply((x) => proxBox(x, [0, 0], [1, 1]), [2, -1])).toEqual([1, 0]);
    expect(apply((x) => proxHalfspace(x, [1, 1], 1.5, 2), [2, 2])).toEqual([0.75, 0.75]);
    expect(apply((x) => proxHalfspace(x, [1, 1], 1.5, 2), [0.2, 0.3])).toEqual([0.2, 0.3]);
    const ball = apply((x) => proxBall(x, [1, 0], 2), [4, 4]);
    expect(ball[0]).toBeCloseTo(1 + 2 * 0.6, 14);
    expect(ball[1]).toBeCloseTo(2 * 0.8, 14);
    expect(apply((x) => proxBall(x, [1, 0], 2), [1.5, 0.5])).toEqual([1.5, 0.5]);
    expect(apply((x) => proxObstacle(x, [0, 1]), [-1, 3])).toEqual([0, 3]);
  });
  it('the spectral flow of ½a(x − c)² for time s is c + e^{−as}(x − c), also for tiny as', () => {
    for (const [a, s] of [[3, 0.2], [1e-6, 0.1], [0, 0.7]]) {
      const x = f64([2]);
      proxSpectralFlow(x, 0, 1, f64([1]), f64([a]), f64([a * -1]), s, scratch);
      const exact = a === 0 ? 2 + s * 0 : -1 + Math.exp(-a * s) * 3;
      expect(x[0]).toBeCloseTo(exact, 14);
    }
  });
});

describe('batch maps: exact sub-flows and proximal steps of each batch (docs/math.md §1c table)', () => {
  const row = [1, 2, -1];
  const model: SumModel = { components: [{ kind: 'least-squares', A: [row], y: [0.7] }, { kind: 'quadratic', A: [[2, 0.5, 0], [0.5, 1, 0], [0, 0, 3]], c: [1, -1, 0.5] }], weights: [0.5, 0.5] };
  const x0 = [0.3, -0.4, 1.2];
  const ax = (x: number[]) => x.reduce((s, v, i) => s + v * row[i], 0);
  const a2 = row.reduce((s, v) => s + v * v, 0);

  it('one least-squares row: flow x − (1 − e^{−w‖a‖²t})(aᵀx − y)/‖a‖²·a and prox x − τw(aᵀx − y)/(1 + τw‖a‖²)·a', () => {
    const t = 0.3;
    // The batch {0} alone has weight n·w₀ = 1 (F_B = (n/b)·w₀f₀).
    const flow = apply((x) => batchMapApply(x, batchMap(model, [0], 3, 'flow', t), t, scratch), x0);
    const prox = apply((x) => batchMapApply(x, batchMap(model, [0], 3, 'prox', t), t, scratch), x0);
    const spectral = apply((x) => batchMapApply(x, batchMap(model, [0], 3, 'spectral', 0), t, scratch), x0);
    const r = ax(x0) - 0.7;
    x0.forEach((v, i) => {
      expect(flow[i]).toBeCloseTo(v + Math.expm1(-a2 * t) * (r / a2) * row[i], 13);
      expect(spectral[i]).toBeCloseTo(flow[i], 12);
      expect(prox[i]).toBeCloseTo(v - ((t * r) / (1 + t * a2)) * row[i], 13);
    });
  });

  it('a quadratic batch: prox (I + τQ)⁻¹(x + τQc) and flow c + e^{−tQ}(x − c) (spectral = affine)', () => {
    const t = 0.25;
    const prox = apply((x) => batchMapApply(x, batchMap(model, [1], 3, 'prox', t), t, scratch), x0);
    const flow = apply((x) => batchMapApply(x, batchMap(model, [1], 3, 'flow', t), t, scratch), x0);
    const spectral = apply((x) => batchMapApply(x, batchMap(model, [1], 3, 'spectral', 0), t, scratch), x0);
    // The prox solves (I + τQ)p = x + τQc with Q = A (weight n·w = 1).
    const A = (model.components[1] as { A: number[][]; c: number[] }).A;
    const c = (model.components[1] as { A: number[][]; c: number[] }).c;
    A.forEach((r, i) => {
      const lhs = prox[i] + t * r.reduce((s, v, j) => s + v * prox[j], 0);
      const rhs = x0[i] + t * r.reduce((s, v, j) => s + v * c[j], 0);
      expect(lhs).toBeCloseTo(rhs, 13);
      expect(spectral[i]).toBeCloseTo(flow[i], 12);
    });
    // The third coordinate is decoupled: c + e^{−3t}(x − c).
    expect(flow[2]).toBeCloseTo(0.5 + Math.exp(-3 * t) * (1.2 - 0.5), 13);
  });

  it('the scaling rule: an ℓ1 component picked with q = 1/n thresholds at κ = τ·n·w·λ', () => {
    const m = batchMap(LASSO_MODEL, [4], 3, 'prox', 0.02);
    expect(m.kind).toBe(BatchMapKind.SOFT);
    expect(m.p * 0.02).toBeCloseTo(0.02 * 5 * 1 * 0.5, 15);
  });

  it('a subdomain batch is stored as its block (the map is the identity outside) and equals the dense e^{−2hL₁} and (I + 2hL₁)⁻¹', () => {
    const N = 12;
    const [L1] = heatSplit(N);
    const heat: SumModel = { components: [{ kind: 'quadratic', A: L1, c: new Array(N).fill(0) }, { kind: 'quadratic', A: heatSplit(N)[1], c: new Array(N).fill(0) }], weights: [1, 1] };
    const h = 1e-3;
    const x = Array.from({ length: N }, (_, i) => Math.cos(i));
    const flow = batchMap(heat, [0], N, 'flow', h);
    expect(flow.lo).toBe(0);
    expect(flow.size).toBeLessThan(N);
    const dense = expm(L1.map((row) => row.map((v) => -2 * h * v)));
    const got = apply((v) => batchMapApply(v, flow, h, new Float64Array(N)), x);
    const spectral = apply((v) => batchMapApply(v, batchMap(heat, [0], N, 'spectral', 0), h, new Float64Array(N)), x);
    const resolvent = solve(L1.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) + 2 * h * v)), x);
    const prox = apply((v) => batchMapApply(v, batchMap(heat, [0], N, 'prox', h), h, new Float64Array(N)), x);
    dense.forEach((row, i) => {
      const exact = row.reduce((acc, v, j) => acc + v * x[j], 0);
      expect(got[i]).toBeCloseTo(exact, 12);
      expect(spectral[i]).toBeCloseTo(exact, 11);
      expect(prox[i]).toBeCloseTo(resolvent[i], 12);
    });
  });

  it('batches are numbered by colex rank: every b-subset once, ranks 0 … C(n, b) − 1', () => {
    for (const [n, b] of [[5, 1], [6, 3], [7, 4]]) {
      const all = enumerateBatches(n, b);
      expect(all.length).toBe(binomial(n, b));
      expect(new Set(all.map((s) => s.join(','))).size).toBe(all.length);
      all.forEach((s, r) => expect(batchRank(s)).toBe(r));
    }
  });
});

const LASSO_MODEL = (() => {
  const e = assertExperiment({ objective: LASSO, dynamics: [{ kind: 'rmm', h: 0.02 }], noise: { kind: 'minibatch', batchSize: 1 }, x0: [0, 0, 0], trajectories: 1, steps: 1 });
  return e.objective as unknown as SumModel;
})();

describe('quadratic-sum minimizers (ADMM over the proximal maps) against independent solvers and docs/math.md §1d', () => {
  it('LASSO: x* = (4/9, 1.06, 0), also found by 2·10⁴ FISTA iterations', () => {
    const admm = quadraticSumMinimizer(LASSO_MODEL.components, LASSO_MODEL.weights, 3)!;
    const fista = fistaLasso(LASSO_A, LASSO_Y, LASSO_LAMBDA, 20000);
    admm.forEach((v, i) => {
      expect(v).toBeCloseTo(LASSO_MINIMIZER[i], 9);
      expect(fista[i]).toBeCloseTo(LASSO_MINIMIZER[i], 9);
    });
  });
  it('constrained: x* = (0.75, 0.75), also found by projected gradient with Dykstra projections', () => {
    const e = assertExperiment({ objective: CONSTRAINED, dynamics: [{ kind: 'rmm', h: 0.02 }], noise: { kind: 'minibatch', batchSize: 1 }, x0: [0, 0], trajectories: 1, steps: 1 });
    const o = e.objective as unknown as SumModel;
    const admm = quadraticSumMinimizer(o.components, o.weights, 2)!;
    const pg = projectedGradientConstrained([2, 2], 200);
    admm.forEach((v, i) => {
      expect(v).toBeCloseTo(CONSTRAINED_MINIMIZER[i], 9);
      expect(pg[i]).toBeCloseTo(CONSTRAINED_MINIMIZER[i], 9);
    });
  });
});

describe('quadratic-sum and the batch dynamics refuse bad input with the JSON path', () => {
  const base = { dynamics: [{ kind: 'rmm', h: 0.1 }], x0: [0, 0], trajectories: 1, steps: 1 };
  const issues = (file: object) => {
    try {
      assertExperiment(file);
    } catch (e) {
      return (e as ExperimentError).issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    }
    return '';
  };
  it('a non-PSD component, a wrong length, an empty box', () => {
    expect(issues({ ...base, objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, -1]] }] } })).toMatch(/components\[0\]\.A.*positive semi-definite/);
    expect(issues({ ...base, objective: { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 1]] }, { kind: 'obstacle', psi: [0] }] } })).toMatch(/components\[1\]\.psi.*expected 2 entries/);
    expect(issues({ ...base, objective: { kind: 'quadratic-sum', components: [{ kind: 'box', lower: [0, 2], upper: [1, 1] }] } })).toMatch(/components\[0\]\.upper\[1\].*empty/);
  });
  it('nonsmooth components in batches of more than one, and full-flow on a nonsmooth sum', () => {
    const objective = { kind: 'quadratic-sum', components: [{ A: [[1, 0], [0, 1]] }, { kind: 'l1', lambda: 1 }, { A: [[2, 0], [0, 1]] }] };
    expect(issues({ ...base, objective, noise: { kind: 'minibatch', batchSize: 2 } })).toMatch(/dynamics\[0\].*nonsmooth.*batches of 1/);
    expect(issues({ ...base, objective, dynamics: [{ kind: 'full-flow', h: 0.1 }] })).toMatch(/dynamics\[0\].*smooth \(quadratic\) sums only/);
    expect(issues({ ...base, objective: { kind: 'quadratic', A: [[1, 0], [0, 1]] } })).toMatch(/dynamics\[0\].*needs a quadratic-sum objective/);
  });
});
