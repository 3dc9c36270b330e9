#!/usr/bin/env node
// The `sdeflow` command: runs the compiled command line, dist/cli.js.
//
// Commands that open a WebGPU device (run, resume, devices, bench) run it in a
// child Node process whose stderr drops the harmless lines Dawn's native code
// prints (docs/webgpu-without-a-gpu.md, pitfall 4): JavaScript in the same
// process cannot intercept them. Everything else (--help, --version, merge)
// runs here, so it starts as fast as Node itself.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`sdeflow: ${cli} is missing\nhint: in a clone of the repository, build it first: npm run build\n`);
  process.exit(1);
}

const DEVICE_COMMANDS = new Set(['run', 'resume', 'devices', 'bench']);
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));

if (!DEVICE_COMMANDS.has(command)) {
  await import(new URL('../dist/cli.js', import.meta.url).href);
} else {
  runFiltered();
}

function runFiltered() {
  const DAWN_NOISE = [
    /^Warning: maxDynamic\w+ artificially reduced/,
    /^Warning: Couldn't load Vulkan/,
    /^\s+at operator\(\) \(.*third_party\/dawn/,
  ];
  const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
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
}
