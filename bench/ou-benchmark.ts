/**
 * The OU benchmark (issue 3): Euler–Maruyama on dX = −A X dt + σ dW, d = 1 and
 * d = 3, N = 2^20 trajectories × 1,000 steps on WebGPU, and the float64 CPU
 * reference on a subset of the same ensemble (same random numbers), scaled
 * per trajectory-step. Both in one process, so the ratio compares like with like.
 * Uses only the public API (src/index.ts, src/node.ts).
 */
import {
  adapterLabel,
  dynamicsDescriptor,
  keyFromSeed,
  objectiveDescriptor,
  runEnsembleGpu,
  runEnsembleReference,
  type EngineDevice,
  type EnsembleSpec,
} from '../src/index';

export interface BenchRow {
  case: string;
  dim: number;
  trajectories: number;
  steps: number;
  gpuTrajectoryStepsPerSecond: number;
  gpuSeconds: number;
  cpuTrajectories: number;
  cpuTrajectoryStepsPerSecond: number;
  ratio: number;
  device: string;
}

export interface BenchOptions {
  quick?: boolean;
  onRow?: (row: BenchRow) => void;
}

/** A well-conditioned d×d SPD matrix (eigenvalues in [0.5, 2]) with correlation between coordinates. */
function benchMatrix(d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1.5 : 0.25 / (1 + Math.abs(i - j)))));
}

export function ouSpec(dim: number, trajectories: number, steps: number): EnsembleSpec {
  return {
    dim,
    objective: { descriptor: objectiveDescriptor('quadratic'), value: { kind: 'quadratic', A: benchMatrix(dim), b: new Array(dim).fill(0) } },
    dynamics: { descriptor: dynamicsDescriptor('gradient-sde'), value: { kind: 'gradient-sde', dt: 0.01, sigma: 0.5, integrator: 'euler-maruyama' } },
    initial: { mean: new Array(dim).fill(1), std: new Array(dim).fill(0) },
    trajectories,
    steps,
    checkpoints: [0, steps],
    key: keyFromSeed('bench'),
  };
}

export async function runOuBenchmark(gpu: EngineDevice, options: BenchOptions = {}): Promise<BenchRow[]> {
  const trajectories = options.quick ? 2 ** 16 : 2 ** 20;
  const steps = options.quick ? 200 : 1000;
  const cpuTrajectories = options.quick ? 512 : 4096;
  const rows: BenchRow[] = [];
  for (const dim of [1, 3]) {
    const spec = ouSpec(dim, trajectories, steps);
    // Warm-up: compile the pipelines and touch the buffers once, outside the timing.
    await runEnsembleGpu(gpu, { ...spec, trajectories: 256, steps: 1, checkpoints: [0, 1] });
    const g = await runEnsembleGpu(gpu, spec);
    const c = await runEnsembleReference({ ...spec, trajectories: cpuTrajectories });
    const row: BenchRow = {
      case: `OU EM d=${dim}`,
      dim,
      trajectories,
      steps,
      gpuTrajectoryStepsPerSecond: g.timing.trajectoryStepsPerSecond,
      gpuSeconds: g.timing.seconds,
      cpuTrajectories,
      cpuTrajectoryStepsPerSecond: c.timing.trajectoryStepsPerSecond,
      ratio: g.timing.trajectoryStepsPerSecond / c.timing.trajectoryStepsPerSecond,
      device: adapterLabel(gpu.adapter),
    };
    rows.push(row);
    options.onRow?.(row);
  }
  return rows;
}

const m = (x: number) => `${(x / 1e6).toFixed(1)} M`;

/** The README's benchmark table (markdown). */
export function benchTable(rows: BenchRow[]): string {
  const lines = [
    '| case | N × steps | WebGPU traj-steps/s | float64 CPU traj-steps/s | ratio |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.case} | 2^${Math.log2(r.trajectories)} × ${r.steps} | ${m(r.gpuTrajectoryStepsPerSecond)} | ${m(r.cpuTrajectoryStepsPerSecond)} (${r.cpuTrajectories} traj.) | ${r.ratio.toFixed(1)}× |`),
  ];
  return lines.join('\n') + `\n\nAdapter: ${rows[0]?.device ?? 'none'}`;
}
