/**
 * WebGPU canvases as a person sees them: chromium headful in a private X server
 * (Xvfb), WebGPU on SwiftShader. With the compositor on SwiftShader's Vulkan
 * (CANVAS_PRESENTING_ARGS) the particle pages and the embedding example present
 * through GPUCanvasContext, and the screenshot shows the particles; with
 * chromium's default flags the device dies at the first presented frame, and
 * the same default URLs fall back to copying pixels by themselves, with a note.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANVAS_PRESENTING_ARGS, openDemo, type DemoSession } from '../../bench/browser/headless-chromium';
import { inkFraction, settled } from '../support/page-ink';

interface Presented {
  state: string | undefined;
  error: string | undefined;
  presentation: string | undefined;
  fallback: string | undefined;
  note: string;
}

async function openAt(session: DemoSession, path: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto(`${session.url}${path}`);
  await settled(page);
  return page;
}

const demoPresentation = (page: Page) =>
  page.evaluate((): Presented => {
    const s = (window as unknown as { sdeflow: { error?: string; presentation?: string; presentationFallback?: string } }).sdeflow;
    const note = document.querySelector<HTMLElement>('#note')!;
    return { state: document.body.dataset.state, error: s.error, presentation: s.presentation, fallback: s.presentationFallback, note: note.hidden ? '' : (note.textContent ?? '') };
  });

const embedPresentation = (page: Page) =>
  page.evaluate((): Presented => {
    const note = document.querySelector<HTMLElement>('#note')!;
    return {
      state: document.body.dataset.state,
      error: document.body.dataset.state === 'error' ? (document.querySelector('#stats')?.textContent ?? '') : undefined,
      presentation: document.body.dataset.presentation,
      fallback: document.body.dataset.presentationFallback,
      note: note.hidden ? '' : (note.textContent ?? ''),
    };
  });

describe('chromium headful in Xvfb, compositor on SwiftShader: WebGPU canvases present', () => {
  let session: DemoSession;
  beforeAll(async () => {
    session = await openDemo({ headful: true, args: CANVAS_PRESENTING_ARGS });
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('the sharp-flat page at its default URL (small N) draws its three particle clouds through GPUCanvasContext: coloured particles in the screenshot, no fallback', async () => {
    const page = await openAt(session, 'index.html?page=sharp-flat&N=512');
    try {
      const p = await demoPresentation(page);
      expect(p.error).toBeUndefined();
      expect(p).toMatchObject({ state: 'done', presentation: 'canvas', note: '' });
      expect(p.fallback).toBeUndefined();
      // The WebGPU canvases themselves (not 2-D copies) hold the particles.
      expect(await page.$$eval('canvas.gpu', (cs) => cs.map((c) => (c as HTMLCanvasElement).getContext('2d') === null))).toEqual([true, true, true]);
      const ink = await inkFraction(page, 'canvas.gpu', true);
      expect(ink).toHaveLength(3);
      for (const f of ink) expect(f).toBeGreaterThan(0.002);
    } finally {
      await page.close();
    }
  });

  it('the embedding example presents its Langevin ensemble through its own WebGPU canvas: particles in the screenshot, no fallback', async () => {
    const page = await openAt(session, 'embed.html');
    try {
      const p = await embedPresentation(page);
      expect(p.error).toBeUndefined();
      expect(p).toMatchObject({ state: 'done', presentation: 'canvas', note: '' });
      expect(p.fallback).toBeUndefined();
      // The ensemble starts at x₁ = −1 and stays mostly in the left well by t = 6.
      expect(Number(await page.evaluate(() => document.body.dataset.meanX0))).toBeLessThan(0);
      const [ink] = await inkFraction(page, '#view', true);
      expect(ink).toBeGreaterThan(0.002);
    } finally {
      await page.close();
    }
  });
});

describe('chromium headful in Xvfb with its default compositor: the device dies at the first presented frame, and the pages fall back by themselves', () => {
  let session: DemoSession;
  beforeAll(async () => {
    session = await openDemo({ headful: true });
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('the saddle-escape page at its default URL (small N, short horizon) loses its device, says so in a note, re-runs copying pixels, and draws its four clouds', async () => {
    // T = 5: most particles are still inside the ball, in colour (by T = 40 all have left, in grey).
    // N = 2048: with 512 the cloud of the model that escapes fastest may keep too few particles in
    // colour (0.14% of its canvas in one seed) to tell from an empty one.
    const page = await openAt(session, 'index.html?page=saddle-escape&N=2048&horizon=5');
    try {
      const p = await demoPresentation(page);
      expect(p.error).toBeUndefined();
      expect(p.state).toBe('done');
      expect(p.presentation).toBe('copy');
      expect(p.fallback).toMatch(/device lost/);
      expect(p.note).toMatch(/could not show WebGPU canvases/);
      // The URL stays the default one (no present=copy written into it).
      expect(await page.evaluate(() => location.search)).not.toMatch(/present/);
      const ink = await inkFraction(page, 'canvas.gpu', true);
      expect(ink).toHaveLength(4);
      for (const f of ink) expect(f).toBeGreaterThan(0.002);
    } finally {
      await page.close();
    }
  });

  it('the embedding example loses its device, says so, and finishes drawing through a copy', async () => {
    const page = await openAt(session, 'embed.html');
    try {
      const p = await embedPresentation(page);
      expect(p.error).toBeUndefined();
      expect(p.state).toBe('done');
      expect(p.presentation).toBe('copy');
      expect(p.fallback).toMatch(/device lost/);
      expect(p.note).toMatch(/could not show WebGPU canvases/);
      expect(Number(await page.evaluate(() => document.body.dataset.meanX0))).toBeLessThan(0);
      const [ink] = await inkFraction(page, '#view', true);
      expect(ink).toBeGreaterThan(0.002);
    } finally {
      await page.close();
    }
  });
});
