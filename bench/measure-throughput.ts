/**
 * Measures one throughput case: the WebGPU runner (after a warm-up that
 * compiles the kernels) and the float64 reference on a subset of the same
 * ensemble, per trajectory-step. Isomorphic: the browser benchmark calls
 * `gpuThroughput` on navigator.gpu.
 */
import { adapterLabel, assertExperiment, ensembleSpec, expandRuns, runEnsembleGpu, runEnsembleReference, type EngineDevice, type EnsembleSpec } from '../src/index';
import type { BenchRow } from './bench-row';
import type { CaseSize, ThroughputCase } from './cases/throughput-cases';

/** The runner's spec of a case at a size (its first planned run). */
export function caseSpec(c: ThroughputCase, size: CaseSize): EnsembleSpec {
  const experiment = assertExperiment({ ...c.experiment, trajectories: size.trajectories, steps: size.steps });
  return ensembleSpec(experiment, expandRuns(experiment)[0]);
}

export interface GpuThroughput {
  trajectoryStepsPerSecond: number;
  seconds: number;
}

export async function gpuThroughput(gpu: EngineDevice, spec: EnsembleSpec): Promise<GpuThroughput> {
  await runEnsembleGpu(gpu, { ...spec, trajectories: 256, steps: 1, checkpoints: [0, 1] }); // compile, touch buffers
  const r = await runEnsembleGpu(gpu, spec);
  return { trajectoryStepsPerSecond: r.timing.trajectoryStepsPerSecond, seconds: r.timing.seconds };
}

export async function cpuThroughput(spec: EnsembleSpec, trajectories: number): Promise<number> {
  const r = await runEnsembleReference({ ...spec, trajectories });
  return r.timing.trajectoryStepsPerSecond;
}

/** One row: GPU and CPU in the same process; a case the adapter refuses becomes a row that says why. */
export async function measureThroughputCase(gpu: EngineDevice, c: ThroughputCase, quick: boolean): Promise<BenchRow> {
  const size = quick ? c.quick : c.full;
  const spec = caseSpec(c, size);
  const base = { case: c.name, device: adapterLabel(gpu.adapter), dim: spec.dim, trajectories: size.trajectories, steps: size.steps, cpuTrajectories: size.cpuTrajectories };
  const cpu = await cpuThroughput(spec, size.cpuTrajectories);
  let g: GpuThroughput;
  try {
    g = await gpuThroughput(gpu, spec);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const loopLimit = /loop iterations/.test(e.message);
    const reason = loopLimit ? `a step exceeds this adapter's ${gpu.adapter.maxLoopIterations} loop iterations per invocation; run it with --backend vulkan` : e.message;
    return { ...base, gpuTrajectoryStepsPerSecond: null, cpuTrajectoryStepsPerSecond: cpu, ratio: null, note: `refused: ${reason}` };
  }
  return {
    ...base,
    gpuTrajectoryStepsPerSecond: g.trajectoryStepsPerSecond,
    cpuTrajectoryStepsPerSecond: cpu,
    ratio: g.trajectoryStepsPerSecond / cpu,
    gpuSeconds: g.seconds,
    ...(c.note ? { note: c.note } : {}),
  };
}
