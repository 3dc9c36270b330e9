/**
 * How long `sdeflow --help` takes to start, against a bare `node -e 0` on the
 * same machine: the median of five runs of each, the launcher and the
 * compiled CLI exactly as an installed package runs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../bench-row';

const RUNS = 5;

function medianSeconds(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

/** The `sdeflow` launcher beside the running code: bin/ is a sibling of dist/ and of bench/. */
export function sdeflowLauncher(from: string = import.meta.url): string | null {
  for (const up of ['../bin/sdeflow.mjs', '../../bin/sdeflow.mjs']) {
    const path = fileURLToPath(new URL(up, from));
    if (existsSync(path)) return path;
  }
  return null;
}

export function measureCliStartup(): BenchRow {
  const launcher = sdeflowLauncher();
  if (launcher === null) throw new Error('cannot find bin/sdeflow.mjs beside the benchmark code');
  const bare = medianSeconds(['-e', '0']);
  const help = medianSeconds([launcher, '--help']);
  return {
    case: 'CLI startup: sdeflow --help',
    device: `Node ${process.version} (${process.platform}-${process.arch})`,
    gpuTrajectoryStepsPerSecond: null,
    cpuTrajectoryStepsPerSecond: null,
    ratio: null,
    startupSeconds: help,
    nodeStartupSeconds: bare,
    note: `median of ${RUNS}: ${help.toFixed(3)} s, node -e 0 ${bare.toFixed(3)} s (+${(help - bare).toFixed(3)} s)`,
  };
}
