/**
 * The package as a user gets it: `npm pack` of the built package, installed
 * into a fresh project in a temporary folder with nothing else in it. The
 * package tier's tests run plain Node, TypeScript, vite and the CLI there —
 * never against the repository's sources.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli';

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackedPackage {
  tarball: string;
  /** Compressed size in bytes. */
  size: number;
  files: PackedFile[];
  version: string;
}

/** Packs the built package (dist/ is built by the test run's global setup) into a temporary folder. */
export function packPackage(): PackedPackage {
  const destination = mkdtempSync(join(tmpdir(), 'sdeflow-pack-'));
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: ROOT, encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string; size: number; files: PackedFile[]; version: string }[];
  return { tarball: join(destination, info.filename), size: info.size, files: info.files, version: info.version };
}

export interface ConsumerProject {
  dir: string;
  /** Runs a command in the project; resolves with its exit code and output. */
  run(command: string, args: string[], options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }>;
  write(path: string, text: string): void;
}

/** A fresh project (`"type": "module"`) with the tarball installed through npm, from npm's cache where it can. */
export function createConsumerProject(pack: PackedPackage, name: string): ConsumerProject {
  const dir = mkdtempSync(join(tmpdir(), `sdeflow-consumer-${name}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', pack.tarball], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    dir,
    write: (path, text) => writeFileSync(join(dir, path), text),
    run: (command, args, options = {}) =>
      new Promise((resolve) => {
        execFile(command, args, { cwd: dir, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...options.env } }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          resolve({ code, stdout, stderr });
        });
      }),
  };
}

/** The repository's own tool binaries (typescript, vite), run against a consumer project. */
export const TOOL = {
  tsc: join(ROOT, 'node_modules/typescript/bin/tsc'),
  vite: join(ROOT, 'node_modules/vite/bin/vite.js'),
};

export const packageJson = () => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; exports: Record<string, unknown> };
