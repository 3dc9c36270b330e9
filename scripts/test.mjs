#!/usr/bin/env node
// `npm test`: the whole test suite (vitest), after making sure the machine has
// what it needs. WebGPU runs without a GPU on Mesa's llvmpipe (EGL/GLES), and
// the browser tier drives Debian's chromium. On Debian as root, missing
// packages are installed with apt-get (set SDEFLOW_NO_INSTALL=1 to never
// install). Where they cannot be installed, the browser tier
// (test/**/*.browser.test.ts) is left out and the last lines say so, with the
// command that would install it; everything else still runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MESA = ['libegl1', 'libegl-mesa0', 'libgl1-mesa-dri', 'libgles2'];
const BROWSER = ['chromium'];
const installLine = (packages) => `apt-get install -y --no-install-recommends ${packages.join(' ')}`;

const onDebian = existsSync('/usr/bin/dpkg-query') && existsSync('/usr/bin/apt-get');
const isRoot = process.getuid?.() === 0;

function missingPackages(packages) {
  return packages.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

const notes = [];
if (onDebian) {
  const missing = missingPackages([...MESA, ...(existsSync(CHROMIUM) ? [] : BROWSER)]);
  if (missing.length > 0) {
    if (isRoot && process.env.SDEFLOW_NO_INSTALL !== '1') {
      console.log(`installing what the tests need: ${missing.join(' ')}`);
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } else {
      notes.push(`missing Debian packages: ${missing.join(' ')}; install them as root with: ${installLine(missing)}`);
    }
  }
}

const args = ['run', ...process.argv.slice(2)];
const browserTier = existsSync(CHROMIUM);
if (!browserTier) {
  args.push('--exclude', 'test/**/*.browser.test.ts');
  const how = onDebian ? installLine(BROWSER) : 'install chromium and set CHROMIUM_PATH to it';
  notes.push(`browser tier: not run (no chromium at ${CHROMIUM}); to run it: ${how}`);
}

const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', ...args], { stdio: 'inherit' });
for (const note of notes) console.log(note);
process.exitCode = vitest.status ?? 1;
