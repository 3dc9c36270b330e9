import { describe, expect, it } from 'vitest';
import {
  loopIterationsPerStep,
  objectiveLoopIterations,
  reduceLoopIterations,
  checkReduceLoopLimit,
  resolveChunking,
  specLoopIterationsPerStep,
  stepsWithinLoopLimit,
} from '../../src/ensemble/chunking';
import { specStatisticsLayout } from '../../src/ensemble/kernels';
import { LLVMPIPE_GL_LOOP_LIMIT } from '../../src/gpu/adapter-description';
import { assertExperiment, ensembleSpec, expandRuns, type EnsembleSpec } from '../../src/internal';
import { minibatchLoopIterations } from '../../src/noise/minibatch';
import { sgdExperiment, specOf } from './finite-sum-fixtures';

const LIMITS = { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28 } as GPUSupportedLimits;

function quadraticSpec(noise?: Record<string, unknown>, escape = false): EnsembleSpec {
  const experiment = assertExperiment({
    objective: { kind: 'quadratic', A: [[2, 0.5, 0], [0.5, 1, 0], [0, 0, 1]] },
    ...(noise ? { noise } : {}),
    dynamics: [{ kind: 'sgd', lr: 0.1 }],
    x0: [1, 1, 1],
    trajectories: 256,
    steps: 100,
    ...(escape ? { escape: { kind: 'ball', center: [0, 0, 0], radius: 5 } } : {}),
  });
  return ensembleSpec(experiment, expandRuns(experiment)[0]);
}

const leastSquaresSgd = (samples: number, noise: Record<string, unknown>, observables?: string[]) =>
  specOf(
    sgdExperiment({
      objective: { kind: 'least-squares', generate: { samples, features: 4, seed: 'loops' } },
      noise,
      lr: 0.01,
      x0: [0, 0, 0, 0],
      trajectories: 256,
      steps: 1000,
      observables,
    }),
  );

describe('loop accounting for llvmpipe over OpenGL ES (65,535 loop iterations per invocation)', () => {
  it('models that declare no costs keep the dense-quadratic bound 2d² + 16d + 16 (+ d² + 6d with an escape region)', () => {
    for (const noise of [undefined, { kind: 'gaussian', cov: 0.5 }, { kind: 'gaussian', cov: [[1, 0.2, 0], [0.2, 1, 0], [0, 0, 1]] }]) {
      expect(specLoopIterationsPerStep(quadraticSpec(noise))).toBe(loopIterationsPerStep(3));
      expect(specLoopIterationsPerStep(quadraticSpec(noise, true))).toBe(loopIterationsPerStep(3, true));
    }
    expect(objectiveLoopIterations(quadraticSpec())).toEqual({ grad: 9, loss: 12 });
  });

  it('a mini-batch step costs b sample gradients, a Philox call per 4 samples and, without replacement, Floyd’s b(b − 1)/2 search', () => {
    const d = 4;
    const sampleGrad = 2 * d + 2; // least squares: residual and update loops
    const withReplacement = leastSquaresSgd(1000, { kind: 'minibatch', batchSize: 64, replacement: true });
    const without = leastSquaresSgd(1000, { kind: 'minibatch', batchSize: 64 });
    expect(objectiveLoopIterations(without).sampleGrad).toBe(sampleGrad);
    expect(specLoopIterationsPerStep(without) - specLoopIterationsPerStep(withReplacement)).toBe((64 * 63) / 2 + 64);
    expect(specLoopIterationsPerStep(withReplacement)).toBe(16 * d + 16 + minibatchLoopIterations({ kind: 'minibatch', batchSize: 64, replacement: true }, sampleGrad, d));
    // Independent of N: a mini-batch never loops over the data.
    expect(specLoopIterationsPerStep(leastSquaresSgd(100000, { kind: 'minibatch', batchSize: 64 }))).toBe(specLoopIterationsPerStep(without));
  });

  it('the full gradient of a finite sum costs N·(2d + 3): dispatches shrink with N, and one step past the limit is refused with a clear message', () => {
    const small = leastSquaresSgd(100, { kind: 'none' });
    expect(specLoopIterationsPerStep(small)).toBeGreaterThan(100 * (2 * 4 + 3));
    const plan = resolveChunking(small, {}, LIMITS, LLVMPIPE_GL_LOOP_LIMIT);
    expect(plan.stepsPerDispatch).toBe(stepsWithinLoopLimit(4, LLVMPIPE_GL_LOOP_LIMIT, 0, specLoopIterationsPerStep(small)));
    expect(plan.stepsPerDispatch * specLoopIterationsPerStep(small)).toBeLessThanOrEqual(LLVMPIPE_GL_LOOP_LIMIT);
    expect(plan.stepsPerDispatch).toBeGreaterThan(30);
    const large = leastSquaresSgd(10000, { kind: 'none' });
    expect(() => resolveChunking(large, {}, LIMITS, LLVMPIPE_GL_LOOP_LIMIT)).toThrow(/one step of this model \(d = 4\) needs up to \d+ loop iterations.*--backend vulkan/);
    // Without a loop limit (Vulkan, hardware GPUs) nothing is cut by it.
    expect(resolveChunking(large, {}, LIMITS, null).stepsPerDispatch).toBeGreaterThan(1);
  });

  it('b = 256 without replacement takes one step per dispatch under the limit; b = 8 takes hundreds', () => {
    expect(resolveChunking(leastSquaresSgd(300, { kind: 'minibatch', batchSize: 256 }), {}, LIMITS, LLVMPIPE_GL_LOOP_LIMIT).stepsPerDispatch).toBe(1);
    const b8 = resolveChunking(leastSquaresSgd(300, { kind: 'minibatch', batchSize: 8 }), {}, LIMITS, LLVMPIPE_GL_LOOP_LIMIT).stepsPerDispatch;
    expect(b8).toBeGreaterThan(200);
    expect(b8).toBeLessThan(400);
  });

  it('the reduction costs f(x) of a finite sum as N·(d + 2): a loss statistic over many samples is refused on llvmpipe GLES, not silently cut', () => {
    const spec = leastSquaresSgd(5000, { kind: 'minibatch', batchSize: 8 }, ['mean', 'loss']);
    const layout = specStatisticsLayout(spec);
    expect(reduceLoopIterations(layout, 0, objectiveLoopIterations(spec).loss)).toBeGreaterThan(reduceLoopIterations(layout, 0));
    // runEnsembleGpu runs this check before compiling anything.
    const check = (s: typeof spec, limit: number | null) => () => checkReduceLoopLimit(specStatisticsLayout(s), 0, limit, objectiveLoopIterations(s).loss);
    expect(check(spec, LLVMPIPE_GL_LOOP_LIMIT)).toThrow(/need up to \d+ loop iterations per reduction invocation/);
    // The same run without the loss statistic, or on an adapter without the limit, is fine.
    expect(check(leastSquaresSgd(5000, { kind: 'minibatch', batchSize: 8 }), LLVMPIPE_GL_LOOP_LIMIT)).not.toThrow();
    expect(check(spec, null)).not.toThrow();
  });
});
