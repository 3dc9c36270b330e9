/**
 * The demo's layout as a person sees it, in chromium headful in Xvfb with
 * WebGPU canvases presenting (CANVAS_PRESENTING_ARGS): every page at a phone's
 * width (390 px, one column) and at 1024 and 1920 px has no horizontal scroll
 * and nothing wider than the window; sliders keep the keyboard focus; the f64
 * engine switch is a checkbox; identical curves say so in the legend. With
 * SDEFLOW_SCREENSHOTS=DIR each page's screenshot at each width is written to
 * DIR/demo-PAGE-WIDTH.png (scripts/demo-screenshots.ts, `npm run screenshots:demo`, refreshes docs/ so).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANVAS_PRESENTING_ARGS, openDemo, type DemoSession } from '../../bench/browser/headless-chromium';
import { PAGES } from '../../demo/pages/registry';
import { settled } from '../support/page-ink';

/** Small ensembles: 6 pages × 3 widths on 2 cores and SwiftShader. */
const SMALL: Record<string, string> = {
  'sharp-flat': 'N=256',
  'saddle-escape': 'N=256',
  'hb-orders': 'N=128',
  'two-timescale': 'N=256',
  graduated: 'N=64',
  'minibatch-flow': 'N=64',
};
const WIDTHS = [390, 1024, 1920];
const SCREENSHOTS = process.env.SDEFLOW_SCREENSHOTS;

let session: DemoSession;

beforeAll(async () => {
  session = await openDemo({ headful: true, args: CANVAS_PRESENTING_ARGS });
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await session?.close();
});

async function open(query: string, width: number): Promise<Page> {
  const page = await session.browser.newPage();
  await page.setViewport({ width, height: width < 800 ? 844 : 1100 });
  await page.goto(`${session.url}index.html?${query}`);
  await settled(page);
  return page;
}

/** Elements whose right edge passes the window's (the document may not scroll sideways either). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Inside a sideways-scrolling box (a wide table on a phone) an element may be wider than the window.
    const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && e.getClientRects().length > 0 && !e.parentElement?.closest('.scroll-x'))
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''} (right ${Math.round(e.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });

describe('the demo’s layout in a real window', () => {
  for (const definition of PAGES) {
    it(`the ${definition.id} page fits the window at ${WIDTHS.join(', ')} px (no sideways scroll; one column at 390 px)`, async () => {
      for (const width of WIDTHS) {
        const page = await open(`page=${definition.id}&${SMALL[definition.id]}`, width);
        try {
          expect(await page.evaluate(() => (window as unknown as { sdeflow: { error?: string } }).sdeflow.error)).toBeUndefined();
          const o = await overflow(page);
          expect(o.wide, `${definition.id} at ${width} px`).toEqual([]);
          expect(o.scrollWidth, `${definition.id} at ${width} px`).toBeLessThanOrEqual(o.width);
          if (width < 800) {
            // One column: the configuration above the page's panels, each as wide as the other.
            const [aside, section] = await page.$$eval('main > aside, main > section', (es) => es.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
            expect(aside.bottom).toBeLessThanOrEqual(section.top);
            expect(Math.abs(aside.width - section.width)).toBeLessThan(2);
          }
          // The whole page in one window as tall as the page (no vertical scroll bar): it must fit there too.
          await page.setViewport({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 300)))));
          const tall = await overflow(page);
          expect(tall.wide, `${definition.id} at ${width} px, whole page`).toEqual([]);
          expect(tall.scrollWidth, `${definition.id} at ${width} px, whole page`).toBeLessThanOrEqual(tall.width);
          if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `demo-${definition.id}-${width}.png`) as `${string}.png` });
        } finally {
          await page.close();
        }
      }
    });
  }

  it('a slider stepped with the arrow keys re-runs at each step and keeps the keyboard focus', async () => {
    const page = await open('page=saddle-escape&N=256', 1024);
    try {
      await page.focus('input[data-key="lr"]');
      for (const expected of ['0.55', '0.6']) {
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((lr) => document.body.dataset.state === 'done' && new URLSearchParams(location.search).get('lr') === lr, { timeout: 120_000 }, expected);
        expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).toBe('lr');
      }
    } finally {
      await page.close();
    }
  });

  it('the hb-orders page’s float64 engine is a checkbox: ticking it runs the CPU reference and writes f64=1 into the URL', async () => {
    const page = await open('page=hb-orders&N=64', 1024);
    try {
      expect(await page.$$('input[type="range"][data-key="f64"]')).toHaveLength(0);
      await page.click('input[type="checkbox"][data-key="f64"]');
      await page.waitForFunction(() => document.body.dataset.state === 'done' && new URLSearchParams(location.search).get('f64') === '1', { timeout: 120_000 });
      expect(await page.$eval('#panels', (e) => e.textContent ?? '')).toMatch(/float64 CPU/);
    } finally {
      await page.close();
    }
  });

  it('the saddle page’s legend says that SGD’s curves are identical to HA-SME’s (drawn under them)', async () => {
    const page = await open('page=saddle-escape&N=256', 1024);
    try {
      const labels = await page.$$eval('.u-legend .u-series .u-label', (es) => es.map((e) => e.textContent ?? ''));
      expect(labels.filter((l) => /^SGD \(identical to HA-SME, under it\)$/.test(l))).toHaveLength(2);
      expect(labels.filter((l) => /^HA-SME \(= SGD\)$/.test(l))).toHaveLength(2);
    } finally {
      await page.close();
    }
  });
});
