/**
 * The engine's environment is its documented settings, nothing else: test hooks
 * live in the tests (e.g. test/support/cli-interruption-preload.mjs), never as
 * environment variables that production code reads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

/** Every environment variable src/ may read, and the file that documents it for users (or, for the internal one, its writer). */
const DOCUMENTED_SETTINGS: Record<string, string> = {
  SDEFLOW_BACKEND: 'docs/cli.md',
  EGL_PLATFORM: 'docs/webgpu-without-a-gpu.md',
  VK_ICD_FILENAMES: 'docs/webgpu-without-a-gpu.md',
  LD_LIBRARY_PATH: 'docs/webgpu-without-a-gpu.md',
  // Set by the `sdeflow` command for the CLI process it starts (its stderr is piped).
  SDEFLOW_STDERR_IS_TTY: 'bin/sdeflow.mjs',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

/** `process.env.NAME`, `process.env['NAME']`, and any other access to process.env (a computed key, the object itself). */
function environmentReads(text: string): { names: string[]; other: string[] } {
  const names: string[] = [];
  const other: string[] = [];
  for (const m of text.matchAll(/process\.env(\.[A-Za-z_][A-Za-z0-9_]*|\[\s*(['"`])([A-Za-z_][A-Za-z0-9_]*)\2\s*\])?/g)) {
    if (m[1]?.startsWith('.')) names.push(m[1].slice(1));
    else if (m[3]) names.push(m[3]);
    else other.push(text.slice(m.index, m.index + 16).split('\n')[0]);
  }
  return { names, other };
}

describe('environment variables read by src/ and bin/', () => {
  const files = [...sourceFiles(join(ROOT, 'src')), join(ROOT, 'bin/sdeflow.mjs')];

  it('mention no test hook (SDEFLOW_TEST_*) anywhere', () => {
    const offending = files.filter((f) => readFileSync(f, 'utf8').includes('SDEFLOW_TEST')).map((f) => relative(ROOT, f));
    expect(offending).toEqual([]);
  });

  it('are only the documented settings, each read by name', () => {
    const undocumented: string[] = [];
    for (const file of files.filter((f) => f.includes(`${join(ROOT, 'src')}`))) {
      const { names, other } = environmentReads(readFileSync(file, 'utf8'));
      for (const name of names) if (!(name in DOCUMENTED_SETTINGS)) undocumented.push(`${relative(ROOT, file)}: ${name}`);
      for (const access of other) undocumented.push(`${relative(ROOT, file)}: ${access} (not a read by name)`);
    }
    expect(undocumented).toEqual([]);
  });

  it('each allowed setting is named where it is documented', () => {
    for (const [name, where] of Object.entries(DOCUMENTED_SETTINGS)) expect(readFileSync(join(ROOT, where), 'utf8'), `${name} in ${where}`).toContain(name);
  });

  it('the scanner finds reads by name and computed reads (a planted example)', () => {
    const planted = "const a = process.env.SDEFLOW_BACKEND; const b = process.env['X_Y']; const c = process.env[key]; const d = { ...process.env };";
    expect(environmentReads(planted)).toEqual({ names: ['SDEFLOW_BACKEND', 'X_Y'], other: ['process.env[key]', 'process.env };'] });
  });
});
