import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, parseExperiment, runEnsembleGpu, runEnsembleReference, runExperiment } from '../../src/internal';
import type { RunComparison } from '../../src/run/experiment-result';
import { NORMAL_F32_MAX_ABS_DIFF } from '../../src/rng/random';
import { testDevice } from '../support/gpu';

// Stream version 2 couples a sweep of step sizes: a step of h_min·2^r sums the
// 2^r fine Brownian increments it covers (src/rng/streams.ts, lib/brownian.wgsl).
// With no drift, Euler–Maruyama's X_T = x0 + σ W(T) at every step size, so
// coupled runs of one sweep end on the same point up to f32 rounding, while
// runs with independent noise differ by σ·√2·|N(0, 1)| (mean σ·2/√π ≈ 1.13σ).

const TRAJECTORIES = 4096;

function brownianSweep(dim: number, coupling?: 'independent') {
  return assertExperiment({
    name: `brownian-sweep-d${dim}`,
    seed: 'refinement',
    objective: { kind: 'quadratic', A: Array.from({ length: dim }, () => new Array(dim).fill(0)) },
    dynamics: [{ kind: 'gradient-sde', label: 'W', dt: 1 / 16, sigma: 1 }],
    x0: new Array(dim).fill(0),
    trajectories: TRAJECTORIES,
    horizon: 1,
    // Checkpoints every 3 steps: dispatches begin inside the kernel's groups of steps that share a NOISE block.
    record: { every: 3, observables: ['mean', 'variance'] },
    sweep: { dt: [1 / 16, 1 / 32, 1 / 64] },
    ...(coupling ? { coupling } : {}),
  });
}

const refinements = (comparisons: RunComparison[]) => comparisons.filter((c) => c.refinement);

describe('a sweep of step sizes follows one Brownian path (stream version 2)', () => {
  for (const dim of [1, 3]) {
    it(`d = ${dim}, dX = dW, dt = 1/16, 1/32, 1/64 to T = 1: every step size ends on the same point to f32 rounding, h against h/2; with "coupling": "independent" they are σ·√2·|N(0, 1)| apart`, async () => {
      const device = await testDevice();
      const coupled = await runExperiment(brownianSweep(dim), { device });
      const pairs = refinements(coupled.comparisons);
      expect(pairs.map((c) => c.labels)).toEqual([
        ['W (dt = 0.0625)', 'W (dt = 0.03125)'],
        ['W (dt = 0.03125)', 'W (dt = 0.015625)'],
      ]);
      // Shared times are every 3 coarse steps and T = 1; W(1) is a sum of 64 fine normals (|z| ≤ 6.4) in f32.
      const roundingBound = Math.sqrt(dim) * (64 * 6.4 * 2 ** -23 + 64 * NORMAL_F32_MAX_ABS_DIFF);
      for (const c of pairs) {
        expect(c.t.at(-1)).toBe(1);
        expect(c.strong!.trajectories.at(-1)).toBe(TRAJECTORIES);
        for (const v of c.strong!.value) expect(v.value).toBeLessThan(roundingBound);
        // The paired difference removes the variance: Var(Xʰ − Xʰ′) against Var Xʰ + Var Xʰ′ = 2T.
        for (let i = 0; i < dim; i++) {
          expect(c.paired!.independentVariance.at(-1)![i]).toBeGreaterThan(1.5);
          expect(c.paired!.differenceVariance.at(-1)![i]).toBeLessThan(roundingBound ** 2);
        }
      }
      const independent = await runExperiment(brownianSweep(dim, 'independent'), { device });
      for (const c of refinements(independent.comparisons)) {
        // E‖Δ‖ of two independent N(0, I_d) · √(2T) paths: √2 · E‖N(0, I_d)‖ (1.128 at d = 1, 2.26 at d = 3), within 5 SE.
        const expected = Math.SQRT2 * (dim === 1 ? Math.sqrt(2 / Math.PI) : 2 * Math.sqrt(2 / Math.PI));
        const end = c.strong!.value.length - 1;
        expect(Math.abs(c.strong!.value[end].value - expected)).toBeLessThan(5 * c.strong!.standardError[end]);
      }
    });
  }

  it('a coarse run on the GPU follows the float64 reference path by path (d = 3, 4 fine steps a step, checkpoints inside four-step groups)', async () => {
    const experiment = assertExperiment({
      seed: 'refinement-paths',
      objective: { kind: 'quadratic', A: [[1, 0.2, 0], [0.2, 1.5, 0.1], [0, 0.1, 0.8]] },
      dynamics: [{ kind: 'gradient-sde', dt: 0.04, sigma: [[1, 0, 0], [0.3, 0.8, 0], [0, 0.2, 0.5]] }],
      x0: { kind: 'gaussian', mean: [1, -1, 0.5], std: 0.3 },
      trajectories: 512,
      horizon: 2,
      record: { every: 7, observables: ['mean'] },
      sweep: { dt: [0.04, 0.01] },
    });
    const coarse = expandRuns(experiment)[0];
    expect(coarse.noiseGrid).toEqual({ refineLog2: 2, replica: 0 });
    const spec = ensembleSpec(experiment, coarse);
    const gpu = await runEnsembleGpu(await testDevice(), spec, { trackTrajectories: 512, stepsPerDispatch: 5 });
    const cpu = await runEnsembleReference(spec, { trackTrajectories: 512 });
    let worst = 0;
    gpu.tracked!.forEach((states, c) => {
      for (let i = 0; i < states.length; i++) worst = Math.max(worst, Math.abs(states[i] - cpu.tracked![c][i]));
    });
    // Each EM step rounds O(1) states and a sum of 4 normals in f32 (≲ 1e-6 a step); the
    // drift contracts by ≥ 1 − 0.04·0.7 a step, so rounding accumulates to ≲ 1e-6 / 0.028 ≈ 4e-5.
    // Wrong normals (a block or lane off) would put paths O(0.1) apart.
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-4);
  });

  describe('a sweep of substeps follows one Brownian path: m = 2^J substeps are the leaves of the step\'s virtual Brownian tree', () => {
    const substepsSweep = (values: number[], coupling?: 'independent') =>
      parseExperiment({
        seed: 'substeps-sweep',
        objective: { kind: 'quadratic', A: [[1]] },
        noise: { kind: 'gaussian', cov: 1 },
        dynamics: [{ kind: 'sme', lr: 0.25, integrator: 'euler-maruyama', substeps: 1 }],
        x0: [1],
        trajectories: 16384,
        steps: 8,
        record: { observables: ['mean'] },
        sweep: { substeps: values },
        ...(coupling ? { coupling } : {}),
      });

    it('SME-1 by Euler–Maruyama, m = 1 … 16 substeps of lr = 0.25 on a quadratic: each m against 2m on one path, E|Xᵐ − X²ᵐ| halves with each doubling (strong order 1 in dt = lr/m, additive noise), and the paired variance is a sliver of the plain one', async () => {
      const parsed = substepsSweep([1, 2, 4, 8, 16]);
      if (!parsed.ok) return expect.fail(parsed.issues.map((i) => i.message).join('\n'));
      const result = await runExperiment(parsed.experiment, { device: await testDevice() });
      const pairs = refinements(result.comparisons);
      expect(pairs.map((c) => c.labels)).toEqual([1, 2, 4, 8].map((m) => [`sme (substeps = ${m})`, `sme (substeps = ${2 * m})`]));
      const errors = pairs.map((c) => c.strong!.value.at(-1)!.value);
      const local = errors.slice(1).map((e, k) => Math.log2(errors[k] / e));
      const slope = result.sweepSlopes.find((s) => s.quantity === 'strong')!;
      console.info(`substeps sweep: E|Xᵐ − X²ᵐ| = ${errors.map((e) => e.toExponential(3)).join(', ')}; local orders ${local.map((l) => l.toFixed(3)).join(', ')}; fitted slope in m ${slope.slope.value.toFixed(3)} ± ${slope.standardError.toFixed(3)}`);
      // Against m the error falls as m^−1; the tolerance is 5 SE plus the drift of the local orders (the next order's trace).
      expect(Math.abs(slope.slope.value + 1)).toBeLessThan(5 * slope.standardError + Math.abs(local[0] - local.at(-1)!));
      for (const c of pairs) {
        expect(c.paired!.differenceVariance.at(-1)![0]).toBeLessThan(0.01 * c.paired!.independentVariance.at(-1)![0]);
      }
    });

    it('a sweep of substeps that are not all powers of two is refused with the reason, unless the file asks for independent noise', () => {
      const refused = substepsSweep([1, 3, 6]);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
          expect.stringMatching(/^\$\.sweep\.substeps\[1\]: 3 substeps is not a power of two: a sweep of substeps follows one Brownian path only for m = 2\^k/),
          expect.stringMatching(/^\$\.sweep\.substeps\[2\]: 6 substeps is not a power of two/),
        ]);
      }
      expect(substepsSweep([1, 3, 6], 'independent').ok).toBe(true);
    });
  });
});

