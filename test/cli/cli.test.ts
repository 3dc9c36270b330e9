import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, describeRun, sdeflow as runCli, type CliResult } from '../support/cli';

const INVALID = 'test/fixtures/experiments/invalid-four-fields.json';
const TINY = 'test/fixtures/experiments/ou-1d-tiny.json';
const TEST_TIMEOUT = 120_000;
/** Runs `node bin/sdeflow.mjs ARGS` from the repository root with piped output. */
const sdeflow = (...args: string[]) => runCli(args, TEST_TIMEOUT - 10_000);

/** The characters cli-progress draws bars with (shades_classic preset). */
const BAR_CHARACTERS = /[█░]/;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sdeflow-cli-test-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('sdeflow run: input errors', () => {
  it(
    'exits 2 on an invalid experiment file, naming the JSON path of every bad field, and writes no --out file',
    async () => {
      const out = join(scratch, 'invalid.result.json');
      const r = await sdeflow('run', INVALID, '--out', out, '--device', 'cpu');
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toContain('invalid experiment file');
      for (const path of ['$.trajectories', '$.steps', '$.objective.A[0][1]', '$.objective.b']) {
        expect(r.stderr, path).toMatch(new RegExp(`^${path.replace(/[$.[\]]/g, '\\$&')}: `, 'm'));
      }
      expect(existsSync(out)).toBe(false);
    },
    TEST_TIMEOUT,
  );

  it(
    'exits 2 on a missing experiment file, naming it',
    async () => {
      const missing = join(scratch, 'no-such-experiment.json');
      const r = await sdeflow('run', missing, '--device', 'cpu');
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toContain(missing);
    },
    TEST_TIMEOUT,
  );

  it(
    'exits 2 on a file that is not JSON, reporting the error at $',
    async () => {
      const file = join(scratch, 'truncated.json');
      writeFileSync(file, '{ "objective": { "kind": "quadratic",');
      const r = await sdeflow('run', file, '--device', 'cpu');
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toMatch(/^\$: .*JSON/m);
    },
    TEST_TIMEOUT,
  );

  it(
    'exits 2 on a usage error (an unknown option), with the usage',
    async () => {
      const r = await sdeflow('run', TINY, '--no-such-option');
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toContain("unknown option '--no-such-option'");
      expect(r.stderr).toMatch(/Usage: sdeflow run/);
    },
    TEST_TIMEOUT,
  );

  it.each(['0', 'abc'])(
    'exits 2 on --trajectories %s',
    async (value) => {
      const r = await sdeflow('run', TINY, '--device', 'cpu', '--trajectories', value, '--quiet');
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toContain('--trajectories');
    },
    TEST_TIMEOUT,
  );
});

describe('sdeflow run --device cpu on a 1-D OU', () => {
  let run: CliResult;
  let result: any;

  beforeAll(async () => {
    const out = join(scratch, 'tiny-cpu.result.json');
    run = await sdeflow('run', TINY, '--device', 'cpu', '--out', out);
    if (existsSync(out)) result = JSON.parse(readFileSync(out, 'utf8'));
  }, TEST_TIMEOUT);

  it('exits 0 and writes a sdeflow-result/v1 file from the CPU device', () => {
    expect(run.code, describeRun(run)).toBe(0);
    expect(result?.format).toBe('sdeflow-result/v1');
    expect(result.device.kind).toBe('cpu');
  });

  it('records t = 0, 0.1, 0.2 (every 10 steps of dt 0.01) with a mean and variance at each checkpoint', () => {
    const series = result.runs[0].series;
    expect(series.t).toHaveLength(3);
    // t = step · dt: each value is one product, within an ulp of the decimal.
    [0, 0.1, 0.2].forEach((t, k) => expect(Math.abs(series.t[k] - t), `t[${k}]`).toBeLessThanOrEqual(1e-12));
    expect(series.mean).toHaveLength(3);
    expect(series.variance).toHaveLength(3);
    for (const row of [...series.mean, ...series.variance]) {
      expect(row).toHaveLength(1);
      expect(Number.isFinite(row[0])).toBe(true);
    }
  });

  it('agrees with the closed-form law of Euler–Maruyama within 5 standard errors (n = 2000)', () => {
    const closedForm = result.runs[0].closedForm;
    expect(Number.isFinite(closedForm.maxAbsZ)).toBe(true);
    expect(closedForm.maxAbsZ).toBeLessThan(5);
  });

  it('reports a positive throughput', () => {
    expect(result.runs[0].timing.trajectoryStepsPerSecond).toBeGreaterThan(0);
  });

  it('shows no progress bar when stderr is piped', () => {
    expect(run.stderr).not.toMatch(BAR_CHARACTERS);
    expect(run.stderr).not.toMatch(/\[[^\]\n]*\]\s*\d+%/);
  });
});

describe('sdeflow run on the default (WebGPU) device', () => {
  let run: CliResult;
  let result: any;

  beforeAll(async () => {
    const out = join(scratch, 'tiny-gpu.result.json');
    run = await sdeflow('run', TINY, '--out', out);
    if (existsSync(out)) result = JSON.parse(readFileSync(out, 'utf8'));
  }, TEST_TIMEOUT);

  it('exits 0 and reports a described WebGPU device', () => {
    expect(run.code, describeRun(run)).toBe(0);
    expect(result?.device.kind).toBe('webgpu');
    expect(typeof result.device.description).toBe('string');
    expect(result.device.description.trim()).not.toBe('');
  });

  it('records the three checkpoints and agrees with the Euler–Maruyama law within 5 standard errors', () => {
    expect(result.runs[0].series.mean).toHaveLength(3);
    expect(result.runs[0].closedForm.maxAbsZ).toBeLessThan(5);
  });

  it("filters Dawn's warnings out of stderr", () => {
    expect(run.stderr).not.toMatch(/^Warning:/m);
  });

  it('shows no progress bar when stderr is piped', () => {
    expect(run.stderr).not.toMatch(BAR_CHARACTERS);
    expect(run.stderr).not.toMatch(/\[[^\]\n]*\]\s*\d+%/);
  });
});

describe('sdeflow devices and --help', () => {
  it(
    'devices exits 0 and prints a line for the gles backend',
    async () => {
      const r = await sdeflow('devices');
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout).toMatch(/^gles\s+\S/m);
    },
    TEST_TIMEOUT,
  );

  it(
    '--help lists the run, merge, devices and bench commands',
    async () => {
      const r = await sdeflow('--help');
      expect(r.code, describeRun(r)).toBe(0);
      for (const command of ['run', 'merge', 'devices', 'bench']) {
        expect(r.stdout, command).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
      }
    },
    TEST_TIMEOUT,
  );
});
