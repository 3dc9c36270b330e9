import { describe, expect, it } from 'vitest';
import { DeviceChunk } from '../../src/ensemble/device-chunk';
import { LoopCutError } from '../../src/ensemble/loop-cut-error';
import { pathDifferences, runEnsembleGpu, runEnsembleReference, type EnsembleSpec } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { sgdExperiment, specOf } from '../noise/finite-sum-fixtures';
import { ouSpec } from '../support/ou-spec';

/** SGD on least squares with mini-batches of 256 without replacement: Floyd's draw alone runs 256·255/2 loop trips a step. */
function bigBatchSpec(): EnsembleSpec {
  const experiment = sgdExperiment({
    objective: { kind: 'least-squares', generate: { samples: 300, features: 2, noise: 1, seed: 'big-batch' } },
    noise: { kind: 'minibatch', batchSize: 256 },
    lr: 0.1,
    x0: [3, -3],
    trajectories: 256,
    steps: 6,
  });
  return specOf(experiment, [0, 6]);
}

describe('the loop canary: a loop the driver cuts short is reported, never silently wrong', () => {
  it('a dispatch longer than the probe allows is reported as a LoopCutError on llvmpipe over OpenGL ES (and runs uncut elsewhere)', async () => {
    const gpu = await testDevice();
    const spec = bigBatchSpec();
    const chunk = await DeviceChunk.create(gpu, spec);
    try {
      chunk.initialize(0, 256);
      chunk.integrate(0, 256, 0, 6); // all six steps in one dispatch, past the probe's choice
      await chunk.settle();
      if (gpu.adapter.maxLoopIterations !== null) {
        // Two steps already pass 65,535 loop passes: the probe allows one step per dispatch.
        expect(chunk.plan.stepsPerDispatch).toBe(1);
        const error = await chunk.checkLoops().then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(LoopCutError);
        expect((error as LoopCutError).kernel).toBe('integrate');
        expect((error as LoopCutError).message).toMatch(/cut the time loop short by step \d+ .*--backend vulkan/);
        // Reported once: the words are reset, and a dispatch the probe allows runs uncut.
        chunk.initialize(0, 256);
        chunk.integrate(0, 256, 0, 1);
        await expect(chunk.checkLoops()).resolves.toBeUndefined();
      } else {
        expect(chunk.plan.stepsPerDispatch).toBeGreaterThanOrEqual(6);
        await expect(chunk.checkLoops()).resolves.toBeUndefined();
      }
    } finally {
      chunk.dispose();
    }
  });

  it('the probe measures the budget: a dispatch of the chosen steps runs uncut, one of 8/3 as many is cut (llvmpipe over OpenGL ES)', async () => {
    const gpu = await testDevice();
    // A 2-D OU process: a few dozen loop passes a step, so hundreds of steps fit one dispatch.
    const spec = ouSpec({ A: [[1, 0.2], [0.2, 0.5]], sigma: 0.3, x0: [1, -1], dt: 0.01, trajectories: 256, steps: 100_000, checkpoints: [0, 100_000] });
    const chunk = await DeviceChunk.create(gpu, spec);
    try {
      const steps = chunk.plan.stepsPerDispatch;
      chunk.initialize(0, 256);
      chunk.integrate(0, 256, 0, steps);
      await expect(chunk.checkLoops()).resolves.toBeUndefined();
      if (gpu.adapter.maxLoopIterations === null) return;
      // The probe keeps 3/4 of the steps that fit: twice that (8/3 of the steps chosen) cannot fit.
      expect(steps).toBeGreaterThan(10);
      chunk.initialize(0, 256);
      chunk.integrate(0, 256, 0, Math.ceil((8 / 3) * steps));
      await expect(chunk.checkLoops()).rejects.toBeInstanceOf(LoopCutError);
    } finally {
      chunk.dispose();
    }
  });

  it('a step dearer than the probe saw (a batch-size stage between its starting points) is cut, replayed in shorter dispatches, and the paths equal the reference', async () => {
    const gpu = await testDevice();
    // b = 2 except at steps 120–159, where b = 200 without replacement (Floyd: about 20,000 loop trips a step).
    // The probe starts at steps 0, 100 and 200 and sees the dear stage only from step 100, briefly.
    const steps = 300;
    const spec = specOf(
      sgdExperiment({
        objective: { kind: 'least-squares', generate: { samples: 300, features: 2, noise: 1, seed: 'stage' } },
        noise: { kind: 'minibatch', batchSize: { kind: 'stages', every: 40, values: [2, 2, 2, 200, 2, 2, 2, 2] } },
        lr: 0.05,
        x0: [3, -3],
        trajectories: 256,
        steps,
      }),
      [0, 150, steps],
    );
    const probed = await DeviceChunk.create(gpu, spec);
    const before = probed.plan.stepsPerDispatch;
    probed.dispose();
    const g = await runEnsembleGpu(gpu, spec, { trackTrajectories: 256 });
    const r = await runEnsembleReference(spec, { trackTrajectories: 256 });
    const after = await DeviceChunk.create(gpu, spec);
    const lowered = after.plan.stepsPerDispatch;
    after.dispose();
    const diff = pathDifferences(g.tracked!, r.tracked!);
    const moved = Math.max(...Array.from(r.tracked![2], (v, i) => Math.abs(v - r.tracked![0][i])));
    console.info(`stage b = 200 at steps 120–159: steps per dispatch ${before} probed, ${lowered} after the run; max |Δ| = ${diff.maxAbs.toExponential(3)}, paths moved ${moved.toFixed(3)} (${gpu.adapter.backend})`);
    if (gpu.adapter.maxLoopIterations !== null) {
      // Two dear steps already pass 65,535 loop passes; the probe allowed more, the runner halved down.
      expect(before).toBeGreaterThan(2);
      expect(lowered).toBeLessThan(before);
      expect(lowered).toBeLessThanOrEqual(2);
    } else {
      expect(lowered).toBe(before);
    }
    // 300 contracting steps (η·max‖a_i‖² < 2) in f32; a cut loop moves a path by a wrong batch's η·|∇f_i − ∇f_j|/b ≳ 1e-3.
    expect(diff.maxAbs).toBeLessThan(1e-4);
    expect(moved).toBeGreaterThan(0.5);
    expect(g.count.at(-1)).toBe(256);
  });

  it('statistics whose reduction passes the budget are refused before anything runs (llvmpipe over OpenGL ES)', async () => {
    const gpu = await testDevice();
    // The loss of a 40,000-sample least-squares problem is a 160,000-trip loop for every trajectory reduced.
    const spec = specOf(
      sgdExperiment({
        objective: { kind: 'least-squares', generate: { samples: 40_000, features: 4, seed: 'loops' } },
        noise: { kind: 'minibatch', batchSize: 8 },
        lr: 0.01,
        x0: [0, 0, 0, 0],
        trajectories: 256,
        steps: 10,
        observables: ['mean', 'loss'],
      }),
    );
    if (gpu.adapter.maxLoopIterations === null) {
      const result = await runEnsembleGpu(gpu, spec);
      expect(result.count.at(-1)).toBe(256);
      return;
    }
    await expect(runEnsembleGpu(gpu, spec)).rejects.toThrow(/statistics asked for at d = 4 run more loop iterations per reduction invocation.*--backend vulkan/);
  });
});
