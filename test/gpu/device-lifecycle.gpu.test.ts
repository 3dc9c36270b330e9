import { create, globals } from 'webgpu';
import { describe, expect, it } from 'vitest';
import { DeviceLostError, EnsembleAbortedError, NoAdapterError, deviceFromAdapter, runEnsembleGpu } from '../../src/internal';
import { requestNodeDevice } from '../../src/node';
import { testDevice } from '../support/gpu';
import { ouSpec } from '../support/ou-spec';

const keep: unknown[] = [];
const longRun = ouSpec({ A: [[1]], sigma: 1, x0: [0], dt: 0.01, trajectories: 2 ** 16, steps: 2000, checkpoints: [0, 1000, 2000], seed: 'long' });

describe('the device layer reports failures instead of hanging or returning garbage', () => {
  it("refuses Dawn's null backend, which runs nothing and reads back garbage", async () => {
    Object.assign(globalThis, globals);
    const gpu = create(['backend=null']);
    const adapter = await gpu.requestAdapter();
    keep.push(gpu, adapter);
    expect(adapter).not.toBeNull();
    await expect(deviceFromAdapter(adapter!, 'null', 'core')).rejects.toThrow(NoAdapterError);
  });

  it('a backend with no adapter fails with one message that says how to get one', async () => {
    // No D3D12 exists on Linux or macOS; on Windows Metal is the absent one.
    const absent = process.platform === 'win32' ? 'metal' : 'd3d12';
    const error = await requestNodeDevice({ backend: absent }).then(() => undefined, (e: Error) => e);
    expect(error).toBeInstanceOf(NoAdapterError);
    expect(error!.message).toMatch(/no WebGPU adapter/);
    expect(error!.message).toMatch(/hint: .*--device cpu/);
  });

  it('an AbortSignal cancels a run between dispatches with an AbortError', async () => {
    const gpu = await testDevice();
    const controller = new AbortController();
    const run = runEnsembleGpu(gpu, longRun, { stepsPerDispatch: 50, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(EnsembleAbortedError);
    // The device is still usable afterwards.
    const again = await runEnsembleGpu(gpu, { ...longRun, steps: 10, checkpoints: [0, 10] });
    expect(again.count[1]).toBe(longRun.trajectories);
  });

  it('a device lost mid-run rejects the run with DeviceLostError naming the reason', async () => {
    const gpu = await requestNodeDevice();
    const run = runEnsembleGpu(gpu, longRun, { stepsPerDispatch: 50, onProgress: () => gpu.device.destroy() });
    await expect(run).rejects.toThrow(DeviceLostError);
    await expect(run).rejects.toThrow(/destroyed/);
    gpu.release();
  });
});
