import { describe, expect, it } from 'vitest';
import { exponentialSwitchingMoments, fixedSwitchingMoments } from '../../src/internal';
import { logLogSlope } from '../../src/stats/loglog-slope';
import { fullFlowScalar, TWO_QUADRATICS, TWO_QUADRATICS_SWITCHING } from './fixtures';
import { meanAndError, runGpu, specsOf, varianceAndError } from './support';

// docs/math.md §1d (i) and §1e.1–2: the scalar two-quadratic sum, u0 = 2, t = 1, batches of one.
const N = 16384;
const Z = 5;
const U1 = fullFlowScalar(1);

interface Measured {
  h: number;
  mean: { mean: number; se: number };
  variance: { variance: number; se: number };
  mse: { mean: number; se: number };
}

async function measure(dynamics: object, hs: number[]): Promise<Measured[]> {
  const specs = specsOf({
    objective: TWO_QUADRATICS,
    noise: { kind: 'minibatch', batchSize: 1 },
    dynamics: [dynamics],
    sweep: { h: hs },
    x0: [2],
    trajectories: N,
    horizon: 1,
    seed: 'two-quadratics',
  });
  const out: Measured[] = [];
  for (const [i, spec] of specs.entries()) {
    const final = (await runGpu(spec, N)).tracked!.at(-1)!;
    out.push({ h: hs[i], mean: meanAndError(final), variance: varianceAndError(final), mse: meanAndError(Array.from(final, (v) => (v - U1) ** 2)) });
  }
  return out;
}

/** Each estimate within Z standard errors of its exact value. */
function expectWithin(m: Measured, exact: { mean: number; variance: number }) {
  const mse = exact.variance + (exact.mean - U1) ** 2;
  expect(Math.abs(m.mean.mean - exact.mean)).toBeLessThan(Z * m.mean.se);
  expect(Math.abs(m.variance.variance - exact.variance)).toBeLessThan(Z * m.variance.se);
  expect(Math.abs(m.mse.mean - mse)).toBeLessThan(Z * m.mse.se);
}

const slopeOf = (ms: Measured[]) => logLogSlope(ms.map((m) => ({ x: m.h, y: m.mse.mean, standardError: m.mse.se })));

describe('mini-batch flow and RMM on two scalar quadratics: exact moment tables (docs/math.md §1d (i))', () => {
  const flowHs = [0.1, 0.05, 0.025, 0.0125, 0.00625];
  // Measured once, shared by the fixed-switching test and the switching-law comparison (each runnable alone).
  let fixedRuns: Promise<Measured[]> | undefined;
  const fixedSwitching = () => (fixedRuns ??= measure({ kind: 'minibatch-flow', h: 0.1 }, flowHs));

  it(`fixed switching: E v(1), Var v(1), E(v − u)² within ${Z} SE of the exact recursion at every h; slope of E(v − u)² in h is 1 ± 0.05`, async () => {
    const fixed = await fixedSwitching();
    fixed.forEach((m) => expectWithin(m, fixedSwitchingMoments(TWO_QUADRATICS_SWITCHING, 'flow', m.h, 2, Math.round(1 / m.h))));
    // docs/math.md §1d (i)'s table, to its printed digits (the oracle is the same recursion).
    expect(fixedSwitchingMoments(TWO_QUADRATICS_SWITCHING, 'flow', 0.05, 2, 20).mean).toBeCloseTo(-0.1370268266, 9);
    const fit = slopeOf(fixed);
    expect(Math.abs(fit.slope - 1)).toBeLessThan(0.05);
  });

  it(`exponential switching: E v(1) and E(v − u)² within ${Z} SE of the moment ODE; mean-square error ≈ 2× fixed switching's`, async () => {
    const exponential = await measure({ kind: 'minibatch-flow', h: 0.1, switching: 'exponential' }, [0.1, 0.05, 0.025]);
    const fixed = await fixedSwitching();
    exponential.forEach((m) => expectWithin(m, exponentialSwitchingMoments(TWO_QUADRATICS_SWITCHING, m.h, 2, 1)));
    expect(exponentialSwitchingMoments(TWO_QUADRATICS_SWITCHING, 0.05, 2, 1).mean).toBeCloseTo(-0.1158017246, 9);
    exponential.forEach((e, i) => {
      const f = fixed[i];
      const ratio = e.mse.mean / f.mse.mean;
      const se = ratio * Math.hypot(e.mse.se / e.mse.mean, f.mse.se / f.mse.mean);
      const exactE = exponentialSwitchingMoments(TWO_QUADRATICS_SWITCHING, e.h, 2, 1);
      const exactF = fixedSwitchingMoments(TWO_QUADRATICS_SWITCHING, 'flow', e.h, 2, Math.round(1 / e.h));
      const exactRatio = (exactE.variance + (exactE.mean - U1) ** 2) / (exactF.variance + (exactF.mean - U1) ** 2);
      expect(Math.abs(ratio - exactRatio)).toBeLessThan(Z * se);
      // docs/math.md §1e.2: 1.82, 1.93, 1.97 → 2.
      expect(exactRatio).toBeCloseTo([1.82, 1.93, 1.97][i], 2);
    });
  });

  it(`RMM: E x_K, Var, E(x_K − u(1))² within ${Z} SE of the exact recursion; slope 1 ± 0.15 (h = 0.1 is pre-asymptotic: the exact table's slope is 1.09)`, async () => {
    const rmm = await measure({ kind: 'rmm', h: 0.1 }, [0.1, 0.05, 0.025, 0.0125]);
    rmm.forEach((m) => expectWithin(m, fixedSwitchingMoments(TWO_QUADRATICS_SWITCHING, 'rmm', m.h, 2, Math.round(1 / m.h))));
    expect(fixedSwitchingMoments(TWO_QUADRATICS_SWITCHING, 'rmm', 0.05, 2, 20).mean).toBeCloseTo(-0.0832174521, 9);
    const fit = slopeOf(rmm);
    expect(Math.abs(fit.slope - 1)).toBeLessThan(0.15);
  });
});
