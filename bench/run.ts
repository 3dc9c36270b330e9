/** `npm run bench`: the OU benchmark on this machine's WebGPU adapter; prints the README table. */
import { writeFile } from 'node:fs/promises';
import { requestNodeDevice, resolveBackend } from '../src/node';
import { benchTable, runOuBenchmark } from './ou-benchmark';

const quick = process.argv.includes('--quick');
const outIndex = process.argv.indexOf('--out');
const gpu = await requestNodeDevice({ backend: resolveBackend() });
try {
  const rows = await runOuBenchmark(gpu, {
    quick,
    onRow: (r) => process.stderr.write(`${r.case}: ${(r.gpuTrajectoryStepsPerSecond / 1e6).toFixed(1)} M/s on WebGPU, ${(r.cpuTrajectoryStepsPerSecond / 1e6).toFixed(2)} M/s float64 CPU, ${r.ratio.toFixed(1)}×\n`),
  });
  process.stdout.write(benchTable(rows) + '\n');
  if (outIndex > 0) await writeFile(process.argv[outIndex + 1], JSON.stringify(rows, null, 2) + '\n');
} finally {
  gpu.release();
}
