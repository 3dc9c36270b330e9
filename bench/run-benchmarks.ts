/**
 * `sdeflow bench`: every case in order — the throughput table (cases/
 * throughput-cases.ts), the DiffEqGPU.jl comparison, the wall-time split over N
 * and, unless skipped, the same kernels in headless Chromium — each row naming
 * its device. Node-only (the browser part drives Chromium from here).
 */
import type { EngineDevice } from '../src/index';
import type { BenchRow } from './bench-row';
import { THROUGHPUT_CASES } from './cases/throughput-cases';
import { measureThroughputCase } from './measure-throughput';
import { measureDiffEqGpuCase } from './cases/diffeqgpu-comparison';
import { measureLaunchOverhead } from './cases/launch-overhead';

export interface BenchOptions {
  quick?: boolean;
  /** Only cases whose name contains one of these comma-separated texts (case-insensitive). */
  only?: string;
  /** Skip the browser benchmark. */
  browser?: boolean;
  onRow?: (row: BenchRow) => void;
}

export async function runBenchmarks(gpu: EngineDevice, options: BenchOptions = {}): Promise<BenchRow[]> {
  const quick = options.quick === true;
  const filters = (options.only ?? '').split(',').map((f) => f.trim().toLowerCase()).filter((f) => f.length > 0);
  // A filter picks a case when one name contains the other ("diffeqgpu" and "DiffEqGPU comparison" both pick it).
  const wanted = (name: string) => filters.length === 0 || filters.some((f) => name.toLowerCase().includes(f) || f.includes(name.toLowerCase()));
  const rows: BenchRow[] = [];
  const add = (row: BenchRow) => {
    rows.push(row);
    options.onRow?.(row);
  };
  for (const c of THROUGHPUT_CASES) if (wanted(c.name)) add(await measureThroughputCase(gpu, c, quick));
  if (wanted('DiffEqGPU')) add(await measureDiffEqGpuCase(gpu, quick));
  if (wanted('wall-time split')) for (const row of await measureLaunchOverhead(gpu, quick)) add(row);
  if (options.browser !== false && wanted('browser')) {
    const { measureInBrowser } = await import('./browser/browser-benchmark');
    for (const row of await measureInBrowser(gpu)) add(row);
  }
  return rows;
}
