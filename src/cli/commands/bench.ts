import { writeFile } from 'node:fs/promises';
import { benchTable, type BenchRow } from '../../../bench/bench-row';
import { BenchSelectionError, selectBenchCases } from '../../../bench/case-selection';
import { runBenchmarks } from '../../../bench/run-benchmarks';
import { requestNodeDevice, type NodeBackend } from '../../gpu/node-device';
import { CliError, EXIT } from '../exit-codes';

const rate = (x: number | null) => (x === null ? '—' : `${(x / 1e6).toFixed(1)} M/s`);

/**
 * `sdeflow bench [--quick] [--out F] [--only NAMES] [--no-browser]`: the
 * benchmark cases of bench/ (throughput vs the float64 reference, the
 * DiffEqGPU.jl comparison, the wall-time split, CLI startup, the browser), a
 * table on stdout, JSON rows in F. Browser rows that cannot run here are
 * skipped with one line saying how to get them.
 */
export async function benchCommand(options: { quick?: boolean; out?: string; backend?: NodeBackend; only?: string; browser?: boolean }): Promise<void> {
  try {
    selectBenchCases(options.only); // a bad --only is invalid input: refuse it before opening a device
  } catch (e) {
    if (e instanceof BenchSelectionError) throw new CliError(e.message, EXIT.invalidInput);
    throw e;
  }
  const skipped: string[] = [];
  const rows: BenchRow[] = [];
  const gpu = await requestNodeDevice({ backend: options.backend });
  try {
    await runBenchmarks(gpu, {
      quick: options.quick,
      only: options.only,
      browser: options.browser,
      onRow: (r) => {
        rows.push(r);
        process.stderr.write(`${r.case}: ${rate(r.gpuTrajectoryStepsPerSecond)}${r.ratio === null ? '' : `, ${r.ratio.toFixed(1)}×`}${r.note ? ` (${r.note})` : ''}\n`);
      },
      onSkip: (message) => skipped.push(message),
    });
  } finally {
    // Rows measured before a failure (say, of the browser part) are still printed and written.
    gpu.release();
    if (rows.length > 0) process.stdout.write(benchTable(rows) + '\n');
    for (const line of skipped) process.stdout.write(`${line}\n`);
    if (options.out && rows.length > 0) await writeFile(options.out, JSON.stringify({ date: new Date().toISOString(), quick: options.quick === true, rows, skipped }, null, 2) + '\n');
  }
}
