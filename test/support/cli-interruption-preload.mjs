/**
 * A test-only preload for the command line (`node --import`, passed through
 * NODE_OPTIONS by test/cli/checkpoint-resume.test.ts): it stops a run at a
 * deterministic point, from outside the production code, the way a scheduler
 * or a driver reset would.
 *
 * It watches the checkpoint the CLI writes (every write ends with a rename of a
 * temporary file onto the checkpoint's path, src/cli/atomic-write.ts). At the
 * first checkpoint that holds run `whenRun` in progress, it
 * - `signal`: sends this process SIGTERM (as a scheduler stopping a job would), or
 * - `lose-device`: destroys the WebGPU device the CLI opened (as a driver reset
 *   or an unplugged GPU would).
 *
 * Settings, as JSON in SDEFLOW_TEST_INTERRUPT:
 * `{ "checkpoint": "/abs/path.json", "action": "signal" | "lose-device", "whenRun": 1 }`.
 * It does nothing in a process that is not dist/cli.js (bin/sdeflow.mjs, which
 * inherits NODE_OPTIONS too, runs the CLI in a child).
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const settings = process.env.SDEFLOW_TEST_INTERRUPT;
const isCli = /[\\/]dist[\\/]cli\.js$/.test(process.argv[1] ?? '');

if (settings && isCli) {
  const { checkpoint, action, whenRun } = JSON.parse(settings);
  if (!['signal', 'lose-device'].includes(action)) throw new Error(`SDEFLOW_TEST_INTERRUPT: unknown action "${action}" (signal, lose-device)`);
  const target = resolve(checkpoint);
  /** The devices the CLI opened, newest last (found where they create buffers). */
  const devices = [];
  if (action === 'lose-device') {
    const { globals } = await import('webgpu');
    const createBuffer = globals.GPUDevice.prototype.createBuffer;
    globals.GPUDevice.prototype.createBuffer = function (...args) {
      if (devices[devices.length - 1] !== this) devices.push(this);
      return createBuffer.apply(this, args);
    };
  }
  let done = false;
  const rename = fs.rename;
  fs.rename = async function (from, to) {
    await rename(from, to);
    if (done || resolve(String(to)) !== target) return;
    const file = JSON.parse(readFileSync(target, 'utf8'));
    if (file.current?.index !== whenRun) return;
    done = true;
    if (action === 'signal') process.kill(process.pid, 'SIGTERM');
    else {
      if (devices.length === 0) throw new Error('SDEFLOW_TEST_INTERRUPT: lose-device, but the CLI has created no GPU buffer (is it running on the CPU?)');
      devices[devices.length - 1].destroy();
    }
  };
  // The CLI imports `rename` from node:fs/promises by name: update the named exports.
  syncBuiltinESMExports();
}
