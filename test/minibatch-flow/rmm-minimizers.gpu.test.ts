import { describe, expect, it } from 'vitest';
import { CONSTRAINED, fistaLasso, LASSO, LASSO_A, LASSO_LAMBDA, LASSO_Y, projectedGradientConstrained } from './fixtures';
import { meanAndError, runGpu, specsOf } from './support';

// docs/math.md §1d (ii)–(iii), §1e.3 and §1e.5: RMM with equiprobable components (batches of 1), x0 = 0.
const N = 2048;
const Z = 5;
/** The Monte Carlo tables of docs/math.md §1d used 2·10⁴ runs: their standard errors are ours scaled by √(N / 2·10⁴). */
const MATH_RUNS = 20000;

interface Summary {
  mean: { mean: number; se: number }[];
  sq: { mean: number; se: number };
}

async function finalStates(file: object, taus: number[], d: number, xStar: number[]): Promise<Summary[]> {
  const out: Summary[] = [];
  for (const spec of specsOf({ ...file, sweep: { h: taus } })) {
    const final = (await runGpu(spec, N)).tracked!.at(-1)!;
    const coord = (j: number) => Array.from({ length: N }, (_, t) => final[t * d + j]);
    const sq = Array.from({ length: N }, (_, t) => xStar.reduce((s, v, j) => s + (final[t * d + j] - v) ** 2, 0));
    out.push({ mean: xStar.map((_, j) => meanAndError(coord(j))), sq: meanAndError(sq) });
  }
  return out;
}

const distance = (s: Summary, x: number[]) => Math.hypot(...s.mean.map((m, j) => m.mean - x[j]));
/** |ours − the MC value of docs/math.md §1d| within Z combined standard errors. */
const expectNear = (ours: { mean: number; se: number }, theirs: number) => expect(Math.abs(ours.mean - theirs)).toBeLessThan(Z * ours.se * Math.sqrt(1 + N / MATH_RUNS));

describe('the randomized minimizing movement converges to minimizers computed independently (bias ∝ τ)', () => {
  it('LASSO: the minimizer of 2·10⁴ FISTA iterations; mean and E‖x − x*‖² match docs/math.md §1d (ii) at τ = 0.02 and 0.005 and shrink ∝ τ', async () => {
    const xStar = fistaLasso(LASSO_A, LASSO_Y, LASSO_LAMBDA, 20000);
    const [coarse, fine] = await finalStates({ objective: LASSO, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'rmm', h: 0.02 }], x0: [0, 0, 0], trajectories: N, horizon: 40, seed: 'rmm-lasso' }, [0.02, 0.005], 3, xStar);
    [0.39854, 1.04361, 0.01255].forEach((v, j) => expectNear(coarse.mean[j], v));
    [0.43254, 1.05616, 0.00213].forEach((v, j) => expectNear(fine.mean[j], v));
    expectNear(coarse.sq, 3.1e-2);
    expectNear(fine.sq, 6.57e-3);
    // A 4× smaller τ: bias and mean-square distance about 4× smaller (O(τ) each).
    const biasRatio = distance(coarse, xStar) / distance(fine, xStar);
    expect(biasRatio).toBeGreaterThan(3);
    expect(biasRatio).toBeLessThan(5.5);
    expect(coarse.sq.mean / fine.sq.mean).toBeGreaterThan(3);
  });

  it('constrained: the minimizer of projected gradient (Dykstra projections); mean iterate as in docs/math.md §1d (iii), bias ≈ 3.5τ', async () => {
    const xStar = projectedGradientConstrained([2, 2], 200);
    const [coarse, fine] = await finalStates({ objective: CONSTRAINED, noise: { kind: 'minibatch', batchSize: 1 }, dynamics: [{ kind: 'rmm', h: 0.02 }], x0: [0, 0], trajectories: N, horizon: 20, seed: 'rmm-constrained' }, [0.02, 0.005], 2, xStar);
    coarse.mean.forEach((m) => expectNear(m, 0.81538));
    fine.mean.forEach((m) => expectNear(m, 0.76845));
    for (const [s, tau] of [[coarse, 0.02], [fine, 0.005]] as const) {
      s.mean.forEach((m) => expect(Math.abs(m.mean - xStar[0] - 3.5 * tau)).toBeLessThan(Z * m.se + 0.25 * 3.5 * tau));
    }
  });
});
