import { describe, expect, it } from 'vitest';
import { runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import { firstDifference } from '../support/compare';
import { testDevice } from '../support/gpu';
import { CORRELATED_2D, ouSpec } from '../support/ou-spec';

describe('a trajectory depends only on (seed, index, step, draw)', () => {
  const spec = ouSpec({ ...CORRELATED_2D, x0std: [0.5, 0.25], dt: 0.02, trajectories: 5000, steps: 50, checkpoints: [0, 17, 50], seed: 'chunks' });

  it('final states and moments are bit-identical for chunk sizes 256, 1000, 4096 and one chunk, and for 7 steps per dispatch', async () => {
    const gpu = await testDevice();
    const base = await runEnsembleGpu(gpu, spec, { keepFinalState: true });
    for (const options of [{ chunkSize: 256 }, { chunkSize: 1000 }, { chunkSize: 4096 }, { stepsPerDispatch: 7 }, { chunkSize: 768, stepsPerDispatch: 3 }]) {
      const other = await runEnsembleGpu(gpu, spec, { ...options, keepFinalState: true });
      expect(other.finalState, JSON.stringify(options)).toEqual(base.finalState);
      expect(other.mean, JSON.stringify(options)).toEqual(base.mean);
      expect(other.variance, JSON.stringify(options)).toEqual(base.variance);
    }
  });

  it('two runs of the same spec give bit-identical results, and another seed does not', async () => {
    const gpu = await testDevice();
    const a = await runEnsembleGpu(gpu, spec, { keepFinalState: true });
    const b = await runEnsembleGpu(gpu, spec, { keepFinalState: true });
    expect(b.finalState).toEqual(a.finalState);
    const other = await runEnsembleGpu(gpu, { ...spec, key: [1, 2] }, { keepFinalState: true });
    expect(other.finalState).not.toEqual(a.finalState);
  });

  it('a shard (firstTrajectory = 2048) reproduces the same trajectories of the full run bit for bit', async () => {
    const gpu = await testDevice();
    const full = await runEnsembleGpu(gpu, spec, { keepFinalState: true });
    const shard = await runEnsembleGpu(gpu, { ...spec, firstTrajectory: 2048, trajectories: 1024 }, { keepFinalState: true });
    expect(shard.finalState).toEqual(full.finalState!.slice(2048 * 2, 3072 * 2));
  });

  it('beyond 65,535 workgroups the 2-D dispatch covers every trajectory, bit-identical to small chunks, and the last ones match the reference', async () => {
    const gpu = await testDevice();
    const n = 65535 * 64 + 300; // one more row of workgroups than a 1-D dispatch allows
    const big = ouSpec({ A: [[1]], sigma: 1, x0: [0], dt: 0.1, trajectories: n, steps: 2, seed: '2d' });
    const oneChunk = await runEnsembleGpu(gpu, big, { chunkSize: 2 ** 23, keepFinalState: true });
    const small = await runEnsembleGpu(gpu, big, { chunkSize: 2 ** 20, keepFinalState: true });
    expect(oneChunk.count[1]).toBe(n);
    expect(firstDifference(oneChunk.finalState!, small.finalState!)).toBe(-1);
    const tail = await runEnsembleReference({ ...big, firstTrajectory: n - 16, trajectories: 16 }, { keepFinalState: true });
    const gpuTail = oneChunk.finalState!.slice(n - 16);
    tail.finalState!.forEach((x, i) => expect(Math.abs(gpuTail[i] - x)).toBeLessThan(1e-5));
  });
});
