import { describe, expect, it } from 'vitest';
import { assertExperiment, expandRuns, parseExperiment } from '../../src/internal';
import { runMlmc } from '../../src/run/mlmc';
import { testDevice } from '../support/gpu';

// Multilevel Monte Carlo (Giles 2008) for E φ(X_T): levels h_ℓ = h₀·2^−ℓ, each
// difference φ(X^h_ℓ) − φ(X^h_ℓ−1) on one Brownian path (stream version 2).

/** E X_1² of dX = −X dt + dW from X_0 = 1: e^−2 + (1 − e^−2)/2. */
const OU_SECOND_MOMENT = Math.exp(-2) + (1 - Math.exp(-2)) / 2;

function ouFile(extra: Record<string, unknown> = {}) {
  return {
    seed: 'mlmc-test',
    objective: { kind: 'quadratic', A: [[1]] },
    dynamics: [{ kind: 'gradient-sde', dt: 0.125, sigma: 1 }],
    x0: [1],
    trajectories: 256,
    horizon: 1,
    record: { observables: ['mean', 'distance'] },
    estimator: { kind: 'mlmc', rmse: 4e-3, observable: 'distance', coarsest: 0.5, maxLevels: 8, pilotTrajectories: 2000 },
    ...extra,
  };
}

describe('multilevel Monte Carlo', () => {
  it('OU E X_1² at ε = 4e-3 on the GPU: within 5 SE + ε/√2 of the exact 0.5677, converged, with N_ℓ, costs and the plain cost as Giles (2008) defines them', async () => {
    const experiment = assertExperiment(ouFile());
    const m = await runMlmc(experiment, expandRuns(experiment)[0], experiment.estimator!, await testDevice());
    const eps = 4e-3;
    console.info(`MLMC OU ε = ${eps}: ${m.estimate.value.toFixed(5)} ± ${m.estimate.standardError.toExponential(2)} (exact ${OU_SECOND_MOMENT.toFixed(5)}), L = ${m.levels.length - 1}, cost ${m.cost.toExponential(2)}, plain ${m.plainMonteCarloCost.toExponential(2)}`);
    expect(m.converged).toBe(true);
    expect(m.biasEstimate).toBeLessThan(eps / Math.SQRT2);
    // The variance budget ε²/2 is met by the samples the level variances asked for.
    expect(m.estimate.standardError).toBeLessThanOrEqual((eps / Math.SQRT2) * 1.001);
    expect(Math.abs(m.estimate.value - OU_SECOND_MOMENT)).toBeLessThan(5 * m.estimate.standardError + eps / Math.SQRT2);
    m.levels.forEach((l, i) => {
      expect(l.h).toBe(0.5 * 2 ** -i);
      expect(l.trajectories).toBeGreaterThanOrEqual(2000);
      expect(l.costPerTrajectory).toBe(i === 0 ? 2 : 2 ** (i + 1) + 2 ** i);
    });
    expect(m.cost).toBe(m.levels.reduce((s, l) => s + l.trajectories * l.costPerTrajectory, 0));
    const finest = m.levels.at(-1)!;
    expect(m.plainMonteCarloCost).toBe(Math.ceil((2 * finest.varianceObservable) / eps ** 2) * 2 ** (m.levels.length));
    // Euler–Maruyama with additive noise is strong order 1: the differences' variance falls about 4× a level,
    // far below φ's own variance (≈ 0.6) beyond level 0.
    for (const l of m.levels.slice(2)) expect(l.varianceDifference).toBeLessThan(0.1 * l.varianceObservable);
  });

  it('with no drift every level ends on the same Brownian path: the differences φ(X^h_ℓ) − φ(X^h_ℓ−1) of X_T = σW(T) vanish to float64 rounding (float64 reference)', async () => {
    const experiment = assertExperiment(
      ouFile({ objective: { kind: 'quadratic', A: [[0]] }, record: { observables: ['mean'] }, estimator: { kind: 'mlmc', rmse: 0.05, observable: 'mean[0]', coarsest: 0.5, maxLevels: 3, pilotTrajectories: 200 } }),
    );
    const m = await runMlmc(experiment, expandRuns(experiment)[0], experiment.estimator!, 'cpu');
    for (const l of m.levels.slice(1)) {
      expect(Math.abs(l.meanDifference)).toBeLessThan(1e-14);
      expect(l.varianceDifference).toBeLessThan(1e-28);
    }
    // Level 0 is σW(1) itself: variance 1.
    expect(Math.abs(m.levels[0].varianceDifference - 1)).toBeLessThan(5 * Math.sqrt(2 / m.levels[0].trajectories));
  });

  it('an invalid estimator runs nothing: sweeps, non-SDE items, a horizon that is not a whole number of h₀, unknown observables', () => {
    const issues = (extra: Record<string, unknown>) => {
      const r = parseExperiment(ouFile(extra));
      return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(issues({ sweep: { dt: [0.125, 0.0625] } }).join('\n')).toMatch(/\$\.estimator: multilevel Monte Carlo chooses its own step sizes/);
    expect(issues({ dynamics: [{ kind: 'sgd', lr: 0.1 }], noise: { kind: 'gaussian', cov: 1 } }).join('\n')).toMatch(/\$\.dynamics\[0\]\.kind: multilevel Monte Carlo refines the step of an SDE/);
    expect(issues({ estimator: { kind: 'mlmc', rmse: 1e-3, observable: 'distance', coarsest: 0.3 } }).join('\n')).toMatch(/\$\.estimator\.coarsest: the horizon 1 of dynamics\[0\] must be a whole number of coarsest steps/);
    expect(issues({ estimator: { kind: 'mlmc', rmse: 1e-3, observable: 'mean[3]', coarsest: 0.5 } }).join('\n')).toMatch(/\$\.estimator\.observable: observable must be "loss", "distance" or "mean\[i\]" with i < 1/);
    expect(issues({})).toEqual([]);
  });
});
