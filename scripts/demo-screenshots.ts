// Refreshes the demo's screenshots in docs/ (docs/demo-PAGE.png, linked from
// docs/demo.md) from the browser tier's own layout test: it runs
// test/e2e/layout.browser.test.ts with SDEFLOW_SCREENSHOTS set, so the images
// are the very pages that test checked (chromium headful in Xvfb, WebGPU
// canvases presenting, small ensembles), and copies the 1024 px ones:
//   npm run screenshots:demo
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WIDTH = 1024;
const dir = mkdtempSync(join(tmpdir(), 'sdeflow-screenshots-'));
try {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/e2e/layout.browser.test.ts'], { stdio: 'inherit', env: { ...process.env, SDEFLOW_SCREENSHOTS: dir } });
  if (run.status !== 0) throw new Error('the layout test failed: no screenshots copied');
  const shots = readdirSync(dir).filter((f) => f.endsWith(`-${WIDTH}.png`));
  for (const f of shots) {
    const to = join('docs', f.replace(`-${WIDTH}.png`, '.png'));
    copyFileSync(join(dir, f), to);
    console.log(`wrote ${to}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
