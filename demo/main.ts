/**
 * The browser demo (a first version; issue 10 grows it): runs the OU showcase
 * through the public API on navigator.gpu and prints the closed-form table.
 */
import { assertExperiment, formatConsoleReport, requestBrowserDevice, runExperiment } from '../src/index';
import showcase from '../experiments/ou-showcase.json';

const out = document.querySelector<HTMLPreElement>('#out')!;
const button = document.querySelector<HTMLButtonElement>('#run')!;

async function run(): Promise<void> {
  button.disabled = true;
  try {
    const experiment = assertExperiment({ ...showcase, trajectories: 65536 });
    const gpu = await requestBrowserDevice();
    try {
      const result = await runExperiment(experiment, {
        device: gpu,
        onProgress: (p) => (out.textContent = `${p.label}: ${((100 * p.trajectorySteps) / p.totalTrajectorySteps).toFixed(0)}%`),
      });
      out.textContent = formatConsoleReport(result);
      document.body.dataset.maxZ = String(Math.max(...result.runs.map((r) => r.closedForm?.maxAbsZ ?? 0)));
    } finally {
      gpu.release();
    }
  } catch (e) {
    out.textContent = `error: ${(e as Error).message}`;
  } finally {
    button.disabled = false;
  }
}

button.addEventListener('click', () => void run());
if (new URLSearchParams(location.search).has('autorun')) void run();
