/**
 * The comparison case of DiffEqGPU.jl's paper (Utkarsh et al. 2024): a 3-state
 * linear SDE, 8,388,608 trajectories × 256 Euler–Maruyama steps in f32, timed
 * end to end — allocation, initial states, every step, the reductions and the
 * statistics readback (kernels compiled before) — with the GPU time of the
 * compute passes from timestamp queries where the adapter offers them.
 *
 * DiffEqGPU's problem is du = 1.5 u dt + 0.01 u dW (multiplicative noise),
 * u0 = 0.1, t ∈ [0, 1]. sdeflow's gradient SDE has additive noise, so the case
 * runs du = 1.5 u dt + σ dW with σ = 0.001 (the size of 0.01·u at u0): the same
 * state size, step count, drift and per-step random draws (3 normals per step).
 */
import { adapterLabel, assertExperiment, ensembleSpec, expandRuns, LiveEnsemble, runEnsembleReference, type EngineDevice, type EnsembleSpec } from '../../src/index';
import type { BenchRow } from '../bench-row';

export const DIFFEQGPU_TRAJECTORIES = 8_388_608;
export const DIFFEQGPU_STEPS = 256;

export function diffeqgpuSpec(trajectories: number): EnsembleSpec {
  const experiment = assertExperiment({
    name: 'DiffEqGPU comparison',
    seed: 'bench',
    objective: { kind: 'quadratic', A: [[-1.5, 0, 0], [0, -1.5, 0], [0, 0, -1.5]] },
    dynamics: [{ kind: 'gradient-sde', dt: 1 / DIFFEQGPU_STEPS, sigma: 0.001, integrator: 'euler-maruyama' }],
    x0: [0.1, 0.1, 0.1],
    trajectories,
    steps: DIFFEQGPU_STEPS,
  });
  return ensembleSpec(experiment, expandRuns(experiment)[0]);
}

/** The most trajectories (a power of two, at most the paper's N) whose state fits this device's buffers. */
export function fittingTrajectories(gpu: EngineDevice, wanted: number): number {
  const cap = Math.min(gpu.device.limits.maxStorageBufferBindingSize, gpu.device.limits.maxBufferSize) / (3 * 4);
  let n = wanted;
  while (n > cap) n /= 2;
  return n;
}

export interface EndToEnd {
  seconds: number;
  gpuSeconds: number | null;
  submits: number;
  mean: number;
}

/** Allocation + initialize + 256 steps + reductions + statistics readback, after a warm-up compile. */
export async function endToEnd(gpu: EngineDevice, spec: EnsembleSpec): Promise<EndToEnd> {
  const warm = await LiveEnsemble.create(gpu, { ...spec, trajectories: 256 });
  warm.dispose();
  const start = performance.now();
  const live = await LiveEnsemble.create(gpu, spec, { timestamps: true });
  try {
    await live.advance();
    const stats = await live.readStatistics();
    const seconds = (performance.now() - start) / 1000;
    const t = live.timing();
    return { seconds, gpuSeconds: t.gpuSeconds, submits: t.submits, mean: stats.checkpoints[stats.checkpoints.length - 1].features.mean[0] };
  } finally {
    live.dispose();
  }
}

export async function measureDiffEqGpuCase(gpu: EngineDevice, quick: boolean): Promise<BenchRow> {
  // Quick runs take a reduced N (and so does a device whose buffers cannot hold the state); the row says so.
  const wanted = quick ? 2 ** 18 : DIFFEQGPU_TRAJECTORIES;
  const n = fittingTrajectories(gpu, wanted);
  const spec = diffeqgpuSpec(n);
  const run = await endToEnd(gpu, spec);
  const cpuTrajectories = 4096;
  const cpu = await runEnsembleReference({ ...spec, trajectories: cpuTrajectories });
  const steps = n * DIFFEQGPU_STEPS;
  const rate = steps / run.seconds;
  const reduced = n < DIFFEQGPU_TRAJECTORIES ? `reduced N (${n.toLocaleString('en-US')} of 8,388,608${quick ? ', --quick' : ', buffer limit'}); ` : '';
  return {
    case: 'DiffEqGPU.jl comparison: 3-state linear SDE, EM, f32, end to end',
    device: adapterLabel(gpu.adapter),
    dim: 3,
    trajectories: n,
    steps: DIFFEQGPU_STEPS,
    cpuTrajectories,
    gpuTrajectoryStepsPerSecond: rate,
    cpuTrajectoryStepsPerSecond: cpu.timing.trajectoryStepsPerSecond,
    ratio: rate / cpu.timing.trajectoryStepsPerSecond,
    gpuSeconds: run.seconds,
    gpuTimestampSeconds: run.gpuSeconds,
    submits: run.submits,
    finalMean: run.mean,
    exactMean: 0.1 * Math.exp(1.5),
    note: `${reduced}wall ${run.seconds.toFixed(3)} s incl. readback; ${run.gpuSeconds === null ? 'no timestamp queries on this adapter' : `kernels ${run.gpuSeconds.toFixed(3)} s by timestamp queries`}; additive σ = 0.001 for DiffEqGPU's 0.01·u dW`,
  };
}
