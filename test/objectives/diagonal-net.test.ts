import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { diagonalNet, sparseTeacherData, type DiagonalNetObjective } from '../../src/objectives/diagonal-net';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

const generated = { samples: 20, features: 5, sparsity: 2, noise: 0, seed: 'test' };
const objective: DiagonalNetObjective = { kind: 'diagonal-net', ...sparseTeacherData(generated) };
const dim = 10;

const input = (fields: Record<string, unknown>) => ({
  objective: { kind: 'diagonal-net', ...fields },
  dynamics: [{ kind: 'sgd', lr: 0.01 }],
  x0: { kind: 'gaussian', mean: 0.1, std: 0.01 },
  trajectories: 16,
  steps: 3,
});

describe('diagonal-net objective (float64 twin)', () => {
  const f = diagonalNet.reference(objective);
  const random = seedrandom('dn');
  const point = () => Float64Array.from({ length: dim }, () => random() - 0.5);

  it('gradient and Hessian-vector product equal central differences (f is a quartic polynomial)', () => {
    for (let trial = 0; trial < 4; trial++) {
      const x = point();
      const v = point();
      const g = new Float64Array(dim);
      const Hv = new Float64Array(dim);
      f.grad(x, g);
      f.hessVec(x, v, Hv);
      const h = 1e-5;
      for (let q = 0; q < dim; q++) {
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[q] += h;
        minus[q] -= h;
        expect(Math.abs(g[q] - (f.loss(plus) - f.loss(minus)) / (2 * h))).toBeLessThan(1e-7 * (1 + Math.abs(g[q])));
      }
      const gp = new Float64Array(dim);
      const gm = new Float64Array(dim);
      f.grad(x.map((xi, q) => xi + h * v[q]), gp);
      f.grad(x.map((xi, q) => xi - h * v[q]), gm);
      Hv.forEach((value, q) => expect(Math.abs(value - (gp[q] - gm[q]) / (2 * h))).toBeLessThan(1e-6 * (1 + Math.abs(value))));
    }
  });

  it('the teacher is a global minimum: u = √β*₊, v = √β*₋ gives zero loss and zero gradient without noise', () => {
    const teacher = objective.teacher!;
    expect(teacher.filter((b) => b !== 0)).toHaveLength(2);
    const x = new Float64Array(dim);
    teacher.forEach((b, k) => (b > 0 ? (x[k] = Math.sqrt(b)) : (x[5 + k] = Math.sqrt(-b))));
    expect(f.loss(x)).toBeLessThan(1e-28);
    const g = new Float64Array(dim);
    f.grad(x, g);
    expect(Math.max(...Array.from(g, Math.abs))).toBeLessThan(1e-14);
  });

  it('parses with d = 2 × features; rejects sparsity above the feature count and ragged data', () => {
    expect(parseValid(input({ generate: generated })).dim).toBe(10);
    expectIssueAt(issuesOf(input({ generate: { ...generated, sparsity: 6 } })), '$.objective.generate.sparsity', /at most features = 5/);
    expectIssueAt(issuesOf(input({ data: { inputs: [[1, 2], [3]], targets: [1, 2] } })), '$.objective.data.inputs[1]', /row of 2 entries/);
  });
});
