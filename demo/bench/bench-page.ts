/**
 * The browser half of the benchmark: runs the GPU part of every throughput case
 * (bench/cases/throughput-cases.ts, at full sizes or with ?quick) on navigator.gpu
 * and leaves the rows in `window.benchRows` for bench/browser/browser-benchmark.ts.
 */
import { adapterLabel, requestBrowserDevice } from '../../src/index';
import { THROUGHPUT_CASES } from '../../bench/cases/throughput-cases';
import { caseSpec, gpuThroughput } from '../../bench/measure-throughput';
import type { BrowserBenchRow } from '../../bench/browser/browser-bench-rows';

const out = document.querySelector<HTMLPreElement>('#out')!;
const search = new URLSearchParams(location.search);
const quick = search.has('quick'); // full sizes unless ?quick
/** `?only=ou-d1,sgd-d10`: those case ids alone. */
const only = search.get('only')?.split(',');
const rows: BrowserBenchRow[] = [];
(window as unknown as { benchRows: BrowserBenchRow[] }).benchRows = rows;

async function main(): Promise<void> {
  const gpu = await requestBrowserDevice();
  try {
    for (const c of THROUGHPUT_CASES.filter((x) => !only || only.includes(x.id))) {
      const size = quick ? c.quick : c.full;
      const spec = caseSpec(c, size);
      const base = { case: c.name, device: adapterLabel(gpu.adapter), dim: spec.dim, trajectories: size.trajectories, steps: size.steps };
      try {
        const g = await gpuThroughput(gpu, spec);
        rows.push({ ...base, gpuTrajectoryStepsPerSecond: g.trajectoryStepsPerSecond, gpuSeconds: g.seconds, ...(c.note ? { note: c.note } : {}) });
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        rows.push({ ...base, gpuTrajectoryStepsPerSecond: null, gpuSeconds: null, note: `refused: ${e.message.split('\n')[0]}` });
      }
      out.textContent = rows.map((r) => `${r.case}: ${r.gpuTrajectoryStepsPerSecond === null ? '—' : (r.gpuTrajectoryStepsPerSecond / 1e6).toFixed(1) + ' M traj-steps/s'}`).join('\n');
    }
    document.body.dataset.state = 'done';
  } finally {
    gpu.release();
  }
}

main().catch((e: Error) => {
  out.textContent = `error: ${e.message}`;
  document.body.dataset.state = 'error';
});
