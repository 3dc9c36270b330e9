/**
 * `sdeflow bench`: every case in order — the throughput table (cases/
 * throughput-cases.ts), the DiffEqGPU.jl comparison, the wall-time split over N
 * and, unless skipped, the same kernels in headless Chromium — each row naming
 * its device. Node-only (the browser part drives Chromium from here).
 */
import type { EngineDevice } from '../src/index';
import type { BenchRow } from './bench-row';
import { browserBenchUnavailable } from './browser/browser-availability';
import { selectBenchCases } from './case-selection';
import { measureCliStartup } from './cases/cli-startup';
import { THROUGHPUT_CASES } from './cases/throughput-cases';
import { measureThroughputCase } from './measure-throughput';
import { measureDiffEqGpuCase } from './cases/diffeqgpu-comparison';
import { measureLaunchOverhead } from './cases/launch-overhead';

export interface BenchOptions {
  quick?: boolean;
  /** Comma-separated case ids, names or id patterns (bench/case-selection.ts); all cases when absent. */
  only?: string;
  /** Skip the browser benchmark. */
  browser?: boolean;
  onRow?: (row: BenchRow) => void;
  /** Told why the browser rows were skipped when they were selected but cannot run here. */
  onSkip?: (message: string) => void;
}

export async function runBenchmarks(gpu: EngineDevice, options: BenchOptions = {}): Promise<BenchRow[]> {
  const quick = options.quick === true;
  const wanted = selectBenchCases(options.only);
  const rows: BenchRow[] = [];
  const add = (row: BenchRow) => {
    rows.push(row);
    options.onRow?.(row);
  };
  for (const c of THROUGHPUT_CASES) if (wanted.has(c.id)) add(await measureThroughputCase(gpu, c, quick));
  if (wanted.has('diffeqgpu')) add(await measureDiffEqGpuCase(gpu, quick));
  if (wanted.has('wall-time-split')) for (const row of await measureLaunchOverhead(gpu, quick)) add(row);
  if (wanted.has('cli-startup')) add(measureCliStartup());
  if (options.browser !== false && wanted.has('browser')) {
    const unavailable = await browserBenchUnavailable();
    if (unavailable !== null) {
      options.onSkip?.(`browser rows skipped: ${unavailable}`);
    } else {
      const { measureInBrowser } = await import('./browser/browser-benchmark');
      for (const row of await measureInBrowser(gpu, { quick })) add(row);
    }
  }
  return rows;
}
