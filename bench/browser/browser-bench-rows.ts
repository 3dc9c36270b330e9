/** What the bench page (demo/bench/bench-page.ts) hands back to Node, one per case. */
export interface BrowserBenchRow {
  case: string;
  device: string;
  dim: number;
  trajectories: number;
  steps: number;
  gpuTrajectoryStepsPerSecond: number | null;
  gpuSeconds: number | null;
  note?: string;
}
