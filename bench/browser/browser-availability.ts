/**
 * Whether this machine can run the browser rows of `sdeflow bench`: Debian's
 * chromium (never a downloaded browser), puppeteer-core and vite to drive and
 * serve the demo's bench page, and the demo's sources — which live in a clone
 * of the repository, not in the installed package. Returns why not, with the
 * way to get them, or null when everything is there.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's chromium, or the browser CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_INSTALL = 'apt-get install -y --no-install-recommends chromium';

/** The folder holding the demo's sources (demo/ and vite.config.ts): a repository clone, found upwards from this code. */
export function demoSourceRoot(from: string = import.meta.url): string | null {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'demo', 'bench.html')) && existsSync(join(dir, 'vite.config.ts'))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

async function importable(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

export async function browserBenchUnavailable(): Promise<string | null> {
  if (demoSourceRoot() === null) return 'the browser rows serve the demo from a clone of the repository (git clone, npm ci, then npm run bench)';
  if (!existsSync(CHROMIUM)) return `no chromium at ${CHROMIUM} (install it with: ${CHROMIUM_INSTALL}; or set CHROMIUM_PATH)`;
  if (!(await importable('puppeteer-core')) || !(await importable('vite'))) return 'puppeteer-core and vite are not installed (npm ci in the repository clone installs them)';
  return null;
}
