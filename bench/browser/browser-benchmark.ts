/**
 * The browser benchmark: the throughput cases' kernels at their full sizes (or
 * quick ones) on headless Chromium's WebGPU (SwiftShader here), through the
 * demo's bench page, each paired with the same case at the same size on this
 * process's Node device, measured right after: ratio = Node / browser, like for
 * like. `args` adds chromium flags (to measure what they change).
 */
import { adapterLabel, type EngineDevice } from '../../src/index';
import type { BenchRow } from '../bench-row';
import { THROUGHPUT_CASES } from '../cases/throughput-cases';
import { caseSpec, gpuThroughput } from '../measure-throughput';
import { openDemo } from './headless-chromium';
import type { BrowserBenchRow } from './browser-bench-rows';

export async function measureInBrowser(gpu: EngineDevice, options: { quick?: boolean; args?: string[] } = {}): Promise<BenchRow[]> {
  const quick = options.quick === true;
  const session = await openDemo({ args: options.args });
  let browserRows: BrowserBenchRow[];
  try {
    const page = await session.browser.newPage();
    await page.goto(`${session.url}bench.html${quick ? '?quick' : ''}`);
    await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', { timeout: 0 });
    if ((await page.evaluate(() => document.body.dataset.state)) === 'error') {
      throw new Error(`browser benchmark failed: ${await page.$eval('#out', (e) => e.textContent)}`);
    }
    browserRows = await page.evaluate(() => (window as unknown as { benchRows: BrowserBenchRow[] }).benchRows);
  } finally {
    await session.close();
  }
  const rows: BenchRow[] = [];
  for (const b of browserRows) {
    const c = THROUGHPUT_CASES.find((x) => x.name === b.case)!;
    let node: number | null = null;
    try {
      node = (await gpuThroughput(gpu, caseSpec(c, quick ? c.quick : c.full))).trajectoryStepsPerSecond;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // refused by the Node adapter (loop limit): no ratio
    }
    const browser = b.gpuTrajectoryStepsPerSecond;
    rows.push({
      case: `browser: ${b.case}`,
      device: b.device,
      dim: b.dim,
      trajectories: b.trajectories,
      steps: b.steps,
      gpuTrajectoryStepsPerSecond: browser,
      cpuTrajectoryStepsPerSecond: null,
      nodeTrajectoryStepsPerSecond: node,
      nodeDevice: adapterLabel(gpu.adapter),
      ratio: node === null || browser === null ? null : node / browser,
      ...(b.gpuSeconds !== null ? { gpuSeconds: b.gpuSeconds } : {}),
      note: `${b.note ? `${b.note}; ` : ''}${node === null ? 'Node adapter refused it: no ratio' : `ratio = Node (${(node / 1e6).toFixed(1)} M) / browser, same size`}`,
    });
  }
  return rows;
}
