#!/usr/bin/env node
// The `sdeflow` command. Runs src/cli/main.ts in a child Node process with the
// TypeScript and `?raw` hooks, and filters the harmless lines Dawn's native
// code prints on stderr (ENVIRONMENT.md pitfall 4), which JavaScript in the
// same process cannot intercept.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const DAWN_NOISE = [
  /^Warning: maxDynamic\w+ artificially reduced/,
  /^Warning: Couldn't load Vulkan/,
  /^\s+at operator\(\) \(.*third_party\/dawn/,
];

const child = spawn(process.execPath, ['--import', here('./register.mjs'), here('../src/cli/main.ts'), ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'pipe'],
  env: { ...process.env, SDEFLOW_STDERR_IS_TTY: process.stderr.isTTY ? '1' : '' },
});

let pending = '';
let skippedBlank = false;
child.stderr.on('data', (chunk) => {
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (DAWN_NOISE.some((re) => re.test(line))) {
      skippedBlank = true;
      continue;
    }
    if (skippedBlank && line.trim() === '') {
      skippedBlank = false;
      continue;
    }
    skippedBlank = false;
    process.stderr.write(line + '\n');
  }
  // Progress bars redraw a line without a newline: pass it on at once.
  const maybeNoise = 'Warning'.startsWith(pending) || pending.startsWith('Warning') || /^\s*(at\b.*)?$/.test(pending);
  if (!maybeNoise) {
    process.stderr.write(pending);
    pending = '';
  }
});
// Ctrl-C reaches the child too (same process group); wait for its exit code.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  if (pending) process.stderr.write(pending);
  process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 1);
});
