import { writeFile } from 'node:fs/promises';
import { benchTable, runOuBenchmark } from '../../../bench/ou-benchmark';
import { requestNodeDevice, type NodeBackend } from '../../gpu/node-device';

/** `sdeflow bench [--quick]`: the OU benchmark (bench/ou-benchmark.ts) with its README table. */
export async function benchCommand(options: { quick?: boolean; out?: string; backend?: NodeBackend }): Promise<void> {
  const gpu = await requestNodeDevice({ backend: options.backend });
  try {
    const rows = await runOuBenchmark(gpu, {
      quick: options.quick,
      onRow: (r) => process.stderr.write(`${r.case}: ${r.ratio.toFixed(1)}× the float64 CPU reference\n`),
    });
    process.stdout.write(benchTable(rows) + '\n');
    if (options.out) await writeFile(options.out, JSON.stringify(rows, null, 2) + '\n');
  } finally {
    gpu.release();
  }
}
