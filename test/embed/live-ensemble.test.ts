import { describe, expect, it } from 'vitest';
import { assertExperiment, liveEngineBuffers, LiveEnsemble, LiveExperiment, runEnsembleGpu, runExperiment, shareDeviceDescribed } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { ouSpec } from '../support/ou-spec';
import escapeExperiment from '../../experiments/double-well-escape.json';

describe('the embedding API steps an ensemble that stays on the GPU', () => {
  const spec = {
    ...ouSpec({ A: [[1, 0.3], [0.3, 0.8]], sigma: 0.7, x0: [0.5, -0.5], x0std: [0.3, 0.3], dt: 0.05, trajectories: 3000, steps: 120, checkpoints: [0, 40, 90, 120], seed: 'live' }),
    escape: { region: { kind: 'ball' as const, center: [0, 0], radius: 1.2 }, stop: false },
  };

  it('advancing in uneven slices gives bit-identical statistics and final states to the one-shot runner', async () => {
    const gpu = await testDevice();
    const once = await runEnsembleGpu(gpu, spec, { keepFinalState: true });
    const live = await LiveEnsemble.create(gpu, spec);
    const taken: number[] = [];
    while (!live.done) taken.push(await live.advance(37));
    expect(taken.reduce((a, b) => a + b, 0)).toBe(120);
    expect(await live.advance(10)).toBe(0);
    const result = await live.result();
    expect(result.statistics.toJSON()).toEqual(once.statistics.toJSON());
    const state = await live.readState();
    expect(state.subarray(0, 3000 * 2)).toEqual(once.finalState);
    const ours = () => liveEngineBuffers(gpu.device).filter((b) => b.label.startsWith('live '));
    expect(ours().length).toBeGreaterThan(0);
    live.dispose();
    live.dispose(); // idempotent
    expect(live.isDisposed).toBe(true);
    expect(ours()).toEqual([]); // every buffer it made is released
    await expect(live.readStatistics()).rejects.toThrow(/disposed/);
  });

  it('the state and record buffers carry their layout, and a shared device survives dispose and release', async () => {
    const gpu = await testDevice();
    const shared = shareDeviceDescribed(gpu.device, gpu.adapter);
    const live = await LiveEnsemble.create(shared, spec);
    expect(live.state).toMatchObject({ trajectories: 3000, dim: 2, format: 'float32', strideBytes: 8 });
    expect(live.records).toMatchObject({ trajectories: 3000, strideBytes: 8, exitWord: 1, notExited: 0xffffffff });
    expect(live.state.buffer.usage & GPUBufferUsage.VERTEX).toBeTruthy();
    expect(live.checkpointsReached).toBe(1); // step 0 reduced at creation
    const partial = await live.readStatistics();
    expect(partial.checkpoints[0].count).toBe(3000);
    expect(partial.checkpoints[1].count).toBe(0);
    live.dispose();
    shared.release();
    // The app's device is still usable after the engine let go of it.
    const again = await LiveEnsemble.create(gpu, { ...spec, trajectories: 256 });
    await again.advance();
    expect(again.done).toBe(true);
    again.dispose();
  });

  it('a live experiment reports the same escape fractions and series as runExperiment', async () => {
    const gpu = await testDevice();
    const experiment = assertExperiment({ ...escapeExperiment, trajectories: 2048, horizon: 20 });
    const expected = await runExperiment(experiment, { device: gpu });
    const live = await LiveExperiment.create(gpu, experiment);
    while (!live.done) await live.advanceFraction(0.3);
    const result = await live.report();
    live.dispose();
    expect(result.runs.map((r) => r.escape)).toEqual(expected.runs.map((r) => r.escape));
    expect(result.runs.map((r) => r.series)).toEqual(expected.runs.map((r) => r.series));
  });
});
