/**
 * Builds the demo with vite, serves it on localhost (a secure context, so
 * navigator.gpu exists) and launches Debian's chromium through puppeteer-core
 * with WebGPU on SwiftShader (flags from docs/webgpu-without-a-gpu.md), headless
 * or headful in a private X server (xvfb.ts). Shared by the browser benchmark
 * and the browser tests; never downloads a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { CHROMIUM, demoSourceRoot } from './browser-availability';
import { startXvfb, type XServer } from './xvfb';

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

/**
 * Flags under which chromium presents WebGPU canvases on SwiftShader: the
 * compositor (ANGLE) runs on SwiftShader's Vulkan too, so it can share the
 * canvas's images with WebGPU. With the default compositor the GPU process
 * finds no shared-image backing for a WebGPU swap chain ("Could not find
 * SharedImageBackingFactory … WebgpuSwapChainTexture") and the device is
 * destroyed at the first presented frame, headless or headful; the pages then
 * fall back to copying pixels (demo/app/presentation-fallback.ts).
 */
export const CANVAS_PRESENTING_ARGS = ['--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export interface DemoOptions {
  /** Build the demo first (default true), into a folder of this session's own (test files run in parallel). */
  build?: boolean;
  /** A real window in a private X server (Xvfb) instead of headless mode. */
  headful?: boolean;
  /** Flags added to CHROMIUM_ARGS (e.g. CANVAS_PRESENTING_ARGS). */
  args?: string[];
}

export interface DemoSession {
  browser: Browser;
  /** Base URL of the served demo, ending in '/'. */
  url: string;
  close(): Promise<void>;
}


/**
 * Builds the demo (unless `build: false`), serves build/demo and starts chromium.
 * With the default flags chromium cannot present a WebGPU canvas on SwiftShader
 * (see CANVAS_PRESENTING_ARGS); the particle pages notice and copy pixels instead.
 */
export async function openDemo(options: DemoOptions = {}): Promise<DemoSession> {
  const root = demoSourceRoot();
  if (root === null) throw new Error('the demo is served from a clone of the repository: no demo/ found above this code');
  const configFile = join(root, 'vite.config.ts');
  const outDir = options.build !== false ? mkdtempSync(join(tmpdir(), 'sdeflow-demo-')) : undefined;
  if (outDir) await build({ configFile, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent', ...(outDir ? { build: { outDir } } : {}) });
  const userDataDir = mkdtempSync(join(tmpdir(), 'sdeflow-chromium-'));
  let browser: Browser;
  let x: XServer | undefined;
  try {
    x = options.headful ? await startXvfb() : undefined;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: !x,
      userDataDir,
      // A full-size benchmark case keeps SwiftShader busy for minutes, and the page's waits with it.
      protocolTimeout: 1_800_000,
      args: [...CHROMIUM_ARGS, ...(options.args ?? []), ...(x ? ['--window-size=1920,1200'] : [])],
      ...(x ? { env: { ...process.env, DISPLAY: x.display }, defaultViewport: null } : {}),
    });
  } catch (e) {
    x?.stop();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    throw e;
  }
  const url = server.resolvedUrls!.local[0].replace(/\/?$/, '/');
  return {
    browser,
    url,
    async close() {
      await browser.close();
      x?.stop();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(userDataDir, { recursive: true, force: true });
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    },
  };
}
