/**
 * The built demo in headless Debian chromium (WebGPU on SwiftShader), against
 * Node (WebGPU on llvmpipe): every page runs its default ensemble (at a small N),
 * the numbers it shows equal Node's run of the very experiment the page ran
 * (its JSON is read back from the page) within each number's f32 tolerance, its
 * canvases are not blank, and bad URLs and a missing WebGPU give errors.
 * One vite build and one browser for the whole file.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertExperiment, runExperiment } from '../../src/internal';
import { openDemo, type DemoSession } from '../../bench/browser/headless-chromium';
import { PAGES } from '../../demo/pages/registry';
import { parseConfig } from '../../demo/app/config';
import { standardErrorOf, type ShownNumber } from '../../demo/app/page-definition';
import { testDevice } from '../support/gpu';
import { inkFraction } from '../support/page-ink';

/** Small ensembles: CI has 2 cores and a software adapter on both sides. */
const TEST_QUERY: Record<string, string> = {
  'sharp-flat': 'N=1024',
  'saddle-escape': 'N=1024',
  'hb-orders': 'N=256',
  'two-timescale': 'N=512',
  'minibatch-flow': 'N=256',
};

let session: DemoSession;

/**
 * Why a shown number breaks the demo's style, or null: every estimate carries its uncertainty —
 * "v ± e" or "(v ± e)eN" with v and e to the same decimal place and e to two significant digits,
 * or a fraction "v [lo, hi]" inside [0, 1].
 */
function styleProblem(text: string): string | null {
  const pm = /^\(?(-?\d+(?:\.(\d+))?) ± (\d+(?:\.(\d+))?)(?:\)e-?\d+)?$/.exec(text);
  if (pm) {
    if ((pm[2] ?? '').length !== (pm[4] ?? '').length) return 'value and error to different decimal places';
    const digits = pm[3].replace('.', '').replace(/^0+/, '').length;
    return digits === 2 || /^\d+0$/.test(pm[3]) ? null : `error to ${digits} significant digits`;
  }
  const interval = /^(0|1|0\.\d+) \[(0|1|0\.\d+), (0|1|0\.\d+)\]$/.exec(text);
  if (interval) {
    const [v, lo, hi] = interval.slice(1).map(Number);
    return lo <= v && v <= hi ? null : 'value outside its interval';
  }
  return 'a bare estimate (no ± error and no interval)';
}

beforeAll(async () => {
  session = await openDemo();
}, 120_000);

afterAll(async () => {
  await session?.close();
});

async function open(query: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(`${session.url}index.html?${query}`);
  await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', { timeout: 180_000 });
  return page;
}

describe('the demo in headless chromium', () => {
  for (const definition of PAGES) {
    it(`the ${definition.id} page runs its default ensemble, shows the numbers Node computes for the same experiment and seed, and draws`, async () => {
      const query = `page=${definition.id}&${TEST_QUERY[definition.id] ?? ''}&present=copy`;
      const page = await open(query);
      try {
        const state = await page.evaluate(() => ({ state: document.body.dataset.state, error: (window as unknown as { sdeflow: { error?: string } }).sdeflow.error }));
        expect(state.error).toBeUndefined();
        expect(state.state).toBe('done');
        // What the page shows: every number cell's full-precision value.
        const shown = Object.fromEntries(await page.$$eval('#numbers td[data-key]', (cells) => cells.map((c) => [(c as HTMLElement).dataset.key!, Number((c as HTMLElement).dataset.value)])));
        // Node runs the experiments the page ran (read back from the page), on its own adapter.
        const { json, files } = await page.evaluate(() => {
          const s = (window as unknown as { sdeflow: { experiment: unknown; experiments: unknown[] } }).sdeflow;
          return { json: s.experiment, files: s.experiments };
        });
        // Every number shows its uncertainty, in one style.
        const texts = await page.$$eval('#numbers td[data-key]', (cells) => cells.map((c) => [(c as HTMLElement).dataset.key!, c.textContent ?? '']));
        for (const [key, text] of texts) expect(styleProblem(text), `${key}: "${text}"`).toBeNull();
        const config = parseConfig(definition, new URLSearchParams(query));
        expect(json).toEqual(definition.experiment(config));
        expect(files).toEqual(definition.experiments?.(config) ?? [json]);
        const gpu = await testDevice();
        const node = [];
        for (const file of files) node.push(await runExperiment(assertExperiment(file), { device: gpu }));
        const expected: ShownNumber[] = definition.numbers(node[0], config, node);
        expect(Object.keys(shown).sort()).toEqual(expected.map((n) => n.key).sort());
        for (const n of expected) {
          const bound = (n.tolerance.absolute ?? 0) + (n.tolerance.relative ?? 0) * Math.abs(n.value) + (n.tolerance.standardErrors ?? 0) * standardErrorOf(n.uncertainty);
          expect(Math.abs(shown[n.key] - n.value), `${n.key}: browser ${shown[n.key]}, Node ${n.value}, bound ${bound}`).toBeLessThanOrEqual(bound);
        }
        // Canvases: the particle clouds (the WebGPU layer holds particles only) and the charts' data lines (in colour) are there.
        const particles = await inkFraction(page, 'canvas.gpu');
        const charts = await inkFraction(page, '.uplot canvas', true);
        expect(charts.length).toBeGreaterThan(0);
        const particlePages = ['sharp-flat', 'saddle-escape']; // one cloud per model
        expect(particles).toHaveLength(particlePages.includes(definition.id) ? (json as { dynamics: unknown[] }).dynamics.length : 0);
        // The graduated page's success map is a 2-D canvas: its cells are coloured by P.
        const heatmaps = await inkFraction(page, 'canvas.heatmap', true);
        expect(heatmaps).toHaveLength(definition.id === 'graduated' ? 1 : 0);
        for (const f of [...particles, ...charts, ...heatmaps]) expect(f).toBeGreaterThan(0.002);
      } finally {
        await page.close();
      }
    });
  }

  it('moving a slider re-runs at once and writes the configuration into the URL', async () => {
    const page = await open('page=saddle-escape&N=256&present=copy');
    try {
      const before = await page.$eval('#numbers td[data-key="0.meanTime"]', (c) => (c as HTMLElement).dataset.value);
      await page.$eval('input[data-key="lr"]', (input) => {
        const slider = input as HTMLInputElement;
        slider.value = '0.25';
        slider.dispatchEvent(new Event('change'));
      });
      await page.waitForFunction(
        () => document.body.dataset.state === 'done' && (window as unknown as { sdeflow: { experiment: { dynamics: { lr: number }[] } } }).sdeflow.experiment.dynamics[0].lr === 0.25,
        { timeout: 120_000 },
      );
      const search = new URLSearchParams(await page.evaluate(() => location.search));
      expect(search.get('lr')).toBe('0.25');
      expect(search.get('N')).toBe('256');
      expect(search.get('seed')).toBe('sgd-models-escape');
      const json = (await page.evaluate(() => (window as unknown as { sdeflow: { experiment: { dynamics: { lr: number }[] } } }).sdeflow.experiment)) as { dynamics: { lr: number }[] };
      expect(json.dynamics.map((d) => d.lr)).toEqual([0.25, 0.25, 0.25, 0.25]);
      const after = await page.$eval('#numbers td[data-key="0.meanTime"]', (c) => (c as HTMLElement).dataset.value);
      expect(after).not.toBe(before);
    } finally {
      await page.close();
    }
  });

  it('choosing a schedule in the graduated page runs it and writes it into the URL; the success map stays as it was', async () => {
    const page = await open('page=graduated&N=64&present=copy');
    try {
      const shown = () => page.$$eval('#numbers td[data-key]', (cells) => Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.key!, Number((c as HTMLElement).dataset.value)])));
      const before = await shown();
      expect(await page.$$eval('table.cells tr[data-cell]', (rows) => rows.length)).toBe(16);
      await page.select('select[data-key="schedule"]', '5');
      await page.waitForFunction(
        () => document.body.dataset.state === 'done' && (window as unknown as { sdeflow: { experiments: { name: string }[] } }).sdeflow.experiments[4].name === 'graduated-explicit-tilted-cosine',
        { timeout: 120_000 },
      );
      const search = new URLSearchParams(await page.evaluate(() => location.search));
      expect(search.get('schedule')).toBe('5');
      expect(search.get('N')).toBe('64');
      const after = await shown();
      const grid = (n: Record<string, number>) => Object.fromEntries(Object.entries(n).filter(([k]) => k.startsWith('b')));
      expect(Object.keys(grid(after))).toHaveLength(16);
      expect(grid(after)).toEqual(grid(before));
      // Explicit graduated descent on f_δ from δ = 1 (above the convexity threshold 0.589) reaches x = 0 from every start; GD on f stays in the outer minimum.
      expect(after['schedule.0.global']).toBe(1);
      expect(after['schedule.1.global']).toBe(0);
      expect(after['schedule.1.loss']).toBeCloseTo(4.629561, 4);
    } finally {
      await page.close();
    }
  });

  it('moving the minibatch-flow page’s heat slider re-runs only the heat file: its errors grow with h, the scalar and LASSO numbers stay as they were', async () => {
    const page = await open('page=minibatch-flow&N=128&switching=1&present=copy');
    try {
      const shown = () => page.$$eval('#numbers td[data-key]', (cells) => Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.key!, Number((c as HTMLElement).dataset.value)])));
      const before = await shown();
      expect(Object.keys(before).filter((k) => k.startsWith('heat.')).sort()).toEqual(['heat.fixed.mean', 'heat.fixed.rms', 'heat.rmm.mean', 'heat.rmm.rms']);
      await page.$eval('input[data-key="heatH"]', (input) => {
        const slider = input as HTMLInputElement;
        slider.value = String(Math.log10(0.0125)); // T/4, a log-scale slider
        slider.dispatchEvent(new Event('change'));
      });
      await page.waitForFunction(
        () => document.body.dataset.state === 'done' && (window as unknown as { sdeflow: { experiments: { dynamics: { h: number }[] }[] } }).sdeflow.experiments[2].dynamics[0].h === 0.0125,
        { timeout: 120_000 },
      );
      // The slider moves in steps of 10^(1/24); the page snaps h to the nearest T/K.
      const heatH = Number(new URLSearchParams(await page.evaluate(() => location.search)).get('heatH'));
      expect(Math.round(0.05 / heatH)).toBe(4);
      const after = await shown();
      const others = (n: Record<string, number>) => Object.fromEntries(Object.entries(n).filter(([k]) => !k.startsWith('heat.')));
      expect(others(after)).toEqual(others(before));
      // docs/math.md §1d (iv): RMS 0.169 at T/4 against 0.070 at T/16 (2,000 samples); at N = 128 the two are far apart.
      expect(after['heat.fixed.rms']).toBeGreaterThan(1.5 * before['heat.fixed.rms']);
      expect(after['heat.rmm.rms']).toBeGreaterThan(1.5 * before['heat.rmm.rms']);
    } finally {
      await page.close();
    }
  });

  it('creating, stepping and disposing 200 ensembles in one page leaves no engine buffer alive, counted by the registry and at the device; dispose() twice is harmless', async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(`${session.url}leak-check.html?n=200`);
      await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', { timeout: 180_000 });
      const r = await page.evaluate(() => (window as unknown as { leakCheck: Record<string, unknown> }).leakCheck);
      console.info(`leak check in chromium: ${JSON.stringify({ ...r, registryAlive: undefined, aliveAtDevice: undefined })}`);
      expect(r.error).toBeUndefined();
      expect(r.ensembles).toBe(180); // every tenth is a LiveExperiment of four runs
      expect(r.liveExperiments).toBe(20);
      // Each live ensemble holds its 11 buffers while it runs (a 4-run experiment 44), and every one went through the registry.
      expect(r.peakAlive).toBeGreaterThanOrEqual(44);
      expect(r.registryCreated).toBeGreaterThanOrEqual(180 * 11 + 20 * 44);
      expect(r.createdAtDevice).toBe(r.registryCreated);
      expect(r.registryAlive).toEqual([]);
      expect(r.aliveAtDevice).toEqual([]);
      expect(r.secondDisposeThrew).toBe(false);
      expect(r.useAfterDispose).toMatch(/disposed/);
    } finally {
      await page.close();
    }
  });

  it('a bad URL configuration shows an error naming the parameter, and runs nothing', async () => {
    for (const [query, text] of [
      ['page=saddle-escape&lr=abc', /lr: expected a number in \[0\.05, 0\.9\], found "abc"/],
      ['page=sharp-flat&N=3.5&bogus=1', /N: expected an integer.*found 3\.5[\s\S]*bogus: not a parameter of "sharp-flat"/],
      ['page=no-such-page', /page: expected one of sharp-flat, saddle-escape/],
      ['page=graduated&schedule=9', /schedule: expected an integer in \[0, 5\] \(0 = constant η = 0\.05, b = 1/],
      ['page=graduated&lrMax=0.5&C=', /lrMax: expected a number in \[0\.02, 0\.2\], found 0\.5[\s\S]*C: expected a number in \[1, 20\], found ""/],
      ['page=minibatch-flow&switching=3&h=0', /switching: expected an integer in \[0, 2\] \(0 = fixed and exponential, 1 = fixed[\s\S]*h: expected a number in \[0\.00625, 0\.2\], found 0/],
    ] as const) {
      const page = await open(query);
      try {
        expect(await page.evaluate(() => document.body.dataset.state)).toBe('error');
        const error = await page.$eval('#error', (e) => ((e as HTMLElement).hidden ? '' : e.textContent ?? ''));
        expect(error).toMatch(text);
        expect(await page.$$('canvas')).toHaveLength(0);
      } finally {
        await page.close();
      }
    }
  });

  it('a browser without WebGPU gets a clear message instead of a blank page', async () => {
    const page = await session.browser.newPage();
    try {
      await page.evaluateOnNewDocument(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
      await page.goto(`${session.url}index.html?page=sharp-flat`);
      await page.waitForFunction(() => document.body.dataset.state === 'error', { timeout: 30_000 });
      expect(await page.$eval('#error', (e) => e.textContent ?? '')).toMatch(/WebGPU is not available in this browser/);
    } finally {
      await page.close();
    }
  });
});
