/**
 * No leaks when embedded, in the browser: an embedding page that creates and
 * disposes many ensembles leaves no GPU buffer alive. Every ensemble is made
 * through the public embedding API (LiveEnsemble via createLiveEnsemble, with
 * and without timestamp queries, and whole LiveExperiments), stepped, and
 * disposed twice. Buffers are counted twice: by the engine's registry
 * (liveEngineBuffers) and at the device, by wrapping device.createBuffer and
 * each buffer's destroy — which also catches any engine buffer made outside
 * the registry. The outcome goes to window.leakCheck and body[data-state].
 */
import { assertExperiment, countDeviceBuffers, createLiveEnsemble, engineBufferStats, LiveExperiment, liveEngineBuffers, requestBrowserDevice } from 'sdeflow';

interface LeakCheck {
  ensembles: number;
  liveExperiments: number;
  timedEnsembles: number;
  /** Buffers created at the device while the loop ran, and those not destroyed at the end (labels). */
  createdAtDevice: number;
  aliveAtDevice: string[];
  /** The registry's view: buffers created and alive, and the largest number alive at once. */
  registryCreated: number;
  registryAlive: { label: string; size: number }[];
  peakAlive: number;
  /** What a second dispose() and a use after dispose did. */
  secondDisposeThrew: boolean;
  useAfterDispose: string;
  error?: string;
}

const out = document.querySelector<HTMLPreElement>('#out')!;

async function main(): Promise<LeakCheck> {
  const n = Number(new URLSearchParams(location.search).get('n') ?? 200);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new Error(`n: expected an integer in [1, 10000], found ${location.search}`);
  const gpu = await requestBrowserDevice();
  // An ensemble with every kind of buffer a live run holds: escape records, histogram and region counters.
  const single = assertExperiment({
    name: 'leak check',
    seed: 'leak-check',
    objective: { kind: 'double-well', dim: 2 },
    dynamics: [{ kind: 'gradient-sde', dt: 0.05, sigma: 0.5 }],
    x0: { kind: 'gaussian', mean: [-1, 0], std: 0.2 },
    trajectories: 256,
    steps: 6,
    record: { every: 3, observables: ['mean', 'variance', 'loss', 'histogram'], histogram: { bins: 8, range: [-2, 2], lossRange: [0, 2] }, regions: { left: { kind: 'halfspace', normal: [-1, 0], offset: 0 } } },
    escape: { kind: 'halfspace', normal: [1, 0], offset: 0, stop: false },
  });
  // Several runs at once (a sweep over two dynamics).
  const several = assertExperiment({
    name: 'leak check sweep',
    seed: 'leak-check',
    objective: { kind: 'quadratic', A: [[1, 0], [0, 0.5]] },
    noise: { kind: 'gaussian', cov: 0.1 },
    dynamics: [{ kind: 'sgd', lr: 0.1 }, { kind: 'heavy-ball', lr: 0.1, beta: 0.5 }],
    x0: [1, 1],
    trajectories: 128,
    steps: 4,
    sweep: { lr: [0.1, 0.05] },
  });
  const before = engineBufferStats();
  let peakAlive = 0;
  const check: Partial<LeakCheck> = { ensembles: 0, liveExperiments: 0, timedEnsembles: 0, secondDisposeThrew: false };
  const counted = await countDeviceBuffers(gpu.device, async () => {
    for (let i = 0; i < n; i++) {
      if (i % 10 === 9) {
        const live = await LiveExperiment.create(gpu, several);
        while (!live.done) await live.advanceFraction(0.5);
        await live.report();
        peakAlive = Math.max(peakAlive, liveEngineBuffers(gpu.device).length);
        live.dispose();
        live.dispose();
        check.liveExperiments!++;
        continue;
      }
      const timestamps = i % 4 === 1 && gpu.adapter.timestampQuery; // the pass timer's buffers too, where the adapter has timestamps
      const ensemble = await createLiveEnsemble(gpu, single, 0, { timestamps });
      await ensemble.advance(i % 2 === 0 ? Infinity : 3);
      await ensemble.readStatistics();
      if (i % 7 === 0) await ensemble.readState();
      peakAlive = Math.max(peakAlive, liveEngineBuffers(gpu.device).length);
      ensemble.dispose();
      try {
        ensemble.dispose();
      } catch {
        check.secondDisposeThrew = true;
      }
      if (i === 0) check.useAfterDispose = await ensemble.readStatistics().then(() => 'no error', (e: Error) => e.message);
      check.ensembles!++;
      if (timestamps) check.timedEnsembles!++;
    }
  });
  await gpu.device.queue.onSubmittedWorkDone();
  const after = engineBufferStats();
  return {
    ...(check as LeakCheck),
    createdAtDevice: counted.created,
    aliveAtDevice: counted.alive,
    registryCreated: after.created - before.created,
    registryAlive: liveEngineBuffers(gpu.device),
    peakAlive,
  };
}

main().then(
  (result) => {
    (window as unknown as { leakCheck: LeakCheck }).leakCheck = result;
    out.textContent = JSON.stringify(result, null, 2);
    document.body.dataset.state = 'done';
  },
  (e: Error) => {
    (window as unknown as { leakCheck: Partial<LeakCheck> }).leakCheck = { error: e.message };
    out.textContent = `error: ${e.message}`;
    document.body.dataset.state = 'error';
  },
);
