/**
 * Interrupt and resume, and device loss, through the command line:
 * `run --checkpoint F` stopped by SIGTERM exits 130 with the
 * checkpoint written, and `resume F` writes the result of the uninterrupted run
 * (every statistic identical; only timings differ) — for an OU pair with escapes,
 * histograms and a CPU reference, and for an SGD / heavy-ball lr sweep; a lost
 * device names the last checkpoint and the run resumes on a new device; a changed
 * experiment is refused; a process killed while writing leaves the previous
 * checkpoint whole. The stops come from outside the production code: a test-only
 * preload (test/support/cli-interruption-preload.mjs) sends SIGTERM or destroys the
 * device at the first checkpoint of run 1. The runner-level resume is tested in test/ensemble/resume.gpu.test.ts.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExperiment, runExperiment } from '../../src/internal';
import { requestNodeDevice } from '../../src/node';
import { readCheckpoint } from '../../src/run/checkpoint-file';
import { ROOT, describeRun, sdeflow, type CliResult } from '../support/cli';

const TIMEOUT = 180_000;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sdeflow-checkpoint-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Where the CLI is stopped from outside: at the first checkpoint that holds run `whenRun` in progress. */
interface Interruption {
  checkpoint: string;
  action: 'signal' | 'lose-device';
  whenRun: number;
}

/** The test-only preload that carries out an {@link Interruption} in the CLI's process (the production code has no test hooks). */
const PRELOAD = pathToFileURL(join(ROOT, 'test/support/cli-interruption-preload.mjs')).href;

/** `sdeflow ARGS`, interrupted as asked by the preload. */
function run(args: string[], interruption: Interruption): Promise<CliResult> {
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim(), SDEFLOW_TEST_INTERRUPT: JSON.stringify(interruption) };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/sdeflow.mjs', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A result file without what may differ between an interrupted and an uninterrupted run: wall times and speeds. */
function withoutTimings(result: unknown): unknown {
  const timingKeys = new Set(['timing', 'seconds', 'compileSeconds', 'referenceSeconds', 'trajectoryStepsPerSecond']);
  return JSON.parse(JSON.stringify(result, (k, v) => (timingKeys.has(k) ? undefined : v)));
}

/** The uninterrupted result, computed in this process exactly as `sdeflow run --out` writes it. */
async function uninterrupted(input: unknown, on: 'gpu' | 'cpu' = 'gpu'): Promise<unknown> {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  if (on === 'cpu') return JSON.parse(JSON.stringify(await runExperiment(parsed.experiment, { device: 'cpu' }), null, 2));
  const device = await requestNodeDevice();
  try {
    return JSON.parse(JSON.stringify(await runExperiment(parsed.experiment, { device }), null, 2));
  } finally {
    device.release();
  }
}

/** Two OU integrators (EM, exact) with an escape region, a histogram, a region and a CPU reference: 8 record checkpoints, 2 runs. */
const OU = {
  name: 'ou-escapes',
  seed: 'checkpoint',
  objective: { kind: 'quadratic', A: [[2, 0.6], [0.6, 1]], b: [1, -0.5] },
  dynamics: [
    { kind: 'gradient-sde', dt: 0.02, sigma: [[0.8, 0], [0.3, 0.5]] },
    { kind: 'gradient-sde', dt: 0.02, sigma: [[0.8, 0], [0.3, 0.5]], integrator: 'exact' },
  ],
  x0: [2, -1],
  trajectories: 3000,
  steps: 160,
  record: {
    every: 20,
    observables: ['mean', 'variance', 'loss', 'histogram'],
    histogram: { bins: 16, range: [-3, 3] },
    regions: { near: { kind: 'ball', center: [0.5, 0], radius: 1 } },
  },
  escape: { kind: 'ball', center: [0.5, 0], radius: 1.5 },
  reference: { trajectories: 50 },
};

/** SGD and heavy ball with Gaussian gradient noise over an lr sweep: 4 runs (coupled pairs: strong errors). */
const SWEEP = {
  name: 'sgd-sweep',
  seed: 'checkpoint-sweep',
  objective: { kind: 'quadratic', A: [[1, 0.2], [0.2, 0.5]] },
  noise: { kind: 'gaussian', cov: 0.2 },
  dynamics: [{ kind: 'sgd', lr: 0.1 }, { kind: 'heavy-ball', lr: 0.1, beta: 0.5 }],
  x0: [1, 1],
  trajectories: 2000,
  steps: 120,
  record: { every: 30, observables: ['mean', 'variance', 'distance'] },
  sweep: { lr: [0.1, 0.05] },
};

/**
 * OU with escapes, histograms and a region on the float64 CPU reference: 2 runs of
 * 24,576 trajectories × 256 steps, so each reports progress three times
 * (every 2²¹ trajectory-steps) before its end.
 */
const OU_CPU = { ...OU, name: 'ou-escapes-cpu', trajectories: 98304, steps: 256, record: { ...OU.record, every: 32 }, reference: undefined };

describe('sdeflow run --checkpoint, interrupted, then sdeflow resume', () => {
  it(
    'SIGTERM mid-run (OU pair with escapes): exit 130 naming the checkpoint; a changed experiment file is refused; resume writes the uninterrupted result',
    async () => {
      const file = join(scratch, 'ou.json');
      const checkpoint = join(scratch, 'ou.checkpoint.json');
      const out = join(scratch, 'ou.result.json');
      writeFileSync(file, JSON.stringify(OU));
      const args = ['run', file, '--out', out, '--checkpoint', checkpoint, '--checkpoint-every', '0', '--quiet'];
      // 8 gaps of 20 steps per run; SIGTERM once the second run is under way.
      const stopped = await run(args, { checkpoint, action: 'signal', whenRun: 1 });
      expect(stopped.code, describeRun(stopped)).toBe(130);
      expect(stopped.stderr).toMatch(/^sdeflow: interrupted; the checkpoint .*ou\.checkpoint\.json holds 1 of 2 runs finished, run 1 at step \d+/m);
      expect(stopped.stderr).toMatch(/^hint: continue with: sdeflow resume .*ou\.checkpoint\.json$/m);
      expect(existsSync(out)).toBe(false);
      expect(readCheckpoint(readFileSync(checkpoint, 'utf8'), checkpoint).progress.current?.index).toBe(1);

      // The experiment file changes: resuming would mix two experiments.
      const kept = join(scratch, 'ou.kept.json');
      copyFileSync(checkpoint, kept);
      writeFileSync(file, JSON.stringify({ ...OU, trajectories: 3001 }));
      const refused = await sdeflow(['resume', kept, '--quiet']);
      expect(refused.code, describeRun(refused)).toBe(2);
      expect(refused.stderr).toMatch(/ou\.json changed since the checkpoint was written .*nothing was run/);
      writeFileSync(file, JSON.stringify(OU));

      const resumed = await sdeflow(['resume', checkpoint, '--quiet']);
      expect(resumed.code, describeRun(resumed)).toBe(0);
      expect(resumed.stderr).toMatch(/^resuming ou-escapes from .*: 1 of 2 runs finished, run 1 at step/m);
      const whole = await uninterrupted(OU);
      expect(withoutTimings(JSON.parse(readFileSync(out, 'utf8')))).toEqual(withoutTimings(whole));
      expect(readCheckpoint(readFileSync(checkpoint, 'utf8'), checkpoint).file.complete).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'SIGTERM within a run on the CPU reference (--device cpu): exit 130 with the checkpoint between two trajectories of run 1; resume writes the uninterrupted result bit for bit',
    async () => {
      const file = join(scratch, 'ou-cpu.json');
      const checkpoint = join(scratch, 'ou-cpu.checkpoint.json');
      const out = join(scratch, 'ou-cpu.result.json');
      writeFileSync(file, JSON.stringify(OU_CPU));
      const args = ['run', file, '--device', 'cpu', '--out', out, '--checkpoint', checkpoint, '--checkpoint-every', '0.1', '--quiet'];
      // A run takes about 1 s on 2 cores (more under load) and looks at signals every 50 ms
      // (src/reference/run-reference.ts); its first checkpoint (0.1 s in) brings SIGTERM, and the run stops
      // at the next look, well within run 1 on a machine several times faster too.
      const stopped = await run(args, { checkpoint, action: 'signal', whenRun: 1 });
      expect(stopped.code, describeRun(stopped)).toBe(130);
      expect(stopped.stderr).toMatch(/^sdeflow: interrupted; the checkpoint .*ou-cpu\.checkpoint\.json holds 1 of 2 runs finished, run 1 from trajectory \d+/m);
      expect(existsSync(out)).toBe(false);
      const current = readCheckpoint(readFileSync(checkpoint, 'utf8'), checkpoint).progress.current;
      expect(current?.index).toBe(1);
      expect(current!.snapshot.offset).toBeGreaterThan(0);
      expect(current!.snapshot.offset).toBeLessThan(OU_CPU.trajectories);

      const resumed = await sdeflow(['resume', checkpoint, '--quiet']);
      expect(resumed.code, describeRun(resumed)).toBe(0);
      expect(resumed.stderr).toMatch(/^resuming ou-escapes-cpu from .*: 1 of 2 runs finished, run 1 from trajectory \d+/m);
      const whole = await uninterrupted(OU_CPU, 'cpu');
      expect(withoutTimings(JSON.parse(readFileSync(out, 'utf8')))).toEqual(withoutTimings(whole));
    },
    TIMEOUT,
  );

  it(
    'a device lost mid-run (lr sweep of SGD and heavy ball): exit 1 naming the last checkpoint; resume on a new device writes the uninterrupted result',
    async () => {
      const file = join(scratch, 'sweep.json');
      const checkpoint = join(scratch, 'sweep.checkpoint.json');
      const out = join(scratch, 'sweep.result.json');
      writeFileSync(file, JSON.stringify(SWEEP));
      const lost = await run(['run', file, '--out', out, '--checkpoint', checkpoint, '--checkpoint-every', '0', '--quiet'], { checkpoint, action: 'lose-device', whenRun: 1 });
      expect(lost.code, describeRun(lost)).toBe(1);
      expect(lost.stderr).toMatch(/^sdeflow: the GPU device failed \(.*destroyed.*\); the run was stopped where it stood; the last checkpoint, .*sweep\.checkpoint\.json \(written [0-9T:.-]+Z\), holds 1 of 4 runs finished, run 1 at step \d+/m);
      expect(lost.stderr).toMatch(/^hint: continue on a new device with: sdeflow resume /m);
      expect(existsSync(out)).toBe(false);

      const resumed = await sdeflow(['resume', checkpoint, '--quiet']);
      expect(resumed.code, describeRun(resumed)).toBe(0);
      const whole = await uninterrupted(SWEEP);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      expect(result.runs).toHaveLength(4);
      expect(withoutTimings(result)).toEqual(withoutTimings(whole));
    },
    TIMEOUT,
  );
});

describe('checkpoint files', () => {
  it(
    'a writer killed (SIGKILL) while writing leaves the previous version whole, never a truncated file',
    async () => {
      const target = join(scratch, 'atomic.json');
      for (let attempt = 0; attempt < 4; attempt++) {
        const child = spawn(process.execPath, ['--import', './scripts/register-sources.mjs', 'test/support/atomic-writer-child.ts', target], { cwd: ROOT });
        let lines = 0;
        await new Promise<void>((resolve) => {
          child.stdout.on('data', (d: Buffer) => {
            lines += d.toString().split('\n').length - 1;
            // Kill during a later write: the file already holds a complete earlier version.
            if (lines >= 2 + attempt) child.kill('SIGKILL');
          });
          child.on('exit', () => resolve());
        });
        const parsed = JSON.parse(readFileSync(target, 'utf8')) as { tag: string; filler: string };
        expect(['A', 'B']).toContain(parsed.tag);
        expect(parsed.filler).toBe(parsed.tag.repeat(4 * 2 ** 20));
      }
    },
    TIMEOUT,
  );
});
