import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (where `bin/sdeflow.mjs` lives). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/sdeflow.mjs ARGS` from the repository root with piped output; resolves with its exit code and output. */
export function sdeflow(args: string[], timeoutMs = 110_000, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/sdeflow.mjs', ...args], { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Shows the output when an exit-code assertion fails. */
export const describeRun = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
