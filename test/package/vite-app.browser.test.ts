/**
 * The package tier in a browser: a minimal vite app (default config, no
 * plugins) that imports the installed tarball builds with `vite build`, serves
 * with the `vite` dev server, and runs a LiveEnsemble on WebGPU in Debian's
 * chromium either way — the final mean of an OU ensemble against its closed
 * form.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import puppeteer, { type Browser } from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../bench/browser/headless-chromium';
import { createConsumerProject, packPackage, TOOL, type ConsumerProject } from './packed-package';

let project: ConsumerProject;
let browser: Browser;
let userDataDir: string;

const THETA = 1;
const X0 = 1;
const STEPS = 200;
const DT = 0.01;

const MAIN_JS = `import { assertExperiment, createLiveEnsemble, requestBrowserDevice } from 'sdeflow';

const out = document.querySelector('#out');
try {
  const gpu = await requestBrowserDevice();
  const experiment = assertExperiment({
    name: 'vite consumer', seed: 3,
    objective: { kind: 'quadratic', A: [[${THETA}]] },
    dynamics: [{ kind: 'gradient-sde', dt: ${DT}, sigma: 1, integrator: 'exact' }],
    x0: [${X0}], trajectories: 16384, steps: ${STEPS},
    record: { every: ${STEPS}, observables: ['mean', 'variance'] },
  });
  const ensemble = await createLiveEnsemble(gpu, experiment);
  while (!ensemble.done) await ensemble.advance(50);
  const s = await ensemble.readStatistics();
  const last = s.checkpoints[s.checkpoints.length - 1];
  window.result = { step: last.step, count: last.count, mean: last.features.mean[0], variance: last.features.variance(0) };
  out.textContent = JSON.stringify(window.result);
  ensemble.dispose();
  gpu.release();
  document.body.dataset.state = 'done';
} catch (e) {
  out.textContent = String(e && e.stack || e);
  document.body.dataset.state = 'error';
}
`;

beforeAll(async () => {
  project = createConsumerProject(packPackage(), 'vite');
  project.write('index.html', '<!doctype html>\n<html><body><pre id="out">running…</pre><script type="module" src="/main.js"></script></body></html>\n');
  project.write('main.js', MAIN_JS);
  userDataDir = mkdtempSync(join(tmpdir(), 'sdeflow-chromium-'));
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, userDataDir, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Starts a vite command in the project and resolves with its local URL once it listens. */
function serve(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TOOL.vite, ...args, '--host', '127.0.0.1', '--port', '0', '--strictPort', 'false'], { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) resolve({ url: m[1], child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`vite ${args.join(' ')} exited ${code}:\n${output}`)));
  });
}

async function runPage(url: string): Promise<{ step: number; count: number; mean: number; variance: number }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', { timeout: 120_000 });
    const text = await page.$eval('#out', (e) => e.textContent ?? '');
    if ((await page.evaluate(() => document.body.dataset.state)) !== 'done') throw new Error(`the page failed: ${text}\n${errors.join('\n')}`);
    return JSON.parse(text);
  } finally {
    await page.close();
  }
}

/** The mean at t = STEPS·dt is within 5 standard errors of x0·e^(−θt), with SE from the measured variance. */
function expectClosedForm(r: { step: number; count: number; mean: number; variance: number }, how: string): void {
  const t = r.step * DT;
  const exact = X0 * Math.exp(-THETA * t);
  const se = Math.sqrt(r.variance / r.count);
  console.log(`${how}: N = ${r.count}, t = ${t}, mean ${r.mean.toFixed(5)} vs exact ${exact.toFixed(5)} (z = ${((r.mean - exact) / se).toFixed(2)})`);
  expect(r.step).toBe(STEPS);
  expect(r.count).toBe(16384);
  expect(Math.abs(r.mean - exact)).toBeLessThan(5 * se);
}

describe('a minimal vite app that imports the installed package', () => {
  it('builds with `vite build` (default config) and runs a LiveEnsemble in chromium from the built files', async () => {
    const built = await project.run(process.execPath, [TOOL.vite, 'build'], { env: { NO_COLOR: '1' } });
    expect(built.code, `${built.stdout}\n${built.stderr}`).toBe(0);
    const { url, child } = await serve(['preview']);
    try {
      expectClosedForm(await runPage(url), 'vite build + preview');
    } finally {
      child.kill();
    }
  });

  it('serves with the `vite` dev server (default config) and runs the same LiveEnsemble in chromium', async () => {
    const { url, child } = await serve([]);
    try {
      expectClosedForm(await runPage(url), 'vite dev server');
    } finally {
      child.kill();
    }
  });
});
