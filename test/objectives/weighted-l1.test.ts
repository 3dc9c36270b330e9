import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { weightedL1, type WeightedL1Objective } from '../../src/objectives/weighted-l1';
import { objectiveDescriptor } from '../../src/registry';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

const o: WeightedL1Objective = { kind: 'weighted-l1', weights: [1, 2, 0.5], center: [0.5, 0, -1] };
const f = weightedL1.reference(o, 3);
const at = (...x: number[]) => Float64Array.from(x);

function input(objective: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return { objective, dynamics: [{ kind: 'sgd', lr: 0.1 }], x0: [0, 0], trajectories: 16, steps: 10, ...overrides };
}

describe('weighted L1 float64 reference f = Σ wᵢ|xᵢ − cᵢ|', () => {
  it('is registered, packs [w, c], and its minimizer is c', () => {
    expect(objectiveDescriptor('weighted-l1')).toBe(weightedL1);
    expect(weightedL1.params.pack(o)).toEqual([1, 2, 0.5, 0.5, 0, -1]);
    expect(weightedL1.minimizer(o)).toEqual([0.5, 0, -1]);
  });

  it('loss and the Clarke subgradient wᵢ·sign(xᵢ − cᵢ) away from the kinks; ∇²f v = 0', () => {
    const g = new Float64Array(3);
    const x = at(2, -0.25, 0);
    f.grad(x, g);
    expect([...g]).toEqual([1, -2, 0.5]);
    expect(f.loss(x)).toBeCloseTo(1 * 1.5 + 2 * 0.25 + 0.5 * 1, 15);
    const h = at(7, 7, 7);
    f.hessVec(x, at(1, 2, 3), h);
    expect([...h]).toEqual([0, 0, 0]);
  });

  it('at a kink the coordinate returns 0, a valid element of wᵢ·∂|·|(0) = [−wᵢ, wᵢ]; at x = c the whole subgradient is 0 (Clarke-stationary)', () => {
    const g = new Float64Array(3);
    f.grad(at(0.5, 3, -2), g);
    expect([...g]).toEqual([0, 2, -0.5]);
    f.grad(at(0.5, 0, -1), g);
    expect([...g].map(Math.abs)).toEqual([0, 0, 0]);
    expect(f.loss(at(0.5, 0, -1))).toBe(0);
  });

  it('x = c is the only Clarke-stationary point: anywhere else some |gᵢ| = wᵢ > 0, and 0 ∉ ∂f(x) there', () => {
    const random = seedrandom('weighted-l1-clarke');
    const g = new Float64Array(3);
    for (let n = 0; n < 1000; n++) {
      // Points on a coarse grid hit kinks in some coordinates but not all.
      const x = at(...o.center.map((c) => (random() < 0.5 ? c : c + Math.round(4 * random() - 2) / 2)));
      f.grad(x, g);
      const atCenter = [...x].every((v, i) => v === o.center[i]);
      const largest = Math.max(...[...g].map((v, i) => Math.abs(v) / o.weights[i]));
      expect(largest).toBe(atCenter ? 0 : 1);
    }
  });

  it('is not a finite sum: no sample count, no sample gradients, no objective_sample_grad_add in the WGSL module', () => {
    expect(f.sampleCount).toBeUndefined();
    expect(f.sampleGradAdd).toBeUndefined();
    expect((weightedL1 as { sampleCount?: unknown }).sampleCount).toBeUndefined();
    expect(weightedL1.shader.source).not.toMatch(/fn\s+objective_sample_grad_add/);
    expect(weightedL1.shader.source).toMatch(/fn objective_grad[\s\S]*fn objective_hess_vec[\s\S]*fn objective_loss/);
  });

  it('E f(X) for Gaussian X: σ√(2/π) at the center, |μ| without spread, and a 400,000-sample Monte Carlo mean within 5 standard errors', () => {
    const one: WeightedL1Objective = { kind: 'weighted-l1', weights: [1], center: [0] };
    expect(weightedL1.gaussianExpectation(one, [0], [[4]])).toBeCloseTo(2 * Math.sqrt(2 / Math.PI), 14);
    expect(weightedL1.gaussianExpectation(one, [-3], [[0]])).toBe(3);
    const mean = [1, 0.3, -2];
    const sd = [0.7, 1.5, 0.4];
    const random = seedrandom('weighted-l1-gaussian');
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const N = 400_000;
    let sum = 0;
    let sumSq = 0;
    for (let n = 0; n < N; n++) {
      const v = f.loss(at(...mean.map((m, i) => m + sd[i] * normal())));
      sum += v;
      sumSq += v * v;
    }
    const mc = sum / N;
    const se = Math.sqrt((sumSq / N - mc * mc) / N);
    const exact = weightedL1.gaussianExpectation(o, mean, [[sd[0] ** 2, 0.1, 0], [0.1, sd[1] ** 2, 0], [0, 0, sd[2] ** 2]]);
    expect(Math.abs(mc - exact)).toBeLessThan(5 * se);
  });
});

describe('the weighted-l1 experiment format', () => {
  it('d is the length of weights; center defaults to 0; distance is allowed (x* = c)', () => {
    const e = parseValid(input({ kind: 'weighted-l1', weights: [1, 2] }, { record: { observables: ['distance', 'loss'] } }));
    expect(e.dim).toBe(2);
    expect(e.objective).toEqual({ kind: 'weighted-l1', weights: [1, 2], center: [0, 0] });
  });

  it('rejects non-positive weights, a center of the wrong length and empty weights, at their JSON paths', () => {
    expectIssueAt(issuesOf(input({ kind: 'weighted-l1', weights: [1, 0] })), '$.objective.weights[1]', /> 0/);
    expectIssueAt(issuesOf(input({ kind: 'weighted-l1', weights: [1, 2], center: [0, 0, 0] })), '$.objective.center', /expected 2 entries.*weights/);
    expect(issuesOf(input({ kind: 'weighted-l1', weights: [] }, { x0: [0] })).map((i) => i.path)).toContain('$.objective.weights');
  });

  it('refuses mini-batch noise: it is not a finite sum', () => {
    expectIssueAt(issuesOf(input({ kind: 'weighted-l1', weights: [1, 2] }, { noise: { kind: 'minibatch', batchSize: 1 } })), '$.noise.kind', /finite-sum/);
  });
});
