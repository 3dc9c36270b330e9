import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { build, preview } from 'vite';
import { describe, expect, it } from 'vitest';

// Debian's chromium (installed by .ci/run); never a downloaded browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the isomorphic entry in a real browser', () => {
  it('the vite-built demo runs the OU showcase on Chromium WebGPU and matches the closed form within 5 SE', async () => {
    await build({ logLevel: 'silent' });
    const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: mkdtempSync(join(tmpdir(), 'sdeflow-chromium-')),
      args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.resolvedUrls!.local[0]}?autorun`);
      await page.waitForFunction(() => document.body.dataset.maxZ !== undefined || document.querySelector('#out')!.textContent!.startsWith('error'), { timeout: 240_000 });
      const text = await page.$eval('#out', (e) => e.textContent ?? '');
      expect(text).not.toMatch(/^error/);
      expect(text).toMatch(/via browser/);
      expect(text).toMatch(/float64 reference on 1000 trajectories/);
      const maxZ = Number(await page.evaluate(() => document.body.dataset.maxZ));
      expect(maxZ).toBeLessThan(5); // 65,536 trajectories, 5 standard errors
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
  });
});
