import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, describeRun, sdeflow as runCli, type CliResult } from '../support/cli';
import { compareResults, type MergeDifference } from '../support/compare-results';

/**
 * `sdeflow run --shard i/n`, `sdeflow merge` and `--csv`, through the real command
 * line. The experiment (test/cli/fixtures/ou-shards.json) is a 1-D OU by
 * Euler–Maruyama on 5376 = 7·256·3 trajectories × 40 steps, recording every
 * observable, two regions and a first-exit time, so that 2, 3 and 7 shards all
 * cut it on reduction-block boundaries.
 */

const SHARDED = 'test/cli/fixtures/ou-shards.json';
const OTHER = 'test/fixtures/experiments/ou-1d-tiny.json';
const SHARD_COUNTS = [2, 3, 7];
const TEST_TIMEOUT = 120_000;
const SETUP_TIMEOUT = 300_000;
/** Runs `node bin/sdeflow.mjs ARGS` from the repository root with piped output. */
const sdeflow = (...args: string[]) => runCli(args, SETUP_TIMEOUT - 10_000);

/** Runs the commands at most `width` at a time (the CI machine has two cores). */
async function pool(commands: string[][], width = 3): Promise<CliResult[]> {
  const results: CliResult[] = new Array(commands.length);
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const k = next++;
      results[k] = await sdeflow(...commands[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, commands.length) }, worker));
  return results;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

let scratch: string;
const partPath = (n: number, i: number) => join(scratch, `part-${n}-${i}.json`);
let whole: CliResult;
let wholeResult: any;
const shardRuns = new Map<string, CliResult>();
let foreign: CliResult;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'sdeflow-shard-test-'));
  const commands: string[][] = [['run', SHARDED, '--out', join(scratch, 'whole.json'), '--csv', join(scratch, 'csv-whole')]];
  const keys = ['whole'];
  for (const n of SHARD_COUNTS) {
    for (let i = 0; i < n; i++) {
      commands.push(['run', SHARDED, '--shard', `${i}/${n}`, '--out', partPath(n, i)]);
      keys.push(`${i}/${n}`);
    }
  }
  // Shard 1/2 of a different experiment, for the fingerprint check.
  commands.push(['run', OTHER, '--shard', '1/2', '--out', join(scratch, 'foreign-1-2.json'), '--quiet']);
  keys.push('foreign');
  const results = await pool(commands);
  keys.forEach((key, k) => {
    if (key === 'whole') whole = results[k];
    else if (key === 'foreign') foreign = results[k];
    else shardRuns.set(key, results[k]);
  });
  if (whole.code === 0) wholeResult = readJson(join(scratch, 'whole.json'));
}, SETUP_TIMEOUT);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Largest relative differences found per shard count, by kind of quantity (reported at the end). */
const measured = new Map<number, MergeDifference>();

describe('sdeflow run --shard i/n and sdeflow merge', () => {
  it('runs the whole experiment and every shard, printing a one-line summary per shard', () => {
    expect(whole.code, describeRun(whole)).toBe(0);
    for (const [key, r] of shardRuns) {
      expect(r.code, `${key}\n${describeRun(r)}`).toBe(0);
      expect(existsSync(partPath(Number(key.split('/')[1]), Number(key.split('/')[0]))), key).toBe(true);
    }
    // 5376 / 3 = 1792 = 7·256: shard 1/3 runs trajectories [1792, 3584).
    expect(shardRuns.get('1/3')!.stdout.trim()).toMatch(/^shard 1\/3 of .*: trajectories \[1792, 3584\) of 5376, 1 run, [\d.]+ s$/);
    expect(shardRuns.get('1/3')!.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each(SHARD_COUNTS)(
    'merging the %i parts (in any order) equals the unsharded run: counts exactly, moments to 1e-12',
    async (n) => {
      const out = join(scratch, `merged-${n}.json`);
      const parts = Array.from({ length: n }, (_, i) => partPath(n, i)).reverse();
      const r = await sdeflow('merge', ...parts, '--out', out, '--quiet');
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout).toBe('');
      const merged = readJson(out);
      expect(merged.format).toBe('sdeflow-result/v1');
      expect(merged.shards).toBe(n);
      expect(merged.experimentHash).toBe(wholeResult.experimentHash);
      expect(merged.runs).toHaveLength(wholeResult.runs.length);
      const { problems, difference } = compareResults(wholeResult, merged);
      expect(problems).toEqual([]);
      measured.set(n, difference);
    },
    TEST_TIMEOUT,
  );

  it('prints the same report for a merged run as for the unsharded one, with the shard count', async () => {
    const r = await sdeflow('merge', ...[0, 1].map((i) => partPath(2, i)), '--out', join(scratch, 'merged-2-again.json'));
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/merged from 2 shards/);
    const table = (text: string) => text.split('\n').filter((l) => /^\s+(mean|variance|loss|distance|fraction|exited) /.test(l));
    expect(table(r.stdout)).toEqual(table(whole.stdout));
  }, TEST_TIMEOUT);

  afterAll(() => {
    const lines = [...measured].map(([n, m]) => `  ${n} shards: max relative difference ${m.moments.toExponential(2)} (scaled by max(|value|, SE·√n): ${m.scaled.toExponential(2)})`);
    if (lines.length > 0) console.log(`merged vs unsharded moments:\n${lines.join('\n')}`);
  });
});

describe('sdeflow merge refuses what does not belong together (exit 2, nothing written)', () => {
  it('parts of different experiments, naming both fingerprints', async () => {
    expect(foreign.code, describeRun(foreign)).toBe(0);
    const out = join(scratch, 'mixed.json');
    const r = await sdeflow('merge', partPath(2, 0), join(scratch, 'foreign-1-2.json'), '--out', out);
    expect(r.code, describeRun(r)).toBe(2);
    const ours = readJson(partPath(2, 0)).experimentHash;
    const theirs = readJson(join(scratch, 'foreign-1-2.json')).experimentHash;
    expect(ours).not.toBe(theirs);
    expect(r.stderr).toContain('different experiments');
    expect(r.stderr).toContain(ours);
    expect(r.stderr).toContain(theirs);
    expect(r.stderr).toMatch(/^hint: /m);
    expect(existsSync(out)).toBe(false);
  }, TEST_TIMEOUT);

  it('a part drawn with another random-number stream version (a stream version 1 part has no rngStreamVersion), naming the versions', async () => {
    const old = readJson(partPath(2, 1));
    delete old.rngStreamVersion;
    const oldPath = join(scratch, 'stream-v1-1-2.json');
    writeFileSync(oldPath, JSON.stringify(old));
    const out = join(scratch, 'mixed-streams.json');
    const r = await sdeflow('merge', partPath(2, 0), oldPath, '--out', out);
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stderr).toMatch(/part 2 \(shard 1\/2\) was drawn with random-number stream version 1, and this sdeflow draws version 2/);
    expect(existsSync(out)).toBe(false);
  }, TEST_TIMEOUT);

  it('sdeflow run refuses --shard on a file with a multilevel estimator (its samples per level are chosen as it goes), exit 2 before anything runs', async () => {
    const out = join(scratch, 'mlmc-part.json');
    const r = await sdeflow('run', join(ROOT, 'experiments/mlmc-ou.json'), '--shard', '0/2', '--out', out);
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stderr).toMatch(/multilevel Monte Carlo \("estimator"\) .* runs whole, not in shards/);
    expect(existsSync(out)).toBe(false);
  }, TEST_TIMEOUT);

  it('a shard given twice', async () => {
    const out = join(scratch, 'twice.json');
    const r = await sdeflow('merge', partPath(2, 0), partPath(2, 0), '--out', out);
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stderr).toMatch(/shard 0\/2 is given twice/);
    expect(existsSync(out)).toBe(false);
  }, TEST_TIMEOUT);

  it('a missing shard', async () => {
    const out = join(scratch, 'missing.json');
    const r = await sdeflow('merge', partPath(3, 0), partPath(3, 2), '--out', out);
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stderr).toMatch(/shard 1\/3 missing/);
    expect(existsSync(out)).toBe(false);
  }, TEST_TIMEOUT);

  it('a part file that is missing or not JSON, naming it', async () => {
    const missing = join(scratch, 'no-such-part.json');
    const notJson = join(scratch, 'not-json.json');
    writeFileSync(notJson, 'step,t\n0,0\n');
    for (const bad of [missing, notJson]) {
      const r = await sdeflow('merge', partPath(2, 0), bad, '--out', join(scratch, 'bad.json'));
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toContain(bad);
    }
    expect(existsSync(join(scratch, 'bad.json'))).toBe(false);
  }, TEST_TIMEOUT);
});

describe('sdeflow run --shard: invalid input is refused before anything runs (exit 2)', () => {
  it('--shard without --out', async () => {
    const r = await sdeflow('run', SHARDED, '--shard', '0/2');
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stderr).toMatch(/--shard needs --out/);
    expect(r.stdout).toBe('');
  }, TEST_TIMEOUT);

  it.each([
    ['abc', /--shard must look like i\/n/],
    ['2', /--shard must look like i\/n/],
    ['2/2', /0 ≤ i < n/],
    ['0/0', /0 ≤ i < n/],
    // 5376 trajectories are 21 blocks of 256: a 22nd shard would be empty.
    ['0/22', /would be empty.*at most 21 shards/],
  ])(
    '--shard %s',
    async (value, message) => {
      const out = join(scratch, `bad-shard.json`);
      const r = await sdeflow('run', SHARDED, '--shard', value, '--out', out);
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    },
    TEST_TIMEOUT,
  );
});

describe('--csv DIR', () => {
  const header = (text: string) => text.split('\n')[0];
  const rows = (text: string) => text.trimEnd().split('\n').slice(1);

  it('writes the series, exit times and histograms of the run, one series row per checkpoint', () => {
    const dir = join(scratch, 'csv-whole');
    expect(readdirSync(dir).sort()).toEqual(['escape-times-0.csv', 'histogram-0.csv', 'run-0-em-dt-0-05.csv']);
    const series = readFileSync(join(dir, 'run-0-em-dt-0-05.csv'), 'utf8');
    expect(header(series)).toBe(
      'step,t,count,diverged,mean_x0,mean_x0_se,mean_x0_lo,mean_x0_hi,variance_x0,variance_x0_se,variance_x0_lo,variance_x0_hi,' +
        'loss,loss_se,loss_lo,loss_hi,distance,distance_se,distance_lo,distance_hi,' +
        'region_near minimum,region_near minimum_se,region_near minimum_lo,region_near minimum_hi,' +
        'region_right,region_right_se,region_right_lo,region_right_hi,' +
        'survival,survival_se,survival_lo,survival_hi',
    );
    const body = rows(series).map((r) => r.split(','));
    expect(body.map((r) => Number(r[0]))).toEqual([0, 10, 20, 30, 40]);
    expect(body.every((r) => r.length === 32)).toBe(true);
    expect(Number(body[4][4])).toBe(wholeResult.runs[0].series.mean[4][0]);
    expect(Number(body[4][6])).toBe(wholeResult.runs[0].series.meanInterval.lo[4][0]);
    expect(Number(body[4][29])).toBe(wholeResult.runs[0].escape.survival.standardError[4]);

    const escape = readFileSync(join(dir, 'escape-times-0.csv'), 'utf8');
    expect(header(escape)).toBe('t_start,t_end,count');
    const exits = rows(escape).map((r) => Number(r.split(',')[2]));
    expect(exits).toEqual(wholeResult.runs[0].escape.histogram.counts);
    expect(exits.reduce((s, x) => s + x, 0)).toBe(wholeResult.runs[0].escape.exited);

    const histogram = readFileSync(join(dir, 'histogram-0.csv'), 'utf8');
    expect(header(histogram)).toBe('step,t,quantity,bin_lo,bin_hi,count');
    const bins = rows(histogram).map((r) => r.split(','));
    expect(bins).toHaveLength(5 * (16 + 2)); // 5 checkpoints × (16 bins + underflow + overflow)
    expect(bins[0].slice(3, 5)).toEqual(['-inf', '-3']);
    for (const step of [0, 10, 20, 30, 40]) {
      const total = bins.filter((r) => Number(r[0]) === step).reduce((s, r) => s + Number(r[5]), 0);
      expect(total, `step ${step}`).toBe(5376);
    }
  });

  it('merge --csv writes the same files', async () => {
    const dir = join(scratch, 'csv-merged');
    const r = await sdeflow('merge', partPath(3, 0), partPath(3, 1), partPath(3, 2), '--out', join(scratch, 'merged-csv.json'), '--csv', dir, '--quiet');
    expect(r.code, describeRun(r)).toBe(0);
    const files = readdirSync(join(scratch, 'csv-whole')).sort();
    expect(readdirSync(dir).sort()).toEqual(files);
    for (const f of files) {
      const [a, b] = [join(scratch, 'csv-whole', f), join(dir, f)].map((p) => readFileSync(p, 'utf8'));
      expect(header(b), f).toBe(header(a));
      expect(rows(b).length, f).toBe(rows(a).length);
    }
  }, TEST_TIMEOUT);

  it('writes comparisons.csv and slopes.csv for a sweep of coupled runs, quoting labels with commas and quotes', async () => {
    const file = join(scratch, 'sweep.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'csv sweep',
        seed: 3,
        objective: { kind: 'quadratic', A: [[1]] },
        dynamics: [
          { kind: 'gradient-sde', label: 'EM, "coarse"', dt: 0.1, sigma: 1 },
          { kind: 'gradient-sde', label: 'exact', dt: 0.1, sigma: 1, integrator: 'exact' },
        ],
        x0: [1],
        trajectories: 512,
        horizon: 1,
        sweep: { dt: [0.2, 0.1] },
        record: { every: 5, observables: ['mean', 'loss'] },
      }),
    );
    const dir = join(scratch, 'csv-sweep');
    const r = await sdeflow('run', file, '--csv', dir);
    expect(r.code, describeRun(r)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['comparisons.csv', 'run-0-em-coarse.csv', 'run-1-exact.csv', 'run-2-em-coarse.csv', 'run-3-exact.csv', 'slopes.csv']);
    const comparisons = readFileSync(join(dir, 'comparisons.csv'), 'utf8');
    expect(header(comparisons)).toBe('a,b,label_a,label_b,dt,t,quantity,value,lo,hi,se');
    expect(rows(comparisons)[0]).toMatch(/^0,1,"EM, ""coarse""",exact,0\.2,0,weak mean_x0,/);
    expect(rows(comparisons).some((row) => row.includes(',strong,'))).toBe(true);
    const slopes = readFileSync(join(dir, 'slopes.csv'), 'utf8');
    expect(header(slopes)).toBe('param,of,quantity,slope,slope_lo,slope_hi,slope_se,x,error,error_se');
    expect(rows(slopes).some((row) => row.startsWith('dt,"EM, ""coarse"" vs exact",strong,'))).toBe(true);
    expect(r.stdout).toMatch(/^Comparisons at the final checkpoint/m);
    expect(r.stdout).toMatch(/^Log-log slopes over the sweep of dt/m);
  }, TEST_TIMEOUT);
});

describe('the console report', () => {
  it('shows value, SE, 95% interval, closed form and z at the final checkpoint of an OU run with a closed form, every row in that one format', () => {
    const lines = whole.stdout.split('\n');
    expect(lines.some((l) => /^\s+statistic\s+value\s+SE\s+95% interval\s+closed form\s+z$/.test(l)), whole.stdout).toBe(true);
    const num = String.raw`-?\d+(\.\d+)?(e[-+]\d+)?`;
    const mean = lines.find((l) => /^\s+mean x0\s/.test(l));
    expect(mean).toMatch(new RegExp(`^\\s+mean x0\\s+${num}\\s+${num}\\s+\\[${num}, ${num}\\]\\s+${num}\\s+${num}$`));
    // Exit fractions and exit times carry an SE and an interval like the moments.
    for (const statistic of ['exited by T', String.raw`E\[min\(τ, T\)\]|mean exit time`]) {
      const row = lines.find((l) => new RegExp(`^\\s+(${statistic})\\s`).test(l));
      expect(row, statistic).toMatch(new RegExp(`\\s${num}\\s+${num}\\s+\\[${num}, ${num}\\]$`));
    }
    const cf = wholeResult.runs[0].closedForm;
    const z = Number(mean!.trim().split(/\s+/).at(-1));
    expect(z).toBeCloseTo(cf.zMean[4][0], 2);
    expect(whole.stdout).toMatch(/closed form \(mean, variance\): discrete law of Euler–Maruyama/);
    expect(whole.stdout).toMatch(/SE: one standard error; 95% interval: value ± 1\.96 SE; Wilson for fractions/);
    expect(whole.stdout).toMatch(/^\s+exited by T\s/m);
    expect(whole.stdout).toMatch(/restricted mean, a lower bound/);
    for (const l of lines.filter((line) => /^\s+(statistic|mean|variance|loss|distance|fraction|exited|E\[|median)/.test(line))) {
      expect(l.length, l).toBeLessThanOrEqual(100);
    }
  });
});
