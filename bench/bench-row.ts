/**
 * One row of `sdeflow bench` output (bench/results/*.json). Every row names
 * the device it ran on; `ratio` compares WebGPU with the float64 CPU reference
 * measured in the same process (or, for browser rows, Node with the browser).
 */
export interface BenchRow {
  case: string;
  device: string;
  /** WebGPU trajectory-steps per second (null where the adapter refused the case). */
  gpuTrajectoryStepsPerSecond: number | null;
  /** float64 CPU reference, same random numbers, on `cpuTrajectories` (null where not measured). */
  cpuTrajectoryStepsPerSecond: number | null;
  /** gpu / cpu for engine rows; Node / browser for browser rows. */
  ratio: number | null;
  dim?: number;
  trajectories?: number;
  steps?: number;
  cpuTrajectories?: number;
  /** Wall time of the timed GPU run (compilation excluded). */
  gpuSeconds?: number;
  /** GPU time from timestamp queries, where the adapter offers them. */
  gpuTimestampSeconds?: number | null;
  /** Anything that makes the row differ from its name (reduced N, substeps, a refusal). */
  note?: string;
  [extra: string]: unknown;
}

const rate = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : x >= 1e9 ? `${(x / 1e9).toFixed(2)} G` : x >= 1e5 ? `${(x / 1e6).toFixed(1)} M` : `${(x / 1e3).toFixed(1)} k`;
const size = (r: BenchRow) => (r.trajectories !== undefined && r.steps !== undefined ? `${r.trajectories.toLocaleString('en-US')} × ${r.steps}` : '');

/** The markdown table printed by `sdeflow bench` (and pasted into the README). */
export function benchTable(rows: BenchRow[]): string {
  const lines = [
    '| case | N × steps | WebGPU traj-steps/s | float64 CPU traj-steps/s | ratio | note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.case} | ${size(r)} | ${rate(r.gpuTrajectoryStepsPerSecond)} | ${rate(r.cpuTrajectoryStepsPerSecond)} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(1)}×`} | ${r.note ?? ''} |`),
  ];
  const devices = [...new Set(rows.map((r) => r.device))];
  return `${lines.join('\n')}\n\nDevices: ${devices.join('; ')}`;
}
