import { describe, expect, it, vi } from 'vitest';
import { DeviceChunk } from '../../src/ensemble/device-chunk';
import { assertExperiment, expandRuns, parseExperiment } from '../../src/internal';
import { emptyLevelSums, LEVEL_BLOCK, type LevelSums } from '../../src/ensemble/level-difference';
import { runMlmc, sampleLevel } from '../../src/run/mlmc';
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

  it('on the GPU each level is reduced on the device (no final state read back) and matches the float64 reference level by level, for every observable, with partial blocks and several chunks and batches', async () => {
    const gpu = await testDevice();
    // d = 2 OU with a non-diagonal drift, from a spread initial law: φ = x₁, f(x) and ‖x − x*‖².
    const experiment = assertExperiment(
      ouFile({ objective: { kind: 'quadratic', A: [[1, 0.3], [0.3, 2]], b: [0.5, -0.2] }, x0: { kind: 'gaussian', mean: [1, -1], std: [0.3, 0.3] }, record: { observables: ['mean', 'distance'] } }),
    );
    const run = expandRuns(experiment)[0];
    const count = 10000; // two whole reduction blocks of 4096 and a partial one
    for (const observable of ['mean[1]', 'loss', 'distance']) {
      const estimator = { ...experiment.estimator!, observable };
      for (const level of [0, 1, 3]) {
        const reference = emptyLevelSums();
        await sampleLevel(experiment, run, estimator, level, 512, count, 'cpu', reference);
        const device = emptyLevelSums();
        const copies = vi.spyOn(DeviceChunk.prototype, 'copyOut');
        await sampleLevel(experiment, run, estimator, level, 512, count, gpu, device);
        expect(copies.mock.calls.filter(([from]) => from === 'state'), `${observable}, level ${level}: states read back`).toEqual([]);
        copies.mockRestore();
        const what = `${observable}, level ${level}`;
        expect(device.drawn, what).toBe(count);
        expect(device.counted, what).toBe(count);
        expect(reference.counted, what).toBe(count);
        // Same random numbers: the f32 paths and φ differ from the float64 ones by rounding only (|φ| ≲ 10).
        expect(Math.abs(device.meanDifference - reference.meanDifference), what).toBeLessThan(2e-5);
        expect(Math.abs(device.meanObservable - reference.meanObservable), what).toBeLessThan(2e-5);
        const sd = (s: LevelSums, m2: number) => Math.sqrt(m2 / (s.counted - 1));
        expect(Math.abs(sd(device, device.m2Difference) - sd(reference, reference.m2Difference)), what).toBeLessThan(2e-5 + 1e-4 * sd(reference, reference.m2Difference));
        expect(Math.abs(sd(device, device.m2Observable) - sd(reference, reference.m2Observable)), what).toBeLessThan(2e-5 + 1e-4 * sd(reference, reference.m2Observable));
        // Independent paths would give Var Y ≈ 2 Var φ; one path at h = 1/16 against 1/8 gives far less.
        if (level === 3) expect(device.m2Difference, `${what}: the pair is on one path`).toBeLessThan(0.25 * device.m2Observable);
        // How the work is cut changes nothing: batches of 8192 in chunks of 4096 give the same block partials.
        const cut = emptyLevelSums();
        await sampleLevel(experiment, run, estimator, level, 512, count, gpu, cut, undefined, { batch: 8192, chunkSize: LEVEL_BLOCK });
        expect(cut, what).toEqual(device);
      }
    }
  });

  it('a pair in which either path diverged is counted as diverged and left out, on the device as in the float64 reference (EM on a double well with steps too long for its cubic drift)', async () => {
    const gpu = await testDevice();
    // Without noise EM at step h maps x to x(1 + h(1 − x²)): from |x₀| ≳ √(2/h + 1) a path grows like x³ and
    // overflows (f32 and float64 alike within 16 steps); the others stay bounded. The coarse step's region is
    // smaller (|x₀| ≲ 2.2 against 3), so about half the left-out pairs diverged on the coarse side only.
    const experiment = assertExperiment(
      ouFile({
        objective: { kind: 'double-well', dim: 1, height: 0.25 },
        dynamics: [{ kind: 'gradient-sde', dt: 0.5, sigma: 0 }],
        x0: { kind: 'gaussian', mean: [0], std: [2] },
        horizon: 8,
        record: { observables: ['mean'] },
        estimator: { kind: 'mlmc', rmse: 0.05, observable: 'loss', coarsest: 0.5, maxLevels: 3, pilotTrajectories: 200 },
      }),
    );
    const run = expandRuns(experiment)[0];
    const N = 4096;
    const device = emptyLevelSums();
    const reference = emptyLevelSums();
    await sampleLevel(experiment, run, experiment.estimator!, 1, 0, N, gpu, device);
    await sampleLevel(experiment, run, experiment.estimator!, 1, 0, N, 'cpu', reference);
    const divergedDevice = device.drawn - device.counted;
    const divergedReference = reference.drawn - reference.counted;
    console.info(`diverged pairs of ${N}: device ${divergedDevice}, float64 reference ${divergedReference}`);
    expect(divergedReference).toBeGreaterThan(0.05 * N);
    // Only paths on the edge of the stable region can go either way between f32 and float64.
    expect(Math.abs(divergedDevice - divergedReference)).toBeLessThanOrEqual(0.01 * N);
    for (const s of [device, reference]) {
      expect(Number.isFinite(s.meanDifference) && Number.isFinite(s.m2Difference) && Number.isFinite(s.m2Observable)).toBe(true);
    }
    // The survivors' means agree within a few standard errors of a level difference.
    const se = Math.sqrt(reference.m2Difference / (reference.counted - 1) / reference.counted);
    expect(Math.abs(device.meanDifference - reference.meanDifference)).toBeLessThan(5 * se + 1e-4);
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
