import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { absoluteDeviation, coordinatewiseMedian, type AbsoluteDeviationObjective } from '../../src/objectives/absolute-deviation';
import { objectiveDescriptor } from '../../src/registry';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

/** docs/math.md §5c: a = (−2, −1, 0.5, 1, 3), b = (1, −1, 0, 2, −3), w = (1, 2); x* = (0.5, 0). */
const MATH_EXAMPLE: AbsoluteDeviationObjective = {
  kind: 'absolute-deviation',
  points: [[-2, 1], [-1, -1], [0.5, 0], [1, 2], [3, -3]],
  weights: [1, 2],
};

function adInput(objective: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { objective: { kind: 'absolute-deviation', ...objective }, dynamics: [{ kind: 'sgd', lr: 0.1 }], x0: [0, 0], trajectories: 256, steps: 10, ...overrides };
}

describe('absolute-deviation objective: float64 twin', () => {
  const f = absoluteDeviation.reference(MATH_EXAMPLE, 2);
  const grad = (x: number[]) => {
    const g = new Float64Array(2);
    f.grad(Float64Array.from(x), g);
    return Array.from(g);
  };

  it('is registered; data are the points, the weights the model parameters', () => {
    expect(objectiveDescriptor('absolute-deviation')).toBe(absoluteDeviation);
    expect(absoluteDeviation.data(MATH_EXAMPLE)).toEqual([-2, 1, -1, -1, 0.5, 0, 1, 2, 3, -3]);
    expect(absoluteDeviation.params.pack(MATH_EXAMPLE)).toEqual([1, 2]);
    expect(absoluteDeviation.constants(MATH_EXAMPLE)).toEqual({ N_SAMPLES: 5 });
  });

  it('docs/math.md §5c’s example: x* = (0.5, 0), f(x*) = 4.2, and the subgradient with sign(0) = 0 vanishes there', () => {
    expect(absoluteDeviation.minimizer(MATH_EXAMPLE)).toEqual([0.5, 0]);
    // (1/5)[(2.5 + 1.5 + 0 + 0.5 + 2.5) + 2(1 + 1 + 0 + 2 + 3)] = 21/5.
    expect(f.loss(Float64Array.from([0.5, 0]))).toBeCloseTo(4.2, 14);
    expect(grad([0.5, 0]).map(Math.abs)).toEqual([0, 0]);
  });

  it('the subgradient is (w_j/N)(#{a_ij < x_j} − #{a_ij > x_j}): at (1, 2) it is (0.4, 1.6), points on kinks count 0', () => {
    const g = grad([1, 2]);
    expect(g[0]).toBeCloseTo(0.4, 15); // a < 1: −2, −1, 0.5; a > 1: 3; a = 1 counts 0
    expect(g[1]).toBeCloseTo(1.6, 15); // b < 2: 1, −1, 0, −3; b = 2 counts 0; times w = 2
    const random = seedrandom('clarke');
    for (let trial = 0; trial < 50; trial++) {
      const x = [6 * random() - 3, 6 * random() - 3];
      const expected = [0, 1].map((j) => {
        const below = MATH_EXAMPLE.points.filter((p) => p[j] < x[j]).length;
        const above = MATH_EXAMPLE.points.filter((p) => p[j] > x[j]).length;
        return (MATH_EXAMPLE.weights[j] * (below - above)) / 5;
      });
      grad(x).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 15));
      // Off the kinks it is the derivative of f: a one-sided difference inside the linear piece.
      const eps = 1e-9;
      const step = (j: number) => (f.loss(Float64Array.from(x.map((v, k) => v + (k === j ? eps : 0)))) - f.loss(Float64Array.from(x))) / eps;
      [0, 1].forEach((j) => expect(Math.abs(step(j) - expected[j])).toBeLessThan(1e-5));
    }
  });

  it('sample subgradients average to the subgradient; the Hessian is 0', () => {
    const x = Float64Array.from([0.7, -0.2]);
    const sum = new Float64Array(2);
    for (let i = 0; i < 5; i++) f.sampleGradAdd!(x, i, 1 / 5, sum);
    expect(Array.from(sum).map((v) => Number(v.toFixed(12)))).toEqual(grad([0.7, -0.2]).map((v) => Number(v.toFixed(12))));
    const hv = Float64Array.from([9, 9]);
    f.hessVec(x, Float64Array.from([1, 1]), hv);
    expect(Array.from(hv)).toEqual([0, 0]);
  });

  it('x* minimizes f: f(x* + δ) ≥ f(x*) for random δ', () => {
    const random = seedrandom('minimum');
    const best = f.loss(Float64Array.from([0.5, 0]));
    for (let trial = 0; trial < 200; trial++) {
      const scale = 10 ** (-4 + 4 * random());
      expect(f.loss(Float64Array.from([0.5 + scale * (2 * random() - 1), scale * (2 * random() - 1)]))).toBeGreaterThanOrEqual(best);
    }
  });

  it('the median is unique for N odd, and for N even only when the two middle values coincide', () => {
    expect(coordinatewiseMedian([[1], [5], [2], [4]])).toBeUndefined();
    expect(coordinatewiseMedian([[1, 0], [3, 7], [3, 1], [4, 2]])).toBeUndefined();
    expect(coordinatewiseMedian([[1, 0], [3, 1], [3, 1], [4, 2]])).toEqual([3, 1]);
    expect(coordinatewiseMedian([[2, -1]])).toEqual([2, -1]);
  });
});

describe('absolute-deviation experiment files', () => {
  it('parses docs/math.md §5c’s example; weights default to 1 and a single number fills every coordinate', () => {
    expect(parseValid(adInput({ points: MATH_EXAMPLE.points, weights: [1, 2] })).objective).toEqual(MATH_EXAMPLE);
    expect((parseValid(adInput({ points: [[0, 1], [2, 3]] })).objective as AbsoluteDeviationObjective).weights).toEqual([1, 1]);
    expect((parseValid(adInput({ points: [[0, 1], [2, 3]], weights: 3 })).objective as AbsoluteDeviationObjective).weights).toEqual([3, 3]);
  });

  it('rejects weights of the wrong length or ≤ 0, ragged points and x0 of the wrong size, naming paths', () => {
    expectIssueAt(issuesOf(adInput({ points: [[0, 1], [2, 3]], weights: [1, 2, 3] })), '$.objective.weights', /expected 2 entries \(d = 2, the size of \$\.objective\.points\[0\]\), found 3/);
    expectIssueAt(issuesOf(adInput({ points: [[0, 1], [2, 3]], weights: [1, 0] })), '$.objective.weights[1]', /> 0, found 0/);
    expectIssueAt(issuesOf(adInput({ points: [[0, 1], [2, 3]], weights: -1 })), '$.objective.weights');
    expectIssueAt(issuesOf(adInput({ points: [[0, 1], [2, 3], [4]] })), '$.objective.points[2]', /row of 2 entries/);
    expectIssueAt(issuesOf(adInput({ points: [[0, 1, 2]] })), '$.x0', /expected 3 entries/);
    expectIssueAt(issuesOf(adInput({ points: [] })), '$.objective.points');
  });

  it('offers `distance` when the median is unique and refuses it otherwise', () => {
    const observe = { record: { observables: ['mean', 'distance'] } };
    parseValid(adInput({ points: MATH_EXAMPLE.points, weights: [1, 2] }, observe));
    expectIssueAt(issuesOf(adInput({ points: [[0, 1], [2, 3]] }, observe)), '$.record.observables[1]', /unique minimizer/);
  });

  it('takes mini-batches (a finite sum)', () => {
    const e = parseValid(adInput({ points: MATH_EXAMPLE.points }, { noise: { kind: 'minibatch', batchSize: 1 } }));
    expect(absoluteDeviation.sampleCount(e.objective as AbsoluteDeviationObjective)).toBe(5);
  });
});
