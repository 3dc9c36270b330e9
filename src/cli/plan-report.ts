import { formatBytes, type ExperimentPlan } from '../run/plan';
import type { RunEstimate } from '../run/calibrate';

const count = (n: number) => n.toLocaleString('en-US');

function duration(seconds: number): string {
  if (seconds < 1) return `${(seconds * 1000).toFixed(0)} ms`;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

/** The dry run's printout: one row per run, the largest run's buffers, the totals and the time estimate. */
export function formatPlan(plan: ExperimentPlan, estimates: RunEstimate[] | undefined, startupSeconds = 0): string {
  const onGpu = plan.runs.some((r) => r.buffers.length > 0);
  const header = ['run', 'label', 'trajectories', 'steps', 'checkpoints', 'chunks × size', 'steps/dispatch', 'dispatches', 'GPU memory', 'host memory', 'est. time'];
  const rows = plan.runs.map((r) => {
    const d = r.dispatches;
    const estimate = estimates?.find((e) => e.index === r.index);
    return [
      String(r.index),
      r.label,
      count(r.trajectories),
      count(r.steps),
      count(r.checkpoints),
      onGpu ? `${count(r.chunks)} × ${count(r.chunkSize)}` : '-',
      onGpu ? `${r.loopProbe ? '≤ ' : ''}${count(r.stepsPerDispatch)}` : '-',
      onGpu ? count(d.initialize + d.integrate + d.reduce + d.readbacks) : '-',
      onGpu ? formatBytes(r.gpuBytes) : '-',
      formatBytes(r.hostBytes),
      estimate ? duration(estimate.seconds) : '-',
    ];
  });
  const lines = [`plan of ${plan.name} on ${plan.device}: ${plan.runs.length} run${plan.runs.length === 1 ? '' : 's'}, one after another (nothing was run)`, table([header, ...rows])];
  if (onGpu) {
    const largest = plan.runs.reduce((a, b) => (b.gpuBytes > a.gpuBytes ? b : a));
    const d = largest.dispatches;
    lines.push(
      `dispatches of run ${largest.index}: ${count(d.initialize)} initialize, ${count(d.integrate)} integrate, ${count(d.reduce)} reduce, ${count(d.readbacks)} readbacks`,
      `buffers of run ${largest.index} (the largest): ${largest.buffers.map((b) => `${b.name} ${formatBytes(b.bytes)}`).join(', ')}`,
    );
    if (plan.runs.some((r) => r.loopProbe)) {
      lines.push("steps/dispatch ≤: this adapter cuts loops short, so each run measures at its start how many steps fit one dispatch (dispatches are then at least those shown)");
    }
  }
  const total = estimates ? estimates.reduce((s, e) => s + e.seconds, startupSeconds) : undefined;
  lines.push(
    `total: ${count(plan.trajectorySteps)} trajectory-steps; GPU memory ${onGpu ? formatBytes(plan.gpuBytes) + ' at most (runs go one at a time)' : 'none'}; host memory about ${formatBytes(plan.hostBytes)} (estimated)` +
      (total !== undefined ? `; estimated time ${duration(total)}` : ''),
  );
  if (estimates && estimates.length > 0) {
    const e = estimates[0];
    lines.push(
      `time estimated from a calibration of each run's own kernels (run 0: ${count(e.calibration.trajectories)} trajectories, ${count(e.calibration.steps)} steps, ` +
        `${count(Math.round(e.trajectoryStepsPerSecond))} trajectory-steps/s, compile ${duration(e.compileSeconds)}) and this start-up (${duration(startupSeconds)}); ` +
        'small calibrations under-use a GPU, so there the estimate errs long',
    );
    const after = (key: keyof RunEstimate['after']) => estimates.reduce((s, r) => s + r.after[key], 0);
    const parts = [
      ...(after('reference') > 0 ? [`the float64 reference paths they are compared with ${duration(after('reference'))}`] : []),
      ...(after('stationarity') > 0 ? [`stationarity of the final iterates ${duration(after('stationarity'))}`] : []),
      `the report (closed forms, limit laws, summaries, JSON) ${duration(after('report'))}`,
    ];
    lines.push(`included, the host's work after the runs: ${parts.join(', ')}`);
  }
  return lines.join('\n');
}
