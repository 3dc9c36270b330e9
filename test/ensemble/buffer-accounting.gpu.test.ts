/**
 * No leaks when embedded: every GPUBuffer the engine creates
 * is accounted for (src/gpu/buffer-registry.ts) and destroyed when its ensemble
 * ends — normally, aborted or with its device lost — and the dry run's plan
 * (src/run/plan.ts) lists exactly the buffers a run creates.
 */
import { describe, expect, it } from 'vitest';
import { countDeviceBuffers, DeviceLostError, EnsembleAbortedError, LiveEnsemble, engineBufferStats, liveEngineBuffers, measureExperiment, parseExperiment, runEnsembleGpu, type Experiment } from '../../src/internal';
import { requestNodeDevice } from '../../src/node';
import { planExperiment } from '../../src/run/plan';
import { testDevice } from '../support/gpu';
import { CORRELATED_2D, ouSpec } from '../support/ou-spec';

function experiment(input: Record<string, unknown>): Experiment {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return parsed.experiment;
}

/** An OU with every kind of buffer: escape (exit-step counters), histogram and regions (counters), covariance, and a CPU reference (tracked paths). */
const EVERYTHING = experiment({
  objective: { kind: 'quadratic', A: CORRELATED_2D.A, b: CORRELATED_2D.b },
  dynamics: [
    { kind: 'gradient-sde', dt: 0.05, sigma: CORRELATED_2D.sigma },
    { kind: 'gradient-sde', dt: 0.05, sigma: CORRELATED_2D.sigma, integrator: 'exact' },
  ],
  x0: CORRELATED_2D.x0,
  trajectories: 2000,
  steps: 40,
  record: {
    every: 10,
    observables: ['mean', 'variance', 'covariance', 'loss', 'histogram'],
    histogram: { bins: 16, range: [-3, 3], lossRange: [0, 4] },
    regions: { near: { kind: 'ball', center: [0, 0], radius: 1 } },
  },
  escape: { kind: 'ball', center: [0, 0], radius: 3 },
  reference: { trajectories: 64 },
});

/** SGD with Gaussian noise over an lr sweep (no counters, no tracking). */
const SWEEP = experiment({
  objective: { kind: 'quadratic', A: [[1, 0], [0, 0.5]] },
  noise: { kind: 'gaussian', cov: 0.1 },
  dynamics: [{ kind: 'sgd', lr: 0.1 }, { kind: 'heavy-ball', lr: 0.1, beta: 0.5 }],
  x0: [1, 1],
  trajectories: 700,
  steps: 12,
  sweep: { lr: [0.1, 0.05] },
});

/** The plan's name for a live buffer: the longest planned name its label starts with. */
const nameOf = (label: string, names: string[]) => names.filter((n) => label.startsWith(`${n} `)).sort((a, b) => b.length - a.length)[0] ?? `unplanned: ${label}`;

describe('GPU buffers: planned, created and destroyed', () => {
  it.each([
    ['an OU with escape, histograms, regions, covariance and a reference', EVERYTHING, {}, false],
    ['an SGD / heavy-ball sweep cut into 3 chunks of 256', SWEEP, { chunkSize: 256 }, false],
    ['the same sweep keeping a checkpoint (a snapshot readback buffer more)', SWEEP, { chunkSize: 256 }, true],
  ] as const)('the plan lists exactly the buffers (names and sizes) that each run of %s holds while it runs', async (_name, e, ensemble, snapshots) => {
    const gpu = await testDevice();
    const plan = planExperiment(e, gpu, { ensemble, snapshots });
    expect(plan.runs[0].buffers.some((b) => b.name === 'snapshot readback')).toBe(snapshots);
    const seen = new Map<number, { label: string; size: number }[]>();
    await measureExperiment(e, {
      device: gpu,
      ensemble,
      ...(snapshots ? { checkpoints: { save: async () => {}, minIntervalSeconds: 3600 } } : {}),
      onProgress: (p) => {
        if (!seen.has(p.run)) seen.set(p.run, liveEngineBuffers(gpu.device));
      },
    });
    expect(seen.size).toBe(plan.runs.length);
    for (const run of plan.runs) {
      const names = run.buffers.map((b) => b.name);
      const live = seen.get(run.index)!.map((b) => ({ name: nameOf(b.label, names), bytes: b.size }));
      const key = (b: { name: string; bytes: number }) => `${b.name}:${b.bytes}`;
      expect(live.map(key).sort(), `run ${run.index}`).toEqual(run.buffers.map(key).sort());
    }
    if (Object.keys(ensemble).length > 0) expect(plan.runs[0].chunks).toBe(3);
    expect(liveEngineBuffers(gpu.device)).toEqual([]);
  });

  it('creating, running and finishing 200 ensembles in one process leaves zero engine buffers alive', async () => {
    const gpu = await testDevice();
    const before = engineBufferStats();
    const specs = [
      ouSpec({ ...CORRELATED_2D, dt: 0.05, trajectories: 300, steps: 5, checkpoints: [0, 2, 5] }),
      { ...ouSpec({ A: [[1]], sigma: 0.5, x0: [1], dt: 0.1, trajectories: 100, steps: 4 }), escape: { region: { kind: 'ball' as const, center: [0], radius: 1.5 }, stop: true } },
    ];
    let peak = 0;
    for (let i = 0; i < 200; i++) {
      await runEnsembleGpu(gpu, specs[i % 2], {
        trackTrajectories: i % 3 === 0 ? 8 : 0,
        onProgress: () => (peak = Math.max(peak, liveEngineBuffers(gpu.device).length)),
      });
    }
    const after = engineBufferStats();
    console.log(`200 ensembles: ${after.created - before.created} buffers (${after.createdBytes - before.createdBytes} bytes) created, at most ${peak} alive at once, ${after.live} alive at the end`);
    // Each run holds its buffers while it runs (so the tracker sees them) and none afterwards.
    expect(peak).toBeGreaterThanOrEqual(11);
    expect(after.created - before.created).toBeGreaterThanOrEqual(200 * 11);
    expect(liveEngineBuffers(gpu.device)).toEqual([]);
    expect(after.live).toBe(before.live);
  });

  it('200 embedded LiveEnsembles created, stepped and disposed (twice each) leave no buffer alive, counted at the device', async () => {
    const gpu = await testDevice();
    const spec = ouSpec({ ...CORRELATED_2D, dt: 0.05, trajectories: 256, steps: 6, checkpoints: [0, 3, 6] });
    const counted = await countDeviceBuffers(gpu.device, async () => {
      for (let i = 0; i < 200; i++) {
        const live = await LiveEnsemble.create(gpu, spec);
        await live.advance(i % 2 === 0 ? 6 : 2);
        live.dispose();
        live.dispose();
      }
    });
    console.log(`200 LiveEnsembles: ${counted.created} buffers created, ${counted.alive.length} alive after dispose`);
    expect(counted.created).toBeGreaterThanOrEqual(200 * 5);
    expect(counted.alive).toEqual([]);
  });

  it('the runner\'s buffers counted at the device agree with the engine registry: none alive after 20 runs', async () => {
    const gpu = await testDevice();
    const before = engineBufferStats().created;
    const spec = ouSpec({ ...CORRELATED_2D, dt: 0.05, trajectories: 300, steps: 5 });
    const counted = await countDeviceBuffers(gpu.device, async () => {
      for (let i = 0; i < 20; i++) await runEnsembleGpu(gpu, spec, { trackTrajectories: 4 });
    });
    expect(counted.created).toBe(engineBufferStats().created - before);
    expect(counted.alive).toEqual([]);
  });

  it('an aborted run destroys its buffers', async () => {
    const gpu = await testDevice();
    const controller = new AbortController();
    const spec = ouSpec({ A: [[1]], sigma: 1, x0: [0], dt: 0.01, trajectories: 4096, steps: 400, checkpoints: [0, 200, 400] });
    const run = runEnsembleGpu(gpu, spec, { stepsPerDispatch: 20, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(EnsembleAbortedError);
    expect(liveEngineBuffers(gpu.device)).toEqual([]);
  });

  it('a run whose device is lost destroys its buffers, and release() may be called twice', async () => {
    const gpu = await requestNodeDevice();
    const spec = ouSpec({ A: [[1]], sigma: 1, x0: [0], dt: 0.01, trajectories: 4096, steps: 400, checkpoints: [0, 200, 400] });
    const run = runEnsembleGpu(gpu, spec, { stepsPerDispatch: 20, onProgress: () => gpu.device.destroy() });
    await expect(run).rejects.toThrow(DeviceLostError);
    expect(liveEngineBuffers(gpu.device)).toEqual([]);
    gpu.release();
    expect(() => gpu.release()).not.toThrow();
  });
});
