/**
 * Builds the demo with vite, serves it on localhost (a secure context, so
 * navigator.gpu exists) and launches Debian's chromium through puppeteer-core
 * with WebGPU on SwiftShader (flags from docs/webgpu-without-a-gpu.md). Shared by the browser
 * benchmark and the browser tests; never downloads a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { CHROMIUM, demoSourceRoot } from './browser-availability';

export { CHROMIUM };

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-webgpu-developer-features', // timestamp queries without quantization
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface DemoSession {
  browser: Browser;
  /** Base URL of the served demo, ending in '/'. */
  url: string;
  close(): Promise<void>;
}


/**
 * Builds the demo (unless `build: false`), serves build/demo and starts chromium.
 * Note: headless Debian chromium cannot present a WebGPU canvas (with WebGPU on
 * SwiftShader's Vulkan the device is destroyed at the first presented frame;
 * on Dawn's OpenGL ES backend the canvas stays blank), so pages opened here
 * pass `present=copy` (see demo/app/particle-canvas.ts).
 */
export async function openDemo(options: { build?: boolean } = {}): Promise<DemoSession> {
  const root = demoSourceRoot();
  if (root === null) throw new Error('the demo is served from a clone of the repository: no demo/ found above this code');
  const configFile = join(root, 'vite.config.ts');
  if (options.build !== false) await build({ configFile, logLevel: 'silent' });
  const server: PreviewServer = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  const userDataDir = mkdtempSync(join(tmpdir(), 'sdeflow-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, userDataDir, args: CHROMIUM_ARGS });
  } catch (e) {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    throw e;
  }
  const url = server.resolvedUrls!.local[0].replace(/\/?$/, '/');
  return {
    browser,
    url,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
