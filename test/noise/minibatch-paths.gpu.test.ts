import { describe, expect, it } from 'vitest';
import { pathDifferences, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { DeviceChunk } from '../../src/ensemble/device-chunk';
import { LoopCutError } from '../../src/ensemble/loop-cut-error';
import type { LeastSquaresObjective } from '../../src/objectives/least-squares';
import type { LogisticObjective } from '../../src/objectives/logistic';
import { testDevice } from '../support/gpu';
import { sgdExperiment, specOf } from './finite-sum-fixtures';
import { maxAbsAlongPaths, sgdF32ErrorBound } from './sgd-f32-bound';

const TRAJECTORIES = 512;
const STEPS = 300;
const CHECKPOINTS = [0, 1, 150, 300];
const X0 = [2, -1, 0.5, 1];

/** RMS over trajectories and coordinates of x − mean(x) at one checkpoint: how far different batches move the paths. */
function spread(states: ArrayLike<number>, d: number): number {
  const n = states.length / d;
  let total = 0;
  for (let i = 0; i < d; i++) {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += states[t * d + i] / n;
    for (let t = 0; t < n; t++) total += (states[t * d + i] - mean) ** 2;
  }
  return Math.sqrt(total / (n * d));
}

const CASES = [
  { name: 'least squares', objective: { kind: 'least-squares', generate: { samples: 64, features: 4, noise: 0.5, seed: 'paths-ls' } }, lr: 0.05 },
  { name: 'logistic (λ = 0.01)', objective: { kind: 'logistic', generate: { samples: 64, features: 4, noise: 0.5, seed: 'paths-logistic' }, l2: 0.01 }, lr: 0.25 },
] as const;

describe('SGD with mini-batch noise: GPU paths equal the float64 reference path by path (same batches replayed)', () => {
  for (const c of CASES) {
    for (const replacement of [false, true]) {
      it(`${c.name}, N = 64, d = 4, b = 8 ${replacement ? 'with' : 'without'} replacement, ${TRAJECTORIES} trajectories × ${STEPS} steps: within the f32 error bound`, async () => {
        const gpu = await testDevice();
        const experiment = sgdExperiment({
          objective: c.objective,
          noise: { kind: 'minibatch', batchSize: 8, replacement },
          lr: c.lr,
          x0: X0,
          trajectories: TRAJECTORIES,
          steps: STEPS,
          seed: `paths-${replacement}`,
        });
        const spec = specOf(experiment, CHECKPOINTS);
        const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: TRAJECTORIES });
        const r = await runEnsembleReference(spec, { trackTrajectories: TRAJECTORIES });
        const diff = pathDifferences(g.tracked!, r.tracked!);
        const X = maxAbsAlongPaths(spec, TRAJECTORIES);
        const bound = sgdF32ErrorBound(experiment.objective as LeastSquaresObjective | LogisticObjective, c.lr, 8, X, STEPS);
        // All paths start at the same x0, so after one step they differ by their batches alone:
        // a batch drawn differently on the GPU would move a path by about this much (one index
        // of b drawn differently: η(∇f_i − ∇f_j)/b, of RMS √(2/b) = ½ this spread at b = 8).
        const batchEffect = spread(r.tracked![1], 4);
        console.info(
          `${c.name} b=8 ${replacement ? 'with' : 'without'} replacement: max |Δ| = ${diff.maxAbs.toExponential(3)}, RMS = ${diff.rms.toExponential(3)}, ` +
            `f32 bound = ${bound.toExponential(3)} (max|x| = ${X.toFixed(3)}), one-step batch spread = ${batchEffect.toExponential(3)} (${gpu.adapter.backend})`,
        );
        expect(g.count.every((n) => n === TRAJECTORIES)).toBe(true);
        expect(diff.maxAbs).toBeLessThanOrEqual(bound);
        // The check can tell batches apart: the bound is well below the effect of a different batch,
        // and the differences seen are far below even the effect of a single different index.
        expect(batchEffect).toBeGreaterThan(10 * bound);
        expect(diff.maxAbs).toBeLessThan(1e-3 * Math.sqrt(2 / 8) * batchEffect);
      });
    }
  }

  it('b = 256 without replacement (Floyd: b² loop trips a step): one step per dispatch on llvmpipe GLES, paths still equal the reference', async () => {
    const gpu = await testDevice();
    const steps = 6;
    const experiment = sgdExperiment({
      objective: { kind: 'least-squares', generate: { samples: 300, features: 2, noise: 1, seed: 'big-batch' } },
      noise: { kind: 'minibatch', batchSize: 256 },
      lr: 0.1,
      x0: [3, -3],
      trajectories: 256,
      steps,
    });
    const spec = specOf(experiment, [0, steps]);
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: 256 });
    const r = await runEnsembleReference(spec, { trackTrajectories: 256 });
    const diff = pathDifferences(g.tracked!, r.tracked!);
    // 6 contracting steps (η·max‖a_i‖² < 2) of local error ≲ (d + 3 + b)u·A·R·η + u(X + 2ηG) ≈ 2e-5
    // with A·R ≲ 4·(8·3 + 10): 1e-4 is a safe bound; a wrong batch moves x by ~η·|∇f_i − ∇f_j|/b ≈ 1e-3 or more.
    console.info(`b=256 without replacement: max |Δ| = ${diff.maxAbs.toExponential(3)} (${gpu.adapter.backend})`);
    expect(diff.maxAbs).toBeLessThan(1e-4);

    if (gpu.adapter.maxLoopIterations !== null) {
      // Control on llvmpipe GLES: Floyd alone runs 256·255/2 = 32,640 inner trips a step, so the
      // probe allows one step per dispatch. All 6 steps in one dispatch: the driver cuts the loops,
      // the paths go wrong, and the loop canary says so. This is what the probe prevents.
      const chunk = await DeviceChunk.create(gpu, spec);
      try {
        expect(chunk.plan.stepsPerDispatch).toBe(1);
        chunk.initialize(0, 256);
        chunk.integrate(0, 256, 0, steps);
        const states = new Float32Array(await chunk.copyOut('state', 256 * 2 * 4));
        const brokenDiff = pathDifferences([states], [r.tracked![1]]);
        console.info(`control, ${steps} steps in one dispatch: max |Δ| = ${brokenDiff.maxAbs.toExponential(3)}`);
        expect(brokenDiff.maxAbs).toBeGreaterThan(1e-2);
        await expect(chunk.checkLoops()).rejects.toBeInstanceOf(LoopCutError);
      } finally {
        chunk.dispose();
      }
    }
  });
});
