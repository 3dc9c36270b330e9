/**
 * Where the wall time goes as N grows: the share spent in kernels against
 * submission, synchronization and readback, for the DiffEqGPU case's model
 * (3-state linear SDE, 256 EM steps) at N = 1e4 … 1e7, end to end as in
 * cases/diffeqgpu-comparison.ts.
 *
 * Kernel time comes from timestamp queries where the adapter has them; else it
 * is estimated as wall − submits × launch floor, the floor being the wall time
 * per submit of the same run at N = 256 (whose kernels are nearly empty).
 */
import { adapterLabel, type EngineDevice } from '../../src/index';
import type { BenchRow } from '../bench-row';
import { diffeqgpuSpec, endToEnd, fittingTrajectories, DIFFEQGPU_STEPS } from './diffeqgpu-comparison';

export const OVERHEAD_SIZES = [1e4, 1e5, 1e6, 1e7];

export async function measureLaunchOverhead(gpu: EngineDevice, quick: boolean): Promise<BenchRow[]> {
  const floorRun = await endToEnd(gpu, diffeqgpuSpec(256));
  await endToEnd(gpu, diffeqgpuSpec(256)); // a second time: the first one paid for first-use costs
  const again = await endToEnd(gpu, diffeqgpuSpec(256));
  const floor = Math.min(floorRun.seconds, again.seconds) / again.submits;
  // Quick runs stop at 1e5 (1e7 takes about half a minute on llvmpipe).
  const top = quick ? 1e5 : 1e7;
  const rows: BenchRow[] = [];
  for (const wanted of OVERHEAD_SIZES) {
    if (wanted > top) {
      rows.push({ case: `wall-time split N=${wanted.toExponential(0)}`, device: adapterLabel(gpu.adapter), gpuTrajectoryStepsPerSecond: null, cpuTrajectoryStepsPerSecond: null, ratio: null, trajectories: wanted, steps: DIFFEQGPU_STEPS, note: `not run: above this run's top size ${top.toExponential(0)}${quick ? ' (--quick)' : ''}` });
      continue;
    }
    const n = Math.min(wanted, fittingTrajectories(gpu, wanted));
    const run = await endToEnd(gpu, diffeqgpuSpec(n));
    const kernel = run.gpuSeconds ?? Math.max(0, run.seconds - run.submits * floor);
    const source = run.gpuSeconds !== null ? 'timestamp queries' : `estimate: wall − ${run.submits} submits × ${(floor * 1e3).toFixed(3)} ms floor`;
    rows.push({
      case: `wall-time split N=${wanted.toExponential(0)}`,
      device: adapterLabel(gpu.adapter),
      trajectories: n,
      steps: DIFFEQGPU_STEPS,
      gpuTrajectoryStepsPerSecond: (n * DIFFEQGPU_STEPS) / run.seconds,
      cpuTrajectoryStepsPerSecond: null,
      ratio: null,
      gpuSeconds: run.seconds,
      gpuTimestampSeconds: run.gpuSeconds,
      kernelSeconds: kernel,
      kernelShare: kernel / run.seconds,
      submits: run.submits,
      launchFloorSeconds: floor,
      kernelTimeSource: source,
      note: `kernels ${(100 * (kernel / run.seconds)).toFixed(0)}% of ${(run.seconds * 1e3).toFixed(1)} ms (${source})`,
    });
  }
  return rows;
}
