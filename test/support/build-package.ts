/**
 * vitest global setup: the command-line and package tests run the built
 * package (dist/), as users do. Rebuild it once, before any test, when a
 * source it is built from is newer than the build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli';

const SOURCES = ['src', 'shaders', 'bench', 'package.json', 'tsdown.config.ts', 'tsconfig.build.json'];

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestModification(join(path, name))), stat.mtimeMs);
}

export default function buildPackage(): void {
  const built = join(ROOT, 'dist/cli.js');
  const stale = !existsSync(built) || SOURCES.some((s) => newestModification(join(ROOT, s)) > statSync(built).mtimeMs);
  if (!stale) return;
  console.log('building dist/ (npm run build): the sources are newer than the package build');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
