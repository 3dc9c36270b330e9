import { describe, expect, it } from 'vitest';
import { pathDifferences } from '../../src/internal';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { batchDraw } from '../../src/reference/batch-draw';
import { CONSTRAINED, heatSplit, LASSO } from './fixtures';
import { runCpu, runGpu, specsOf } from './support';

const U = 2 ** -24;

/**
 * f32 drift of a path over `steps` exact maps, each a product of d terms (or a
 * projection) of magnitudes ≲ scale, contractive (no growth of earlier errors):
 * (2d + 8) roundings per step, plus the f32 rounding of the map's entries.
 */
const f32Bound = (d: number, steps: number, scale: number) => steps * (2 * d + 8) * U * scale * 4;

/** A smooth 3-d sum of four quadratics, batches of 2 (C(4, 2) = 6 batch maps). */
const SMOOTH_SUM = {
  kind: 'quadratic-sum',
  components: [
    { A: [[2, 0.5, 0], [0.5, 1, 0], [0, 0, 0.5]], c: [1, 0, -1] },
    { kind: 'least-squares', A: [[1, -1, 0.5], [0, 1, 1]], y: [0.3, -0.2] },
    { A: [[1, 0, 0], [0, 3, 1], [0, 1, 2]], c: [-1, 1, 0] },
    { A: [[0.5, 0, 0], [0, 0.5, 0], [0, 0, 4]], c: [0, -2, 1] },
  ],
};

async function comparePaths(file: object, scale: number) {
  for (const spec of specsOf(file)) {
    const track = Math.min(spec.trajectories, 256);
    const g = await runGpu(spec, track);
    const c = await runCpu(spec, track);
    const diff = pathDifferences(g.tracked!, c.tracked!);
    expect(diff.maxAbs, `${(spec.dynamics.value as { kind: string }).kind}`).toBeLessThan(f32Bound(spec.dim, spec.steps, scale));
    // The paths moved: a kernel that did nothing would leave x at x0.
    const moved = Math.max(...Array.from(c.tracked!.at(-1)!, (v, i) => Math.abs(v - c.tracked![0][i])));
    expect(moved).toBeGreaterThan(0.05);
  }
}

describe('mini-batch flow, full flow and RMM: GPU (f32) against the float64 twin, path by path', () => {
  it('smooth sum, batches of 2: fixed and exponential switching, RMM, full flow', async () => {
    await comparePaths(
      {
        objective: SMOOTH_SUM,
        noise: { kind: 'minibatch', batchSize: 2 },
        dynamics: [{ kind: 'minibatch-flow', h: 0.05 }, { kind: 'minibatch-flow', h: 0.05, switching: 'exponential' }, { kind: 'rmm', h: 0.05 }, { kind: 'full-flow', h: 0.05 }],
        x0: { kind: 'gaussian', mean: [0, 0, 0], std: [2, 2, 2] },
        trajectories: 256,
        steps: 60,
        record: { every: 20, observables: ['mean'] },
        seed: 'paths-smooth',
      },
      8,
    );
  });

  it('LASSO rows and ℓ1 (soft thresholds), constrained (box and halfspace projections), batches of 1', async () => {
    const common = { noise: { kind: 'minibatch', batchSize: 1 }, trajectories: 256, steps: 80, record: { every: 40, observables: ['mean'] } };
    await comparePaths({ ...common, objective: LASSO, dynamics: [{ kind: 'rmm', h: 0.02 }, { kind: 'minibatch-flow', h: 0.02 }, { kind: 'minibatch-flow', h: 0.02, switching: 'exponential' }], x0: [0, 0, 0], seed: 'paths-lasso' }, 4);
    await comparePaths({ ...common, objective: CONSTRAINED, dynamics: [{ kind: 'rmm', h: 0.02 }, { kind: 'minibatch-flow', h: 0.02 }], x0: { kind: 'gaussian', mean: [0, 0], std: [2, 2] }, seed: 'paths-constrained' }, 8);
  });

  it('d = 256 (heat equation on two overlapping subdomains): fixed-switching flow and RMM, state in storage', async () => {
    const N = 256;
    const L = heatSplit(N);
    const x0 = Array.from({ length: N }, (_, j) => Math.sin((Math.PI * (j + 1)) / (N + 1)));
    await comparePaths(
      {
        objective: { kind: 'quadratic-sum', components: [{ A: L[0] }, { A: L[1] }], weights: [1, 1] },
        noise: { kind: 'minibatch', batchSize: 1 },
        dynamics: [{ kind: 'minibatch-flow', h: 0.05 / 8 }, { kind: 'rmm', h: 0.05 / 8 }],
        x0,
        trajectories: 64,
        horizon: 0.05,
        record: { every: 4, observables: ['mean'] },
        seed: 'paths-256',
      },
      1,
    );
  });
});

describe('proximal operators on the GPU against their closed forms', () => {
  it('one RMM step on six components picked alone (quadratic, ℓ1, box, halfspace, ball, obstacle): every trajectory equals its component’s closed form', async () => {
    const objective = {
      kind: 'quadratic-sum',
      components: [
        { A: [[2, 0, 0], [0, 1, 0], [0, 0, 3]], c: [1, -1, 0.5] },
        { kind: 'l1', lambda: 0.4 },
        { kind: 'box', lower: [-1, 0, -0.5], upper: [1, 2, 0.5] },
        { kind: 'halfspace', normal: [1, 2, -1], offset: 0.5 },
        { kind: 'ball', center: [0.5, 0, -0.5], radius: 1.5 },
        { kind: 'obstacle', psi: [0, -0.5, 0.25] },
      ],
    };
    const tau = 0.3;
    const [spec] = specsOf({ objective, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'rmm', h: tau }], x0: { kind: 'gaussian', mean: [0, 0, 0], std: [2, 2, 2] }, trajectories: 1536, steps: 1, seed: 'prox-gpu' });
    const g = await runGpu(spec, spec.trajectories);
    const c = await runCpu(spec, spec.trajectories);
    const [x0s, x1s] = [c.tracked![0], g.tracked![1]];
    const picked = new Array<number>(6).fill(0);
    for (let t = 0; t < spec.trajectories; t++) {
      const x = Array.from(x0s.subarray(3 * t, 3 * t + 3));
      const i = batchDraw(new TrajectoryStream(spec.key, t), 0, 0, 6, 1);
      picked[i]++;
      // F_{i} = n·wᵢ·fᵢ = fᵢ (default weights 1/n): closed forms of docs/math.md §1c's table.
      let expected: number[];
      if (i === 0) expected = x.map((v, j) => (v + tau * [2, 1, 3][j] * [1, -1, 0.5][j]) / (1 + tau * [2, 1, 3][j]));
      else if (i === 1) expected = x.map((v) => Math.sign(v) * Math.max(Math.abs(v) - tau * 0.4, 0));
      else if (i === 2) expected = x.map((v, j) => Math.min(Math.max(v, [-1, 0, -0.5][j]), [1, 2, 0.5][j]));
      else if (i === 3) {
        const a = [1, 2, -1];
        const excess = Math.max(0, x[0] + 2 * x[1] - x[2] - 0.5) / 6;
        expected = x.map((v, j) => v - excess * a[j]);
      } else if (i === 4) {
        const center = [0.5, 0, -0.5];
        const r = Math.hypot(...x.map((v, j) => v - center[j]));
        expected = x.map((v, j) => center[j] + (1.5 * (v - center[j])) / Math.max(1.5, r));
      } else expected = x.map((v, j) => Math.max(v, [0, -0.5, 0.25][j]));
      expected.forEach((v, j) => expect(Math.abs(x1s[3 * t + j] - v)).toBeLessThan(16 * U * (1 + Math.abs(v)) + 2e-6 * 2));
    }
    // And the float64 twins (src/reference/prox.ts) agree with the GPU on every trajectory.
    expect(pathDifferences(g.tracked!, c.tracked!).maxAbs).toBeLessThan(32 * U * 8);
    // Each operator was exercised (1536/6 = 256 expected picks each).
    picked.forEach((count) => expect(count).toBeGreaterThan(180));
  });
});

describe('domain decomposition keeps the maximum principle (docs/math.md §1e.4)', () => {
  it('‖v(t)‖∞ ≤ ‖u0‖∞ at every checkpoint, for fixed and exponential switching (each −2L_i generates a sub-Markov semigroup)', async () => {
    const N = 49;
    const L = heatSplit(N);
    const x0 = Array.from({ length: N }, (_, j) => Math.sin((Math.PI * (j + 1)) / (N + 1)));
    const sup0 = Math.max(...x0);
    const specs = specsOf({
      objective: { kind: 'quadratic-sum', components: [{ A: L[0] }, { A: L[1] }], weights: [1, 1] },
      noise: { kind: 'minibatch', batchSize: 1 },
      dynamics: [{ kind: 'minibatch-flow', h: 0.05 / 16 }, { kind: 'minibatch-flow', h: 0.05 / 16, switching: 'exponential' }],
      x0,
      trajectories: 512,
      horizon: 0.05,
      record: { every: 2, observables: ['mean'] },
      seed: 'max-principle',
    });
    for (const spec of specs) {
      const g = await runGpu(spec, 512);
      for (const states of g.tracked!) {
        let sup = 0;
        for (const v of states) sup = Math.max(sup, Math.abs(v));
        expect(sup).toBeLessThanOrEqual(sup0 * (1 + 64 * U));
      }
      // Not vacuous: the solution decayed (u(T)/u0 = 0.61 for the full flow).
      expect(Math.max(...Array.from(g.tracked!.at(-1)!, Math.abs))).toBeLessThan(0.95 * sup0);
    }
  });
});
