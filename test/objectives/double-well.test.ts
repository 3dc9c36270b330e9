import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { doubleWell, type DoubleWellObjective } from '../../src/objectives/double-well';
import { objectiveDescriptor } from '../../src/registry';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

/** The symmetric well V = h (x² − 1)² as normalization fills it. */
const symmetric = (dim: number, height: number): DoubleWellObjective => ({
  kind: 'double-well',
  dim,
  height,
  saddle: 0,
  left: { depth: height, width: 1 },
  right: { depth: height, width: 1 },
});

const reference = (dim: number, height: number) => doubleWell.reference(symmetric(dim, height), dim);

/** A minimal valid double-well experiment in d = 2. */
function wellInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    objective: { kind: 'double-well', dim: 2 },
    dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 0.5 }],
    x0: [-1, 1],
    trajectories: 256,
    steps: 10,
    ...overrides,
  };
}

describe('double-well float64 reference', () => {
  const random = seedrandom('double-well');
  const point = (dim: number) => Float64Array.from({ length: dim }, () => 4 * random() - 2);

  it('is registered, and packs saddle, both wells and the top (symmetric h: [0, h, 1, h, 1, h])', () => {
    expect(objectiveDescriptor('double-well')).toBe(doubleWell);
    expect(doubleWell.params.pack(symmetric(3, 0.7))).toEqual([0, 0.7, 1, 0.7, 1, 0.7]);
  });

  it('an asymmetric well: minima at s − w_L and s + w_R with f* = 0 at the deeper one, curvature 8H/w², barrier H from each side', () => {
    const o: DoubleWellObjective = { kind: 'double-well', dim: 1, height: 0.25, saddle: 0.2, left: { depth: 1, width: 0.3 }, right: { depth: 0.5, width: 2 } };
    const f = doubleWell.reference(o, 1);
    const at = (x: number) => Float64Array.of(x);
    const g = new Float64Array(1);
    const h = new Float64Array(1);
    for (const [x, depth, width] of [[0.2 - 0.3, 1, 0.3], [0.2 + 2, 0.5, 2]]) {
      f.grad(at(x), g);
      f.hessVec(at(x), at(1), h);
      expect(Math.abs(g[0])).toBeLessThan(1e-12);
      expect(h[0]).toBeCloseTo((8 * depth) / width ** 2, 10);
    }
    expect(f.loss(at(-0.1))).toBeCloseTo(0, 12); // the deeper (left) well
    expect(f.loss(at(2.2))).toBeCloseTo(0.5, 12); // the shallower one sits 1 − 0.5 higher
    expect(f.loss(at(0.2))).toBeCloseTo(1, 12); // the saddle: barrier 1 from the left, 0.5 from the right
    expect(doubleWell.minimizer(o, 2)).toEqual([0.2 - 0.3, 0.2 - 0.3]);
    expect(doubleWell.minimizer(symmetric(2, 0.25), 2)).toBeUndefined();
    // C¹ at the saddle: both sides' gradients vanish there.
    f.grad(at(0.2 - 1e-9), g);
    expect(Math.abs(g[0])).toBeLessThan(1e-6);
  });

  it('has f = 0 and ∇f = 0 at the minima (±1, …), f = h·d at the saddle 0 (barrier h per coordinate)', () => {
    const f = reference(3, 0.25);
    const g = new Float64Array(3);
    const minimum = Float64Array.from([-1, 1, 1]);
    expect(f.loss(minimum)).toBe(0);
    f.grad(minimum, g);
    expect(Array.from(g)).toEqual([-0, 0, 0]);
    expect(f.loss(new Float64Array(3))).toBe(0.75);
    // ∇²f at the saddle is −4h I: the unstable direction of the Kramers problem.
    const out = new Float64Array(3);
    f.hessVec(new Float64Array(3), Float64Array.from([1, 2, 3]), out);
    expect(Array.from(out)).toEqual([-1, -2, -3]);
  });

  it('∇f equals central finite differences of f at random points (d = 1, 3, 7; several h)', () => {
    const eps = 1e-5;
    for (const [dim, h] of [[1, 0.25], [3, 1.7], [7, 0.05]] as const) {
      const f = reference(dim, h);
      for (let trial = 0; trial < 20; trial++) {
        const x = point(dim);
        const g = new Float64Array(dim);
        f.grad(x, g);
        for (let i = 0; i < dim; i++) {
          const plus = Float64Array.from(x);
          const minus = Float64Array.from(x);
          plus[i] += eps;
          minus[i] -= eps;
          const fd = (f.loss(plus) - f.loss(minus)) / (2 * eps);
          // Truncation ε²/6·|f'''| ≤ ε²·4h|x| ≈ 1e-9, rounding ≈ 1e-16·f/ε ≈ 1e-10.
          expect(Math.abs(g[i] - fd), `d=${dim} h=${h} i=${i}`).toBeLessThan(1e-7 * (1 + Math.abs(g[i])));
        }
      }
    }
  });

  it('∇²f v equals mixed central finite differences of f at random points and directions', () => {
    const eps = 1e-4;
    for (const [dim, h] of [[1, 0.25], [3, 1.7], [7, 0.05]] as const) {
      const f = reference(dim, h);
      for (let trial = 0; trial < 20; trial++) {
        const x = point(dim);
        const v = point(dim);
        const hv = new Float64Array(dim);
        f.hessVec(x, v, hv);
        const at = (a: number, i: number, b: number) => f.loss(x.map((xj, j) => xj + (j === i ? a : 0) + b * v[j]));
        for (let i = 0; i < dim; i++) {
          // (∇²f v)_i = ∂²f/∂x_i∂v ≈ [f(+e_i,+v) − f(+e_i,−v) − f(−e_i,+v) + f(−e_i,−v)] / 4ε².
          const fd = (at(eps, i, eps) - at(eps, i, -eps) - at(-eps, i, eps) + at(-eps, i, -eps)) / (4 * eps * eps);
          // Truncation O(ε²·h·|v|²) ≈ 1e-7, rounding ≈ 1e-16·f/ε² ≈ 1e-7.
          expect(Math.abs(hv[i] - fd), `d=${dim} h=${h} i=${i}`).toBeLessThan(1e-5 * (1 + Math.abs(hv[i])));
        }
      }
    }
  });
});

describe('double-well experiment files', () => {
  it('parses, fixing d from `dim`', () => {
    const experiment = parseValid(wellInput({ objective: { kind: 'double-well', dim: 2, height: 0.5 } }));
    expect(experiment.dim).toBe(2);
    expect(experiment.objective).toEqual(symmetric(2, 0.5));
  });

  it('fills dim = 1 and height = 1/4 by default', () => {
    const experiment = parseValid(wellInput({ objective: { kind: 'double-well' }, x0: [-1] }));
    expect(experiment.dim).toBe(1);
    expect(experiment.objective).toEqual(symmetric(1, 0.25));
  });

  it('checks x0 and σ against the default dim = 1', () => {
    const issues = issuesOf(wellInput({ objective: { kind: 'double-well' }, dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: [1, 1] }] }));
    expectIssueAt(issues, '$.x0', /expected 1 entries.*found 2/);
    expectIssueAt(issues, '$.dynamics[0].sigma', /expected 1 entries.*found 2/);
  });

  it.each([
    [0, /positive integer.*found 0/],
    [-2, /positive integer.*found -2/],
    [1.5, /positive integer.*found 1\.5/],
    ['2', /positive integer.*found "2"/],
  ])('rejects dim = %j at $.objective.dim', (dim, message) => {
    expectIssueAt(issuesOf(wellInput({ objective: { kind: 'double-well', dim } })), '$.objective.dim', message);
  });

  it.each([
    [0, /> 0.*found 0/],
    [-0.25, /> 0.*found -0\.25/],
    ['high', /> 0.*found "high"/],
  ])('rejects height = %j at $.objective.height', (height, message) => {
    expectIssueAt(issuesOf(wellInput({ objective: { kind: 'double-well', dim: 2, height } })), '$.objective.height', message);
  });

  it('rejects an unknown key in the objective, suggesting the intended one', () => {
    expectIssueAt(issuesOf(wellInput({ objective: { kind: 'double-well', dim: 2, hieght: 1 } })), '$.objective.hieght', /did you mean "height"/);
  });

  it('rejects an x0 whose length is not dim at $.x0', () => {
    expectIssueAt(issuesOf(wellInput({ x0: [-1, 1, 0] })), '$.x0', /expected 2 entries.*found 3/);
    expectIssueAt(issuesOf(wellInput({ x0: { kind: 'gaussian', mean: [0, 0, 0], std: 0.1 } })), '$.x0.mean', /expected 2 entries.*found 3/);
  });

  it('rejects the exact integrator of gradient-sde (it needs a quadratic) at the integrator path', () => {
    const issues = issuesOf(wellInput({ dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 0.5, integrator: 'exact' }] }));
    expect(issues).toHaveLength(1);
    expectIssueAt(issues, '$.dynamics[0].integrator', /"exact" requires an objective of kind "quadratic", found \$\.objective\.kind = "double-well"/);
  });
});
