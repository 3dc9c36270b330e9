import { describe, expect, it } from 'vitest';
import { compareWithClosedForm, runEnsembleGpu } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { CORRELATED_2D, ouSpec } from '../support/ou-spec';

// 2^20 trajectories; every estimate is held to 5 standard errors of its own
// ensemble size (docs/math.md §6, Monte Carlo tolerance rule; the laws are exact,
// so there is no discretization bias to add).
const N = 2 ** 20;
const Z_LIMIT = 5;

describe('OU ensembles on the GPU against closed forms (2^20 trajectories, 5 standard errors)', () => {
  it('Euler–Maruyama on the 2-D correlated OU matches the discrete EM law (Lyapunov recursion) at every checkpoint', async () => {
    const gpu = await testDevice();
    const spec = ouSpec({ ...CORRELATED_2D, dt: 0.05, trajectories: N, steps: 80, checkpoints: [0, 10, 20, 40, 80], seed: 'moments-em' });
    const result = await runEnsembleGpu(gpu, spec);
    const exact = spec.dynamics.descriptor.closedForm!(spec.dynamics.value, spec.objective.value, spec.initial, spec.checkpoints)!;
    expect(exact.name).toMatch(/Euler–Maruyama/);
    const cmp = compareWithClosedForm(result, exact);
    console.info(`EM 2-D: max |z| = ${cmp.maxAbsZ.toFixed(2)} over ${spec.checkpoints.length} checkpoints × 2 coords × (mean, variance)`);
    expect(result.count.every((n) => n === N)).toBe(true);
    expect(cmp.maxAbsZ).toBeLessThan(Z_LIMIT);
  });

  it('the exact integrator on the 2-D correlated OU matches the continuous OU law at every checkpoint', async () => {
    const gpu = await testDevice();
    const spec = ouSpec({ ...CORRELATED_2D, dt: 0.05, integrator: 'exact', trajectories: N, steps: 80, checkpoints: [0, 10, 20, 40, 80], seed: 'moments-exact' });
    const result = await runEnsembleGpu(gpu, spec);
    const exact = spec.dynamics.descriptor.closedForm!(spec.dynamics.value, spec.objective.value, spec.initial, spec.checkpoints)!;
    expect(exact.name).toMatch(/OU law/);
    const cmp = compareWithClosedForm(result, exact);
    console.info(`exact 2-D: max |z| = ${cmp.maxAbsZ.toFixed(2)}`);
    expect(cmp.maxAbsZ).toBeLessThan(Z_LIMIT);
  });

  it('EM and the exact integrator are told apart: at dt = 0.1 the EM ensemble is many standard errors off the continuous law', async () => {
    // Guards against an oracle that would accept anything: EM's O(dt) bias must show.
    const gpu = await testDevice();
    const em = ouSpec({ A: [[1]], sigma: 1, x0: [1], dt: 0.1, trajectories: N, steps: 10, seed: 'bias' });
    const result = await runEnsembleGpu(gpu, em);
    const continuous = ouSpec({ A: [[1]], sigma: 1, x0: [1], dt: 0.1, integrator: 'exact', trajectories: N, steps: 10 });
    const law = continuous.dynamics.descriptor.closedForm!(continuous.dynamics.value, continuous.objective.value, continuous.initial, [0, 10])!;
    expect(compareWithClosedForm(result, law).maxAbsZ).toBeGreaterThan(10);
  });

  // docs/math.md §6: OU θ = 1, s = 1, x0 = 1, T = 1 — E X_T² of the EM chain and of the exact law.
  it.each([
    { dt: 0.1, integrator: 'euler-maruyama' as const, expected: 0.5839047311 },
    { dt: 0.05, integrator: 'euler-maruyama' as const, expected: 0.5754289994 },
    { dt: 0.1, integrator: 'exact' as const, expected: 0.5676676416 },
  ])('E X_T² of the scalar OU ($integrator, dt = $dt) equals the tabulated $expected within 5 SE', async ({ dt, integrator, expected }) => {
    const gpu = await testDevice();
    const steps = Math.round(1 / dt);
    const r = await runEnsembleGpu(gpu, ouSpec({ A: [[1]], sigma: 1, x0: [1], dt, integrator, trajectories: N, steps, seed: `table-${dt}-${integrator}` }));
    const m = r.mean[1][0];
    const v = r.variance[1][0];
    const second = m * m + v;
    // Var(X²) for a Gaussian: 2v² + 4m²v.
    const se = Math.sqrt((2 * v * v + 4 * m * m * v) / N);
    expect(Math.abs(second - expected) / se).toBeLessThan(Z_LIMIT);
  });
});
