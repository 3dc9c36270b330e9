import { describe, expect, it } from 'vitest';
import { objectiveDescriptor } from '../../src/registry';
import { rastrigin, rastriginConvexDelta, type RastriginObjective } from '../../src/objectives/rastrigin';
import { tiltedCosine, tiltedCosineConvexDelta, type TiltedCosineObjective } from '../../src/objectives/tilted-cosine';
import type { ReferenceObjective } from '../../src/objectives/objective-descriptor';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';

const tilted = (dim: number, a = 1, k = 4) => tiltedCosine.reference({ kind: 'tilted-cosine', dim, a, k } satisfies TiltedCosineObjective, dim);
const rast = (dim: number, amplitude = 10) => rastrigin.reference({ kind: 'rastrigin', dim, amplitude } satisfies RastriginObjective, dim);

/**
 * E g(δZ), Z ~ N(0, 1), by the trapezoid rule on [−12, 12] with 24,001 nodes: the integrand
 * is smooth and its Gaussian tail beyond 12 is below e^{−72}, so the error is at rounding level
 * (trapezoid sums of analytic, rapidly decaying functions converge geometrically).
 */
function gaussianQuadrature(g: (z: number) => number): number {
  const n = 24000;
  const h = 24 / n;
  let sum = 0;
  for (let j = 0; j <= n; j++) {
    const z = -12 + j * h;
    sum += (j === 0 || j === n ? 0.5 : 1) * Math.exp(-0.5 * z * z) * g(z);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

/** E f(x + δu), u ~ N(0, I₂), by a 2-D tensor trapezoid rule (801² nodes on [−8, 8]²; tail e^{−32} ≈ 1e-14). */
function gaussianQuadrature2d(f: ReferenceObjective, x: [number, number], delta: number): number {
  const n = 800;
  const h = 16 / n;
  let sum = 0;
  const p = new Float64Array(2);
  for (let i = 0; i <= n; i++) {
    const u = -8 + i * h;
    const wu = (i === 0 || i === n ? 0.5 : 1) * Math.exp(-0.5 * u * u);
    for (let j = 0; j <= n; j++) {
      const v = -8 + j * h;
      p[0] = x[0] + delta * u;
      p[1] = x[1] + delta * v;
      sum += wu * (j === 0 || j === n ? 0.5 : 1) * Math.exp(-0.5 * v * v) * f.loss(p);
    }
  }
  return (sum * h * h) / (2 * Math.PI);
}

const at = (...x: number[]) => Float64Array.from(x);

describe('tilted cosine and Rastrigin: closed-form Gaussian smoothing against quadrature (float64)', () => {
  it('are registered with a closed-form smoothing, x* = 0 and the packed (c, A, k)', () => {
    expect(objectiveDescriptor('tilted-cosine')).toBe(tiltedCosine);
    expect(objectiveDescriptor('rastrigin')).toBe(rastrigin);
    expect(tiltedCosine.gaussianSmoothing && rastrigin.gaussianSmoothing).toBe(true);
    expect(tiltedCosine.params.pack({ kind: 'tilted-cosine', dim: 3, a: 1.5, k: 4 })).toEqual([1, 1.5, 4]);
    expect(rastrigin.params.pack({ kind: 'rastrigin', dim: 3, amplitude: 10 })).toEqual([2, 10, 2 * Math.PI]);
    expect(rastrigin.minimizer({ kind: 'rastrigin', dim: 3, amplitude: 10 }, 3)).toEqual([0, 0, 0]);
  });

  it("reproduce docs/math.md §2d's critical points of the tilted cosine (a = 1, k = 4) and its convexity thresholds δ* = 0.588705 and 0.517447", () => {
    const f = tilted(1);
    const g = new Float64Array(1);
    const h = new Float64Array(1);
    for (const [x, value, curvature] of [
      [0, 0, 17],
      [0.838175, 2.329068, -14.6448],
      [1.476293, 1.160321, 15.8704],
      [2.52716, 4.968407, -11.4022],
      [2.935583, 4.629561, 11.8682],
    ]) {
      f.grad(at(x), g);
      f.hessVec(at(x), at(1), h);
      expect(Math.abs(g[0]), `f'(${x})`).toBeLessThan(3e-5 * Math.abs(curvature)); // x is given to 6 decimals
      expect(f.loss(at(x))).toBeCloseTo(value, 5);
      expect(h[0]).toBeCloseTo(curvature, 3);
    }
    expect(tiltedCosineConvexDelta(1, 4)).toBeCloseTo(0.588705, 6);
    expect(rastriginConvexDelta(10)).toBeCloseTo(0.517447, 6);
  });

  it("match docs/math.md §2d's values f_δ(0), f_δ(1), f_δ(2.5) at δ = 0.25, 0.5, 1 (to 1e-8)", () => {
    const f = tilted(1);
    const table: [number, number[]][] = [
      [0.25, [0.42471934, 1.9277049, 4.66517261]],
      [0.5, [0.98966472, 1.71346104, 4.36355598]],
      [1, [1.49966454, 2.00021927, 4.62528148]],
    ];
    for (const [delta, values] of table) {
      [0, 1, 2.5].forEach((x, i) => expect(Math.abs(f.smoothedLoss!(at(x), delta) - values[i]), `δ=${delta} x=${x}`).toBeLessThan(1e-8));
    }
  });

  it('f_δ(x) equals E f(x + δZ) by 1-D quadrature for the tilted cosine (several a, k, δ, x) to 1e-11', () => {
    for (const [a, k] of [[1, 4], [0.5, 7], [2, 1.3]]) {
      const f = tilted(1, a, k);
      for (const delta of [0.05, 0.25, 0.5887, 1, 2]) {
        for (const x of [-3.1, -1, 0, 0.4, 1.476293, 2.935583, 5]) {
          const numeric = gaussianQuadrature((z) => f.loss(at(x + delta * z)));
          expect(Math.abs(f.smoothedLoss!(at(x), delta) - numeric), `a=${a} k=${k} δ=${delta} x=${x}`).toBeLessThan(1e-11 * (1 + Math.abs(numeric)));
        }
      }
    }
  });

  it('∇f_δ equals E ∇f(x + δZ) by quadrature and the derivative of f_δ by central differences (tilted cosine, Rastrigin d = 3)', () => {
    for (const f of [tilted(3, 1, 4), rast(3)]) {
      for (const delta of [0, 0.1, 0.3, 0.8]) {
        const x = at(0.3, -1.7, 2.2);
        const g = new Float64Array(3);
        f.smoothedGrad!(x, delta, g);
        for (let i = 0; i < 3; i++) {
          const gi = new Float64Array(3);
          const numeric = gaussianQuadrature((z) => {
            const p = Float64Array.from(x);
            p[i] += delta * z;
            f.grad(p, gi);
            return gi[i];
          });
          expect(Math.abs(g[i] - numeric), `δ=${delta} i=${i}`).toBeLessThan(1e-9 * (1 + Math.abs(numeric)));
          const eps = 1e-6;
          const plus = Float64Array.from(x);
          const minus = Float64Array.from(x);
          plus[i] += eps;
          minus[i] -= eps;
          // Truncation ε²/6·|f_δ'''| ≤ ε²·A k³ ≈ 2.5e-10, rounding 1e-16·f/ε ≈ 1e-9.
          const fd = (f.smoothedLoss!(plus, delta) - f.smoothedLoss!(minus, delta)) / (2 * eps);
          expect(Math.abs(g[i] - fd), `fd δ=${delta} i=${i}`).toBeLessThan(1e-7 * (1 + Math.abs(g[i])));
        }
        if (delta === 0) {
          const plain = new Float64Array(3);
          f.grad(x, plain);
          expect(Array.from(g)).toEqual(Array.from(plain));
          expect(f.smoothedLoss!(x, 0)).toBe(f.loss(x));
        }
      }
    }
  });

  it('Rastrigin f_δ equals a 2-D tensor quadrature of E f(x + δu), u ~ N(0, I₂), and 10D + Σ(xᵢ² + δ² − 10e^{−2π²δ²}cos 2πxᵢ) in d = 10', () => {
    const f = rast(2);
    for (const delta of [0.1, 0.3, 0.6]) {
      for (const x of [[0, 0], [0.5, -1.2], [2.9, 3.3]] as [number, number][]) {
        const numeric = gaussianQuadrature2d(f, x, delta);
        expect(Math.abs(f.smoothedLoss!(at(...x), delta) - numeric), `δ=${delta} x=${x}`).toBeLessThan(1e-9 * (1 + numeric));
      }
    }
    const f10 = rast(10);
    const x = Float64Array.from({ length: 10 }, (_, i) => 0.37 * i - 1.6);
    for (const delta of [0, 0.25, 0.517447]) {
      let expected = 100;
      for (const xi of x) expected += xi * xi + delta * delta - 10 * Math.exp(-2 * Math.PI ** 2 * delta ** 2) * Math.cos(2 * Math.PI * xi);
      expect(f10.smoothedLoss!(x, delta)).toBeCloseTo(expected, 10);
    }
  });

  it('∇²f v equals central differences of ∇f (tilted cosine and Rastrigin, d = 4)', () => {
    for (const f of [tilted(4, 1.3, 3), rast(4)]) {
      const x = at(0.2, -0.9, 1.7, -2.6);
      const v = at(1, -0.5, 0.25, 2);
      const hv = new Float64Array(4);
      f.hessVec(x, v, hv);
      const eps = 1e-6;
      const gp = new Float64Array(4);
      const gm = new Float64Array(4);
      f.grad(x.map((xi, i) => xi + eps * v[i]), gp);
      f.grad(x.map((xi, i) => xi - eps * v[i]), gm);
      for (let i = 0; i < 4; i++) expect(Math.abs(hv[i] - (gp[i] - gm[i]) / (2 * eps))).toBeLessThan(1e-6 * (1 + Math.abs(hv[i])));
    }
  });
});

describe('tilted-cosine and rastrigin experiment files', () => {
  const input = (objective: Record<string, unknown>, x0: unknown = [1]) => ({
    objective,
    noise: { kind: 'rademacher', scale: 10, batchSize: 4 },
    dynamics: [{ kind: 'sgd', lr: 0.05 }],
    x0,
    trajectories: 256,
    steps: 10,
  });

  it('fill defaults: tilted cosine d = 1, a = 1, k = 4; Rastrigin d = 2, A = 10', () => {
    expect(parseValid(input({ kind: 'tilted-cosine' })).objective).toEqual({ kind: 'tilted-cosine', dim: 1, a: 1, k: 4 });
    const r = parseValid(input({ kind: 'rastrigin' }, [1, 2]));
    expect(r.objective).toEqual({ kind: 'rastrigin', dim: 2, amplitude: 10 });
    expect(r.dim).toBe(2);
  });

  it.each([
    [{ kind: 'tilted-cosine', a: 0 }, '$.objective.a', /> 0.*found 0/],
    [{ kind: 'tilted-cosine', k: -4 }, '$.objective.k', /> 0.*found -4/],
    [{ kind: 'tilted-cosine', dim: 1.5 }, '$.objective.dim', /positive integer.*found 1\.5/],
    [{ kind: 'rastrigin', dim: 1, amplitude: 'ten' }, '$.objective.amplitude', /> 0.*found "ten"/],
  ])('rejects %j at the field', (objective, path, message) => {
    expectIssueAt(issuesOf(input(objective)), path, message);
  });

  it('checks x0 against d', () => {
    expectIssueAt(issuesOf(input({ kind: 'rastrigin', dim: 3 }, [1, 2])), '$.x0', /expected 3 entries.*found 2/);
  });

  it('graduated-gd refuses an objective without a closed-form smoothing, and takes no noise', () => {
    const base = { dynamics: [{ kind: 'graduated-gd', lr: 0.01, delta: 0.5 }], x0: [1, 1], trajectories: 64, steps: 10 };
    expectIssueAt(issuesOf({ ...base, objective: { kind: 'double-well', dim: 2 } }), '$.dynamics[0]', /closed form.*found double-well/);
    expectIssueAt(issuesOf({ ...base, objective: { kind: 'rastrigin' }, noise: { kind: 'rademacher', scale: 1 } }), '$.dynamics[0].kind', /brings its own noise/);
    expect(parseValid({ ...base, objective: { kind: 'rastrigin' } }).dynamics[0]).toEqual({ kind: 'graduated-gd', lr: 0.01, delta: 0.5, dt: 0.01 });
  });
});
