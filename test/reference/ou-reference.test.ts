import { describe, expect, it } from 'vitest';
import { compareWithClosedForm, runEnsembleReference } from '../../src/internal';
import { CORRELATED_2D, ouSpec } from '../support/ou-spec';

// The float64 reference against the closed forms, on its own (no GPU): 20,000
// trajectories, each estimate within 5 standard errors of that ensemble size.
const N = 20_000;

describe('the float64 CPU reference against closed forms', () => {
  it.each(['euler-maruyama', 'exact'] as const)('%s on the 2-D correlated OU matches its law at every checkpoint', async (integrator) => {
    const spec = ouSpec({ ...CORRELATED_2D, x0std: [0.3, 0.1], dt: 0.05, integrator, trajectories: N, steps: 40, checkpoints: [0, 10, 40], seed: `ref-${integrator}` });
    const result = await runEnsembleReference(spec);
    const exact = spec.dynamics.descriptor.closedForm!(spec.dynamics.value, spec.objective.value, spec.initial, spec.checkpoints)!;
    expect(compareWithClosedForm(result, exact).maxAbsZ).toBeLessThan(5);
    expect(result.device.kind).toBe('cpu');
  });

  it('a Gaussian initial law comes out with the requested mean and standard deviation (INIT stream)', async () => {
    const spec = ouSpec({ A: [[1, 0], [0, 1]], sigma: 1, x0: [3, -2], x0std: [0.5, 2], dt: 0.1, trajectories: N, steps: 1, checkpoints: [0, 1], seed: 'init' });
    const r = await runEnsembleReference(spec);
    expect(Math.abs(r.mean[0][0] - 3) / (0.5 / Math.sqrt(N))).toBeLessThan(5);
    expect(Math.abs(r.mean[0][1] + 2) / (2 / Math.sqrt(N))).toBeLessThan(5);
    expect(Math.abs(r.variance[0][0] - 0.25) / (0.25 * Math.sqrt(2 / (N - 1)))).toBeLessThan(5);
    expect(Math.abs(r.variance[0][1] - 4) / (4 * Math.sqrt(2 / (N - 1)))).toBeLessThan(5);
  });
});
