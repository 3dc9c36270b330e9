import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, describeRun, sdeflow, type CliResult } from '../support/cli';
import { compareResults, type MergeDifference } from '../support/compare-results';

/**
 * The scale-out tier: experiments/scale-out.json run by real job engines, a
 * single-node Slurm cluster (scripts/start-slurm.sh) through deploy/slurm/ and
 * GNU parallel, with the shards running the CLI as a user's would
 * (`npx sdeflow` from the project). Each merged result must equal the unsharded
 * run: counts exactly, moments to float64 rounding. scripts/test.mjs selects this
 * folder only where a Slurm controller answers and `parallel` is installed.
 */

const EXPERIMENT = join(ROOT, 'experiments/scale-out.json');
const SHARDS = 4;
const REQUEUED = 0;
const ENGINE_TIMEOUT = 600_000;

let scratch: string;
let whole: CliResult;
let wholeResult: any;
const report: string[] = [];

const sh = (command: string, args: string[]) => execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `scontrol show job ID` as key=value pairs (the first record). */
function jobFields(id: string): Record<string, string> {
  const text = sh('scontrol', ['show', 'job', '-o', id]).split('\n')[0];
  return Object.fromEntries(text.split(/\s+/).filter((w) => w.includes('=')).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
}

/** Waits until `ready()` holds, checking every 200 ms; fails with `what` after `ms`. */
async function waitFor(what: string, ready: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function describeMerge(label: string, shards: number, seconds: number, difference: MergeDifference): string {
  return `${label}: ${shards} shards, ${seconds.toFixed(1)} s from submission to merged result; max relative difference to the unsharded run ${difference.moments.toExponential(2)} (scaled by max(|value|, SE·√n): ${difference.scaled.toExponential(2)})`;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'sdeflow-scale-out-'));
  const started = performance.now();
  whole = await sdeflow(['run', EXPERIMENT, '--out', join(scratch, 'whole.json'), '--quiet'], ENGINE_TIMEOUT - 10_000);
  if (whole.code === 0) wholeResult = readJson(join(scratch, 'whole.json'));
  report.push(`unsharded run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, ENGINE_TIMEOUT);

afterAll(() => {
  console.log(`scale-out tier (experiments/scale-out.json):\n  ${report.join('\n  ')}`);
  rmSync(scratch, { recursive: true, force: true });
});

describe('experiments/scale-out.json under a Slurm array (deploy/slurm/submit.sh)', () => {
  it(`the merged result of ${SHARDS} array tasks equals the unsharded run, with task ${REQUEUED} killed and requeued mid-shard (resumed from its checkpoint)`, async () => {
    expect(whole.code, describeRun(whole)).toBe(0);
    const results = join(scratch, 'slurm');
    const started = performance.now();
    const submitted = sh('bash', ['deploy/slurm/submit.sh', EXPERIMENT, String(SHARDS), results]);
    const [arrayJob, mergeJob] = readFileSync(join(results, 'jobs'), 'utf8').trim().split(' ');
    expect(submitted).toContain(`shards: job ${arrayJob}`);
    const task = `${arrayJob}_${REQUEUED}`;
    const checkpoint = join(results, `shard-${REQUEUED}.ckpt`);

    // Mid-shard: the task's checkpoint is first written when its first of two runs finishes.
    await waitFor(`task ${task} to write its checkpoint`, () => existsSync(checkpoint), ENGINE_TIMEOUT / 2);
    expect(jobFields(task).JobState).toBe('RUNNING');
    sh('scontrol', ['requeue', task]);
    // Slurm holds a requeued job back two minutes (EligibleTime); let it start again at once.
    await waitFor(`task ${task} to be requeued`, () => jobFields(task).JobState === 'PENDING', 60_000);
    sh('scontrol', ['update', `JobId=${task}`, 'StartTime=now']);

    await waitFor(`merge job ${mergeJob} to end`, () => sh('squeue', ['-h', '-j', mergeJob]).trim() === '', ENGINE_TIMEOUT / 2);
    const seconds = (performance.now() - started) / 1000;
    const mergeLog = join(results, 'merge.log');
    const merge = jobFields(mergeJob);
    expect(merge.JobState, existsSync(mergeLog) ? readFileSync(mergeLog, 'utf8') : 'no merge log').toBe('COMPLETED');

    const requeued = jobFields(task);
    expect(requeued.JobState).toBe('COMPLETED');
    expect(requeued.Restarts).toBe('1');
    const log = readFileSync(join(results, `shard-${REQUEUED}.log`), 'utf8');
    expect(log).toMatch(/DUE TO JOB REQUEUE/);
    expect(log).toMatch(/resuming scale-out from .*: 1 of 2 runs finished/);

    const merged = readJson(join(results, 'all.json'));
    expect(merged.shards).toBe(SHARDS);
    expect(merged.experimentHash).toBe(wholeResult.experimentHash);
    const { problems, difference } = compareResults(wholeResult, merged);
    expect(problems).toEqual([]);
    report.push(describeMerge('Slurm array', SHARDS, seconds, difference) + `; task ${REQUEUED} requeued once and resumed: result unchanged`);
  }, ENGINE_TIMEOUT);
});

describe('experiments/scale-out.json under GNU parallel (the command in deploy/README.md)', () => {
  it(`the merged result of ${SHARDS} shards run by parallel equals the unsharded run`, async () => {
    expect(whole.code, describeRun(whole)).toBe(0);
    const results = join(scratch, 'parallel');
    const started = performance.now();
    sh('mkdir', ['-p', results]);
    const shards = Array.from({ length: SHARDS }, (_, i) => String(i));
    sh('parallel', ['--halt', 'now,fail=1', '-j', '2', `npx --no-install sdeflow run ${EXPERIMENT} --shard {}/${SHARDS} --out ${results}/part-{}.json --quiet`, ':::', ...shards]);
    const parts = shards.map((i) => join(results, `part-${i}.json`));
    const merge = await sdeflow(['merge', ...parts, '--out', join(results, 'all.json'), '--quiet'], ENGINE_TIMEOUT / 2);
    expect(merge.code, describeRun(merge)).toBe(0);
    const seconds = (performance.now() - started) / 1000;
    const merged = readJson(join(results, 'all.json'));
    expect(merged.shards).toBe(SHARDS);
    const { problems, difference } = compareResults(wholeResult, merged);
    expect(problems).toEqual([]);
    report.push(describeMerge('GNU parallel -j 2', SHARDS, seconds, difference));
  }, ENGINE_TIMEOUT);
});
