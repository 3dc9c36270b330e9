/**
 * A private X server (Debian's `xvfb`) for running chromium headful — with a
 * window and a compositor, as a person sees the demo — on a machine without a
 * display. The server picks a free display number itself (-displayfd).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const XVFB = '/usr/bin/Xvfb';
export const XVFB_INSTALL = 'apt-get install -y --no-install-recommends xvfb';

export interface XServer {
  /** The DISPLAY value, e.g. ":99". */
  display: string;
  stop(): void;
}

export async function startXvfb(screen = '1920x1200x24'): Promise<XServer> {
  if (!existsSync(XVFB)) throw new Error(`no Xvfb at ${XVFB} (install it with: ${XVFB_INSTALL})`);
  const server = spawn(XVFB, ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    let log = '';
    server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    (server.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    server.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before naming its display: ${log.trim()}`)));
    server.once('error', reject);
  });
  return {
    display,
    stop() {
      if (server.exitCode === null) server.kill('SIGTERM');
    },
  };
}
