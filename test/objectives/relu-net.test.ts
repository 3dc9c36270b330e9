import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { reluNet, reluNetDim, teacherData, type ReluNetObjective } from '../../src/objectives/relu-net';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

const generated = { samples: 24, inputs: 3, teacherHidden: 2, noise: 0.1, seed: 'test' };
const objective: ReluNetObjective = { kind: 'relu-net', hidden: 4, ...teacherData(generated) };
const dim = reluNetDim(4, 3);

function reluInput(objectiveFields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { objective: { kind: 'relu-net', ...objectiveFields }, dynamics: [{ kind: 'sgd', lr: 0.1 }], x0: { kind: 'gaussian', mean: 0, std: 0.5 }, trajectories: 16, steps: 3, ...extra };
}

describe('relu-net objective (float64 twin)', () => {
  const f = reluNet.reference(objective);
  const random = seedrandom('relu');

  it('has d = h(p + 2) + 1 weights and a gradient equal to central differences of the loss away from kinks', () => {
    expect(dim).toBe(21);
    for (let trial = 0; trial < 5; trial++) {
      const x = Float64Array.from({ length: dim }, () => random() - 0.5);
      const g = new Float64Array(dim);
      f.grad(x, g);
      const h = 1e-6;
      for (let q = 0; q < dim; q++) {
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[q] += h;
        minus[q] -= h;
        // Random weights keep every pre-activation far (≫ h) from 0, so f is smooth along ±h.
        expect(Math.abs(g[q] - (f.loss(plus) - f.loss(minus)) / (2 * h))).toBeLessThan(1e-6 * (1 + Math.abs(g[q])));
      }
    }
  });

  it('is a finite sum: the mean of the sample gradients is the gradient', () => {
    const x = Float64Array.from({ length: dim }, () => random() - 0.5);
    const g = new Float64Array(dim);
    const sum = new Float64Array(dim);
    f.grad(x, g);
    for (let i = 0; i < f.sampleCount!; i++) f.sampleGradAdd!(x, i, 1 / f.sampleCount!, sum);
    sum.forEach((v, q) => expect(v).toBeCloseTo(g[q], 12));
  });

  it('relu′(0) = 0: with every hidden unit dead (W = 0, b < 0) only the output bias moves', () => {
    const x = new Float64Array(dim);
    for (let j = 0; j < 4; j++) x[12 + j] = -1; // b < 0
    x[16] = 1; // v₀
    const g = new Float64Array(dim);
    f.grad(x, g);
    const mean = objective.targets.reduce((a, b) => a + b, 0) / objective.targets.length;
    expect(g[dim - 1]).toBeCloseTo(-mean, 12); // ∂c = mean residual (ŷ = c = 0)
    expect(Array.from(g.subarray(0, dim - 1)).every((v) => v === 0)).toBe(true);
  });

  it('the Gauss–Newton product is symmetric positive semi-definite', () => {
    const x = Float64Array.from({ length: dim }, () => random() - 0.5);
    const u = Float64Array.from({ length: dim }, () => random() - 0.5);
    const w = Float64Array.from({ length: dim }, () => random() - 0.5);
    const Hu = new Float64Array(dim);
    const Hw = new Float64Array(dim);
    f.hessVec(x, u, Hu);
    f.hessVec(x, w, Hw);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, q) => s + v * b[q], 0);
    expect(dot(w, Hu)).toBeCloseTo(dot(u, Hw), 12);
    expect(dot(u, Hu)).toBeGreaterThanOrEqual(0);
  });

  it('parses generated and given data, fixing d from hidden and inputs; rejects both/neither and ragged rows', () => {
    const e = parseValid(reluInput({ hidden: 4, generate: generated }));
    expect(e.dim).toBe(21);
    expect((e.objective as ReluNetObjective).targets).toEqual(objective.targets);
    const given = parseValid(reluInput({ hidden: 2, data: { inputs: [[1, 2], [3, 4], [5, 6]], targets: [1, 0, 1] } }));
    expect(given.dim).toBe(9);
    expectIssueAt(issuesOf(reluInput({ hidden: 2 })), '$.objective', /either "data": \{ "inputs", "targets" \} or "generate": \{ "samples", "inputs", … \}, found neither/);
    expectIssueAt(issuesOf(reluInput({ hidden: 2, data: { inputs: [[1, 2], [3]], targets: [1, 0] } })), '$.objective.data.inputs[1]', /row of 2 entries/);
    expectIssueAt(issuesOf(reluInput({ hidden: 2, data: { inputs: [[1, 2]], targets: [1, 0] } })), '$.objective.data.targets', /expected 1 entries \(one target per row of \$\.objective\.data\.inputs\), found 2/);
  });
});
