/**
 * The command line before a long run starts: the dry
 * run prints the plan and runs nothing; plans that cannot fit are refused with
 * the figure; warnings about unstable steps are printed and the run goes ahead;
 * an --out path that cannot be written is refused before anything runs; errors
 * are a line and a hint, with details only under --verbose.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, sdeflow as runCli } from '../support/cli';

const TIMEOUT = 120_000;
const sdeflow = (...args: string[]) => runCli(args, TIMEOUT - 10_000);
const STACK_LINE = /^\s+at .*:\d+:\d+\)?$/m;

let scratch: string;
const file = (name: string, content: unknown) => {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sdeflow-dry-run-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An OU and an SGD whose lr is beyond 2/λ_max = 1 on A = diag(2, 1). */
const UNSTABLE = {
  name: 'unstable',
  objective: { kind: 'quadratic', A: [[2, 0], [0, 1]] },
  dynamics: [{ kind: 'sgd', lr: 1.2 }],
  x0: [1, 1],
  trajectories: 512,
  steps: 20,
  record: { every: 5 },
};

describe('sdeflow run --dry-run', () => {
  it(
    'on WebGPU prints chunks, dispatches, buffers, memory and an estimated time, exits 0 and writes no --out file',
    async () => {
      const out = join(scratch, 'dry.result.json');
      const r = await sdeflow('run', 'test/fixtures/experiments/ou-1d-tiny.json', '--dry-run', '--out', out);
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout).toMatch(/^plan of .* on .*: 1 run, .*nothing was run/m);
      expect(r.stdout).toMatch(/^0\s+gradient-sde #0\s+2,000\s+20\s+3\s+1 × 2,048\s/m);
      expect(r.stdout).toMatch(/^dispatches of run 0: 1 initialize, \d+ integrate, 3 reduce, \d+ readbacks$/m);
      expect(r.stdout).toMatch(/^buffers of run 0 \(the largest\): run control 48 B, .*state 8\.0 KiB/m);
      expect(r.stdout).toMatch(/estimated time [\d.]+ (ms|s)/);
      expect(r.stdout).toMatch(/trajectory-steps\/s/);
      expect(r.stdout).toMatch(/time estimated from a calibration of each run's own kernels .* and this start-up \([\d.]+ (ms|s)\)/);
      expect(existsSync(out)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'counts, in the estimated time, the float64 reference paths a GPU run is compared with (`reference`) and the report',
    async () => {
      const compared = file('compared.json', {
        name: 'compared',
        objective: { kind: 'quadratic', A: [[1]] },
        dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 1 }],
        x0: [1],
        trajectories: 2048,
        steps: 200,
        record: { every: 50 },
        reference: { trajectories: 128 },
      });
      const r = await sdeflow('run', compared, '--dry-run');
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout).toMatch(/^included, the host's work after the runs: the float64 reference paths they are compared with [\d.]+ (ms|s), the report \(closed forms, limit laws, summaries, JSON\) [\d.]+ (ms|s)$/m);
    },
    TIMEOUT,
  );

  it(
    'on the CPU reference prints the plan, and the stability warning of a step beyond 2/λ_max on stderr',
    async () => {
      const r = await sdeflow('run', file('unstable.json', UNSTABLE), '--dry-run', '--device', 'cpu');
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stderr).toMatch(/^warning: \$\.dynamics\[0\]\.lr: sgd with lr = 1\.2 is beyond its stability limit/m);
      expect(r.stdout).toMatch(/^plan of unstable on float64 CPU reference/m);
      expect(r.stdout).toMatch(/GPU memory none/);
    },
    TIMEOUT,
  );

  it(
    'refuses, with exit 2 and the figure, statistics that would not fit host memory (4,096-bin histograms at 10^6 checkpoints)',
    async () => {
      const huge = {
        ...UNSTABLE,
        dynamics: [{ kind: 'sgd', lr: 0.1 }],
        steps: 1_000_000,
        record: { every: 1, observables: ['mean', 'histogram'], histogram: { bins: 4096, range: [-1, 1] } },
      };
      const out = join(scratch, 'huge.result.json');
      const r = await sdeflow('run', file('huge.json', huge), '--device', 'cpu', '--out', out);
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toMatch(/^sdeflow: the statistics of this experiment need about [\d.]+ (GiB|TiB) of host memory .* more than the [\d.]+ (MiB|GiB) available/m);
      expect(r.stderr).toMatch(/^nothing was run$/m);
      expect(r.stderr).toMatch(/^hint: /m);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(existsSync(out)).toBe(false);
    },
    TIMEOUT,
  );
});

describe('errors before a run: one line and a hint; details with --verbose', () => {
  it(
    'an --out path in a missing folder is refused before anything runs (exit 2), without a stack trace',
    async () => {
      const r = await sdeflow('run', 'test/fixtures/experiments/ou-1d-tiny.json', '--device', 'cpu', '--out', join(scratch, 'no-such-folder', 'r.json'));
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toMatch(/^sdeflow: cannot write --out .*r\.json: the folder .*no-such-folder does not exist; nothing was run$/m);
      expect(r.stderr).toMatch(/^hint: create the folder first/m);
      expect(r.stderr).not.toMatch(STACK_LINE);
    },
    TIMEOUT,
  );

  it(
    '--verbose adds the stack of the same error',
    async () => {
      const r = await sdeflow('--verbose', 'run', join(scratch, 'missing.json'), '--device', 'cpu');
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toMatch(/^sdeflow: cannot read .*missing\.json/m);
      expect(r.stderr).toMatch(STACK_LINE);
    },
    TIMEOUT,
  );
});
