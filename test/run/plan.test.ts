/**
 * Resource plans, without a device: how a run is cut when it
 * exceeds the device's buffer limits, that llvmpipe's loop limit is left to a probe at run time, how many dispatches
 * it takes, and refusals — with the figures — of statistics that cannot fit the
 * device's buffers or the host's memory. That the planned buffers are the ones a
 * run creates is checked on a real device in test/ensemble/buffer-accounting.gpu.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { EngineDevice } from '../../src/gpu/engine-device';
import { parseExperiment, type Experiment } from '../../src/experiment/index';
import { formatBytes, planExperiment, planProblems } from '../../src/run/plan';
import { formatPlan } from '../../src/cli/plan-report';

/** A device as the planner sees it: limits and the adapter's loop limit (no GPU needed). */
function fakeDevice(limits: Partial<GPUSupportedLimits> = {}, maxLoopIterations: number | null = null): EngineDevice {
  const all = { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28, maxComputeWorkgroupsPerDimension: 65535, ...limits };
  return { device: { limits: all }, adapter: { description: 'a planned device', maxLoopIterations }, lostReason: () => undefined, release() {} } as unknown as EngineDevice;
}

function experiment(overrides: Record<string, unknown> = {}): Experiment {
  const parsed = parseExperiment({
    objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]] },
    dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 1 }],
    x0: [0, 0],
    trajectories: 2 ** 20,
    steps: 1000,
    record: { every: 100 },
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return parsed.experiment;
}

describe('the plan of a run', () => {
  it('an ensemble beyond the device\'s storage-binding limit is cut into chunks that each fit (2^20 × d = 2 f32 = 8 MiB of state, limit 1 MiB → 8 chunks)', () => {
    const plan = planExperiment(experiment(), fakeDevice({ maxStorageBufferBindingSize: 2 ** 20 }));
    const run = plan.runs[0];
    expect(run.chunks).toBe(8);
    expect(run.chunkSize * run.chunks).toBeGreaterThanOrEqual(2 ** 20);
    for (const b of run.buffers.filter((b) => b.storage)) expect(b.bytes, b.name).toBeLessThanOrEqual(2 ** 20);
    // Per chunk: 1 initialize, 11 reductions (steps 0, 100, …, 1000), and 10 gaps of 100 steps cut by steps/dispatch.
    expect(run.dispatches.initialize).toBe(8);
    expect(run.dispatches.reduce).toBe(8 * 11);
    expect(run.dispatches.integrate).toBe(8 * 10 * Math.ceil(100 / run.stepsPerDispatch));
  });

  it('with room for it the same ensemble is one chunk', () => {
    expect(planExperiment(experiment(), fakeDevice()).runs[0].chunks).toBe(1);
  });

  it("under llvmpipe's loop limit (65,535 iterations per invocation) the plan leaves the steps per dispatch to the run's probe, and says so", () => {
    const long = () => experiment({ trajectories: 4096, steps: 100_000, record: {} });
    const free = planExperiment(long(), fakeDevice()).runs[0];
    const limited = planExperiment(long(), fakeDevice({}, 65535)).runs[0];
    expect(free.loopProbe).toBe(false);
    expect(limited.loopProbe).toBe(true);
    // Without compiling the kernels the planner knows only the most a dispatch takes.
    expect(limited.stepsPerDispatch).toBe(free.stepsPerDispatch);
    const printed = formatPlan(planExperiment(long(), fakeDevice({}, 65535)), undefined);
    expect(printed).toContain(`≤ ${limited.stepsPerDispatch.toLocaleString('en-US')}`);
    expect(printed).toMatch(/each run measures at its start how many steps fit one dispatch/);
  });

  it('the CPU reference plan has no buffers and counts host memory only', () => {
    const plan = planExperiment(experiment(), 'cpu');
    expect(plan.gpuBytes).toBe(0);
    expect(plan.runs[0].buffers).toEqual([]);
    expect(plan.hostBytes).toBeGreaterThan(0);
  });
});

describe('plans that cannot run are refused with the figures', () => {
  /** 4-D, 4,096-bin histograms of every coordinate at each of 10^6 + 1 checkpoints. */
  const huge = () =>
    experiment({
      objective: { kind: 'quadratic', A: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] },
      x0: [0, 0, 0, 0],
      trajectories: 1024,
      steps: 1_000_000,
      record: { every: 1, observables: ['mean', 'histogram'], histogram: { bins: 4096, range: [-1, 1] } },
    });

  it('statistics beyond host memory: about 16,000 numbers per checkpoint × 10^6 checkpoints, refused against a 64 GiB budget with the size', () => {
    const plan = planExperiment(huge(), 'cpu');
    expect(plan.hostBytes).toBeGreaterThan(2 ** 36);
    const problems = planProblems(plan, 'cpu', 2 ** 36);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`need about ${formatBytes(plan.hostBytes)} of host memory`);
    expect(problems[0]).toContain('more than the 64.0 GiB available');
    expect(problems[0]).toMatch(/1000001 checkpoints/);
  });

  it('the same statistics on a device: the counters buffer (histogram counts of every checkpoint) is beyond its limits, named with its size', () => {
    const device = fakeDevice();
    const problems = planProblems(planExperiment(huge(), device), device, Infinity);
    expect(problems.some((p) => /needs a counters buffer of [\d.]+ GiB, beyond this device's limit of 128\.0 MiB/.test(p))).toBe(true);
  });

  it('an ordinary experiment has no problems', () => {
    expect(planProblems(planExperiment(experiment(), fakeDevice()), fakeDevice(), 2 ** 30)).toEqual([]);
  });
});
