import { writeFile } from 'node:fs/promises';
import { benchTable } from '../../../bench/bench-row';
import { runBenchmarks } from '../../../bench/run-benchmarks';
import { requestNodeDevice, type NodeBackend } from '../../gpu/node-device';

const rate = (x: number | null) => (x === null ? '—' : `${(x / 1e6).toFixed(1)} M/s`);

/**
 * `sdeflow bench [--quick] [--out F] [--only TEXT] [--no-browser]`: the benchmark
 * cases of bench/ (throughput vs the float64 reference, the DiffEqGPU.jl
 * comparison, the wall-time split, the browser), a table on stdout, JSON rows in F.
 */
export async function benchCommand(options: { quick?: boolean; out?: string; backend?: NodeBackend; only?: string; browser?: boolean }): Promise<void> {
  const gpu = await requestNodeDevice({ backend: options.backend });
  try {
    const rows = await runBenchmarks(gpu, {
      quick: options.quick,
      only: options.only,
      browser: options.browser,
      onRow: (r) => process.stderr.write(`${r.case}: ${rate(r.gpuTrajectoryStepsPerSecond)}${r.ratio === null ? '' : `, ${r.ratio.toFixed(1)}×`}${r.note ? ` (${r.note})` : ''}\n`),
    });
    process.stdout.write(benchTable(rows) + '\n');
    if (options.out) await writeFile(options.out, JSON.stringify({ date: new Date().toISOString(), quick: options.quick === true, rows }, null, 2) + '\n');
  } finally {
    gpu.release();
  }
}
