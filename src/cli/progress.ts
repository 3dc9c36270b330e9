import cliProgress from 'cli-progress';
import type { ExperimentProgress } from '../run/run-experiment';

/** True when stderr is a terminal (the launcher passes this through, since it pipes the child's stderr). */
export function stderrIsTerminal(): boolean {
  return process.env.SDEFLOW_STDERR_IS_TTY === '1' || (process.env.SDEFLOW_STDERR_IS_TTY === undefined && process.stderr.isTTY === true);
}

/** A progress bar on a terminal; nothing at all when piped. */
export function progressReporter(): { update(p: ExperimentProgress): void; stop(): void } {
  if (!stderrIsTerminal()) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: ' {label} [{bar}] {percentage}% | run {run}/{runs} | ETA {eta_formatted}', hideCursor: true, stream: process.stderr, noTTYOutput: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let current = -1;
  return {
    update(p) {
      if (!started) {
        bar.start(p.totalTrajectorySteps, 0, { label: p.label, run: p.run + 1, runs: p.runs });
        started = true;
      }
      if (p.run !== current) {
        current = p.run;
        bar.setTotal(p.totalTrajectorySteps);
      }
      bar.update(p.trajectorySteps, { label: p.label, run: p.run + 1, runs: p.runs });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
