#!/usr/bin/env node
// `npm test`: the whole test suite (vitest), after making sure the machine has
// what it needs. WebGPU runs without a GPU on Mesa's llvmpipe (EGL/GLES), and
// the browser tier drives Debian's chromium, headless and headful in a private
// X server (Debian's xvfb). On Debian as root, missing
// packages are installed with apt-get (set SDEFLOW_NO_INSTALL=1 to never
// install). Where they cannot be installed, the browser tier
// (test/**/*.browser.test.ts) is left out and the last lines say so, with the
// command that would install it; everything else still runs. The scale-out
// tier (test/scale-out) runs only where Slurm and GNU parallel are up.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MESA = ['libegl1', 'libegl-mesa0', 'libgl1-mesa-dri', 'libgles2'];
const XVFB = '/usr/bin/Xvfb';
const browserMissing = () => [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(existsSync(XVFB) ? [] : ['xvfb'])];
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
  const missing = missingPackages([...MESA, ...browserMissing()]);
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
const browserTier = browserMissing().length === 0;
if (!browserTier) {
  args.push('--exclude', 'test/**/*.browser.test.ts');
  const how = onDebian ? installLine(browserMissing()) : 'install chromium and Xvfb, and set CHROMIUM_PATH to chromium';
  notes.push(`browser tier: not run (${[existsSync(CHROMIUM) ? '' : `no chromium at ${CHROMIUM}`, existsSync(XVFB) ? '' : `no Xvfb at ${XVFB}`].filter(Boolean).join(', ')}); to run it: ${how}`);
}

// The scale-out tier (test/scale-out) runs shards under a real Slurm cluster and
// GNU parallel: selected only where a Slurm controller answers and parallel is
// installed. Packages are never installed for it here; scripts/start-slurm.sh
// installs them and starts a single-node cluster (CI does: bash .ci/run).
const slurmUp = spawnSync('scontrol', ['ping'], { encoding: 'utf8' }).stdout?.includes('is UP') ?? false;
const parallelInstalled = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;
if (!(slurmUp && parallelInstalled)) {
  args.push('--exclude', 'test/scale-out/**');
  const why = !slurmUp ? 'no Slurm controller answers (scontrol ping)' : 'GNU parallel is not installed';
  notes.push(`scale-out tier: not run (${why}); to run it as root: bash scripts/start-slurm.sh && npx vitest run test/scale-out (or bash .ci/run)`);
}

const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', ...args], { stdio: 'inherit' });
for (const note of notes) console.log(note);
process.exitCode = vitest.status ?? 1;
