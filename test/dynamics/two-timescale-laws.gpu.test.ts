import { describe, expect, it } from 'vitest';
import { heavyBallSgd } from '../../src/dynamics/heavy-ball-sgd';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleGpu, runExperiment } from '../../src/internal';
import { testDevice } from '../support/gpu';

const Z5 = 5;
// docs/math.md §6's 2-D quadratic and noise.
const A = [[2, 0.5], [0.5, 1]];
const Sigma = [[1, 0.2], [0.2, 0.5]];

describe('heavy-ball SGD (two-timescale form) against exact laws', () => {
  it('θ = 1 makes it SGD: same f32 operations, so the GPU paths are bit-identical (random lr factors, Gaussian noise)', async () => {
    const gpu = await testDevice();
    const lr = { kind: 'inverse-power', scale: 0.2, power: 0.6, randomScale: [0.5, 1.5] };
    const experiment = assertExperiment({
      seed: 'heavy-ball-sgd-theta-1',
      objective: { kind: 'quadratic', A, b: [1, -0.5] },
      noise: { kind: 'gaussian', cov: Sigma },
      dynamics: [{ kind: 'sgd', lr }, { kind: 'heavy-ball-sgd', lr, theta: 1 }],
      x0: { kind: 'gaussian', mean: [0, 0], std: 1 },
      trajectories: 256,
      steps: 200,
      record: { every: 50 },
    });
    const [sgd, hb] = await Promise.all(expandRuns(experiment).map((run) => runEnsembleGpu(gpu, ensembleSpec(experiment, run), { trackTrajectories: 256 })));
    hb.tracked!.forEach((states, c) => expect(Array.from(states)).toEqual(Array.from(sgd.tracked![c])));
    expect(Math.max(...Array.from(hb.tracked!.at(-1)!, Math.abs))).toBeGreaterThan(0.1);
  });

  it('constant η = 0.5, θ = 0.2 on the quadratic with Gaussian noise (65,536 trajectories): mean and covariance at every checkpoint within 5 SE of heavy ball with α = ηθ = 0.1, β = 1 − θ = 0.8', async () => {
    const N = 2 ** 16;
    const [eta, theta] = [0.5, 0.2];
    const file = {
      seed: 'heavy-ball-sgd-law',
      objective: { kind: 'quadratic', A, b: [1, -0.5] },
      noise: { kind: 'gaussian', cov: Sigma },
      dynamics: [{ kind: 'heavy-ball-sgd', lr: eta, theta }],
      x0: { kind: 'gaussian', mean: [2, -1], std: [0.5, 0.2] },
      trajectories: N,
      steps: 200,
      record: { every: 10, observables: ['mean', 'covariance'] },
    };
    const experiment = assertExperiment(file);
    const result = await runExperiment(experiment, { device: await testDevice() });
    const r = result.runs[0];
    const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
    const exact = heavyBallSgd.closedForm(experiment.dynamics[0] as never, experiment.objective as never, spec.initial, r.series.step, experiment.noise)!;
    let meanZ = 0;
    let covarianceZ = 0;
    r.series.step.forEach((_, c) => {
      const E = exact.covariance[c];
      const n = r.series.count[c];
      for (let i = 0; i < 2; i++) {
        meanZ = Math.max(meanZ, Math.abs(r.series.mean![c][i] - exact.mean[c][i]) / Math.sqrt(E[i][i] / n));
        for (let j = 0; j < 2; j++) {
          // The law is Gaussian: Var(Ĉ_ij) = (C_ii C_jj + C_ij²)/(n − 1).
          covarianceZ = Math.max(covarianceZ, Math.abs(r.series.covariance![c][i][j] - E[i][j]) / Math.sqrt((E[i][i] * E[j][j] + E[i][j] ** 2) / (n - 1)));
        }
      }
    });
    console.info(`heavy-ball-sgd law: mean max |z| = ${meanZ.toFixed(2)}, covariance max |z| = ${covarianceZ.toFixed(2)}; reported closed form max |z| = ${r.closedForm?.maxAbsZ.toFixed(2)}`);
    expect(meanZ).toBeLessThan(Z5);
    expect(covarianceZ).toBeLessThan(Z5);
    expect(r.closedForm!.maxAbsZ).toBeLessThan(Z5);
    // The law is not SGD's: the momentum overshoots, so the mean crosses x* = A⁻¹b in coordinate 1 (from 2 down to below 0.71).
    const xStar1 = (1 * 1 - 0.5 * -0.5) / (2 * 1 - 0.25);
    expect(Math.min(...exact.mean.map((m) => m[0]))).toBeLessThan(xStar1 - 0.05);
  });
});
