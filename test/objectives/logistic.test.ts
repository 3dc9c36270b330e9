import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { logistic, type LogisticObjective } from '../../src/objectives/logistic';
import { rowDot } from '../../src/objectives/finite-sum-data';
import { sigmoid, softplus } from '../../src/reference/objectives/logistic';
import { objectiveDescriptor } from '../../src/registry';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

function logisticInput(objective: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { objective: { kind: 'logistic', ...objective }, dynamics: [{ kind: 'sgd', lr: 0.1 }], x0: [0, 0], trajectories: 256, steps: 10, ...overrides };
}

const generated = (samples: number, features: number, noise: number, l2 = 0, seed: string | number = 'logistic') =>
  parseValid(logisticInput({ generate: { samples, features, noise, seed }, l2 }, { x0: new Array(features).fill(0) })).objective as LogisticObjective;

describe('logistic objective: float64 twin', () => {
  const random = seedrandom('logistic');
  const point = (d: number) => Float64Array.from({ length: d }, () => 4 * random() - 2);

  it('is registered; data interleaves a_i and the label, λ is the one model parameter', () => {
    const o: LogisticObjective = { kind: 'logistic', A: [[1, 2], [3, 4]], y: [1, -1], l2: 0.5 };
    expect(objectiveDescriptor('logistic')).toBe(logistic);
    expect(logistic.data(o)).toEqual([1, 2, 1, 3, 4, -1]);
    expect(logistic.params.pack(o)).toEqual([0.5]);
    expect(logistic.constants(o)).toEqual({ N_SAMPLES: 2 });
  });

  it('softplus and σ are stable at any argument: no overflow at ±1000, full relative accuracy in the far tails', () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(-50) / Math.exp(-50)).toBeCloseTo(1, 15);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-50) / Math.exp(-50)).toBeCloseTo(1, 12);
    for (const t of [-20, -3, -0.1, 0, 0.1, 3, 20]) {
      expect(softplus(t)).toBeCloseTo(Math.log(1 + Math.exp(t)), 12);
      expect(sigmoid(t)).toBeCloseTo(1 / (1 + Math.exp(-t)), 15);
    }
    // The loss of a huge margin stays finite, and so does its gradient.
    const o: LogisticObjective = { kind: 'logistic', A: [[1000, 0]], y: [-1], l2: 0 };
    const f = logistic.reference(o, 2);
    const g = new Float64Array(2);
    f.grad(Float64Array.from([1, 0]), g);
    expect(f.loss(Float64Array.from([1, 0]))).toBe(1000);
    expect(Array.from(g)).toEqual([1000, 0]);
  });

  it('f(0) = log 2; ∇f and ∇²f v equal finite differences of f; sample gradients (with λx inside each f_i) average to ∇f', () => {
    const o = generated(40, 3, 1, 0.3);
    const f = logistic.reference(o, 3);
    expect(f.loss(new Float64Array(3))).toBeCloseTo(Math.LN2, 14);
    for (let trial = 0; trial < 20; trial++) {
      const x = point(3);
      const v = point(3);
      const g = new Float64Array(3);
      const hv = new Float64Array(3);
      const sum = new Float64Array(3);
      f.grad(x, g);
      f.hessVec(x, v, hv);
      for (let i = 0; i < 40; i++) f.sampleGradAdd!(x, i, 1 / 40, sum);
      const eps = 1e-5;
      for (let j = 0; j < 3; j++) {
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[j] += eps;
        minus[j] -= eps;
        // Truncation ε²·|f'''|/6 ≲ ε²·max‖a‖³ ≈ 1e-8, rounding ≈ 1e-16·f/ε ≈ 1e-11.
        expect(Math.abs(g[j] - (f.loss(plus) - f.loss(minus)) / (2 * eps))).toBeLessThan(1e-7);
        expect(sum[j]).toBeCloseTo(g[j], 12);
        // ∇²f v by central differences of ∇f along v: truncation ε²·‖v‖²·|f''''| ≈ 1e-9.
        const gp = new Float64Array(3);
        const gm = new Float64Array(3);
        f.grad(x.map((xi, k) => xi + eps * v[k]), gp);
        f.grad(x.map((xi, k) => xi - eps * v[k]), gm);
        expect(Math.abs(hv[j] - (gp[j] - gm[j]) / (2 * eps))).toBeLessThan(1e-7);
      }
    }
  });

  it('∇³f[v, v] equals the central difference of ∇²f v along v, and stays finite at margins of ±1000', () => {
    const o = generated(40, 3, 1, 0.3);
    const f = logistic.reference(o, 3);
    for (let trial = 0; trial < 20; trial++) {
      const x = point(3);
      const v = point(3);
      const third = new Float64Array(3);
      f.thirdDir!(x, v, third);
      const eps = 1e-5;
      const hp = new Float64Array(3);
      const hm = new Float64Array(3);
      f.hessVec(x.map((xi, k) => xi + eps * v[k]), v, hp);
      f.hessVec(x.map((xi, k) => xi - eps * v[k]), v, hm);
      // Truncation ε²·‖v‖³·|f⁽⁵⁾| ≈ 1e-9, rounding ≈ 1e-16/ε ≈ 1e-11.
      for (let j = 0; j < 3; j++) expect(Math.abs(third[j] - (hp[j] - hm[j]) / (2 * eps))).toBeLessThan(1e-7);
    }
    const far = logistic.reference({ kind: 'logistic', A: [[1000, 0]], y: [-1], l2: 0 }, 2);
    const out = new Float64Array(2);
    far.thirdDir!(Float64Array.from([1, 0]), Float64Array.from([1, 1]), out);
    expect(Array.from(out).every(Number.isFinite)).toBe(true);
  });

  it('with λ > 0 the minimizer (damped Newton) has ∇f = 0; with λ = 0 none is reported', () => {
    const o = generated(60, 3, 1, 0.05);
    const x = logistic.minimizer(o, 3)!;
    const g = new Float64Array(3);
    logistic.reference(o, 3).grad(Float64Array.from(x), g);
    expect(Math.max(...Array.from(g, Math.abs))).toBeLessThan(1e-12);
    expect(logistic.minimizer({ ...o, l2: 0 }, 3)).toBeUndefined();
  });

  it('generated labels are ±1: sign(a_iᵀx_true) without noise, some flipped with noise', () => {
    const clean = generated(200, 3, 0, 0, 'labels');
    const xTrue = clean.generated!.xTrue;
    clean.y.forEach((y, i) => expect(y).toBe(rowDot(clean.A[i], xTrue) >= 0 ? 1 : -1));
    const noisy = generated(200, 3, 2, 0, 'labels');
    expect(noisy.A).toEqual(clean.A);
    const flipped = noisy.y.filter((y, i) => y !== clean.y[i]).length;
    expect(flipped).toBeGreaterThan(0);
    expect(flipped).toBeLessThan(100);
    expect(noisy.y.every((y) => y === 1 || y === -1)).toBe(true);
  });
});

describe('logistic experiment files', () => {
  it('parses the data form with l2 = 0 by default', () => {
    const e = parseValid(logisticInput({ data: { A: [[1, 0], [0, 1]], y: [1, -1] } }));
    expect(e.objective).toEqual({ kind: 'logistic', A: [[1, 0], [0, 1]], y: [1, -1], l2: 0 });
  });

  it('rejects labels other than ±1, naming each (the first ten, then a count)', () => {
    const issues = issuesOf(logisticInput({ data: { A: [[1, 0], [0, 1], [1, 1], [2, 2]], y: [1, 0, -1, 2] } }));
    expectIssueAt(issues, '$.objective.data.y[1]', /expected a label −1 or \+1, found 0/);
    expectIssueAt(issues, '$.objective.data.y[3]', /found 2/);
    const many = issuesOf(logisticInput({ data: { A: new Array(15).fill([1, 0]), y: new Array(15).fill(0.5) } }));
    expect(many.filter((i) => i.path.startsWith('$.objective.data.y['))).toHaveLength(10);
    expectIssueAt(many, '$.objective.data.y', /5 more labels are not −1 or \+1/);
  });

  it('rejects a y of the wrong length, ragged rows, a negative l2, and neither data nor generate', () => {
    expectIssueAt(issuesOf(logisticInput({ data: { A: [[1, 0], [0, 1]], y: [1] } })), '$.objective.data.y', /expected 2 entries \(one label per row/);
    expectIssueAt(issuesOf(logisticInput({ data: { A: [[1, 0], [0]], y: [1, 1] } })), '$.objective.data.A[1]', /row of 2 entries/);
    expectIssueAt(issuesOf(logisticInput({ data: { A: [[1, 0]], y: [1] }, l2: -1 })), '$.objective.l2', /≥ 0/);
    expectIssueAt(issuesOf(logisticInput({ l2: 1 })), '$.objective', /found neither/);
  });

  it('offers `distance` only with λ > 0', () => {
    const observe = { record: { observables: ['mean', 'distance'] } };
    parseValid(logisticInput({ generate: { samples: 20, features: 2, noise: 1 }, l2: 0.1 }, observe));
    expectIssueAt(issuesOf(logisticInput({ generate: { samples: 20, features: 2, noise: 1 } }, observe)), '$.record.observables[1]', /unique minimizer/);
  });
});
