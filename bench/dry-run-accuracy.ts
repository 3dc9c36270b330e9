// How far `sdeflow run FILE --dry-run`'s estimated time is from the real run,
// for every example in experiments/ (or the files given): the dry run's total,
// then the wall time of `sdeflow run FILE --quiet --out TMP` (the report built
// and written, as a user runs it), one right after the other on this machine so
// that both see the same load. A ratio beyond 2× either way is measured once
// more (the machine may have been busy) and the second pair is kept. Prints a
// row per file as it goes, then a Markdown table, and writes the rows (with each
// dry run's printout) to bench/results/dry-run-accuracy.json (or --out F), after
// every file. A measurement, not a test:
// timings depend on the machine and on what else runs on it.
//
//   npm run build && node --import ./scripts/register-sources.mjs bench/dry-run-accuracy.ts \
//     [--out F] [--timeout S] [--sdeflow bin/sdeflow.mjs] [FILE…]
//
// An example whose estimate is beyond --longest S (default 300) is measured with
// fewer trajectories, the same `--trajectories N` given to the dry run and to
// the real run, N cut so that the estimate is about S/2; the row says so.
// --timeout S stops a real run after S seconds (default 600) and records it as
// longer than that; --sdeflow runs another build of the command line (e.g. a
// copy, when others rebuild dist/ meanwhile).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';

interface Row {
  file: string;
  /** Measured with `--trajectories` this many (the file's estimate was beyond --longest). */
  trajectories?: number;
  /** The file's own estimate, where it was measured with fewer trajectories. */
  fileEstimateSeconds?: number;
  estimateSeconds?: number;
  /** The dry run's printout (of the measured file: reduced where `trajectories` says so). */
  plan?: string;
  realSeconds?: number;
  ratio?: number;
  /** Measured twice: the first pair was beyond 2×. */
  remeasured?: { estimateSeconds: number; realSeconds: number; ratio: number };
  error?: string;
}

const UNIT: Record<string, number> = { ms: 1e-3, s: 1, min: 60, h: 3600, days: 86400 };

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
}

const args = process.argv.slice(2);
const out = option(args, '--out') ?? 'bench/results/dry-run-accuracy.json';
const timeoutSeconds = Number(option(args, '--timeout') ?? 600);
const longestSeconds = Number(option(args, '--longest') ?? 300);
const sdeflow = option(args, '--sdeflow') ?? 'bin/sdeflow.mjs';
const files = args.length > 0 ? args : readdirSync('experiments').filter((f) => f.endsWith('.json')).sort().map((f) => `experiments/${f}`);
const scratch = mkdtempSync(join(tmpdir(), 'dry-run-accuracy-'));

const cli = (argv: string[], timeoutMs?: number) =>
  spawnSync(process.execPath, [sdeflow, ...argv], { encoding: 'utf8', maxBuffer: 64 << 20, ...(timeoutMs ? { timeout: timeoutMs, killSignal: 'SIGTERM' } : {}) });
/** A run stopped at the timeout. SIGTERM, which bin/sdeflow.mjs relays to the process it runs: a SIGKILL would leave that one running. */
const timedOut = (r: ReturnType<typeof cli>) => (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';

const within2x = (ratio: number) => ratio <= 2 && ratio >= 0.5;

/** The dry run's estimated total in seconds and its printout, or why there is none. */
function estimate(file: string, reduced: string[]): { seconds: number; plan: string } | string {
  const dry = cli(['run', file, '--dry-run', ...reduced], timeoutSeconds * 1000);
  const match = dry.stdout?.match(/estimated time ([\d.]+) (ms|s|min|h|days)/);
  if (timedOut(dry)) return `the dry run itself ran past ${timeoutSeconds} s (stopped)`;
  if (dry.status !== 0 || !match) return `dry run exit ${dry.status ?? dry.signal}: ${dry.stderr?.trim().split('\n')[0] ?? ''}`;
  return { seconds: Number(match[1]) * UNIT[match[2]], plan: dry.stdout };
}

/**
 * One dry run then one real run (with fewer trajectories, both, when the file's
 * estimate is beyond --longest); a row with an error where either fails or the
 * run outlasts the timeout.
 */
function measure(file: string): Row {
  const whole = estimate(file, []);
  if (typeof whole === 'string') return { file, error: whole };
  let reduced: string[] = [];
  let trajectories: number | undefined;
  let { seconds: estimateSeconds, plan } = whole;
  if (whole.seconds > longestSeconds) {
    const declared = (JSON.parse(readFileSync(file, 'utf8')) as { trajectories: number }).trajectories;
    trajectories = Math.max(1, Math.floor((declared * longestSeconds) / 2 / whole.seconds));
    reduced = ['--trajectories', String(trajectories)];
    const cut = estimate(file, reduced);
    if (typeof cut === 'string') return { file, error: cut };
    ({ seconds: estimateSeconds, plan } = cut);
  }
  const shape = { ...(trajectories !== undefined ? { trajectories, fileEstimateSeconds: whole.seconds } : {}), plan };
  const started = performance.now();
  const real = cli(['run', file, ...reduced, '--quiet', '--out', join(scratch, `${basename(file, '.json')}.result.json`)], timeoutSeconds * 1000);
  const realSeconds = (performance.now() - started) / 1000;
  if (timedOut(real)) return { file, ...shape, estimateSeconds, error: `real run longer than ${timeoutSeconds} s (stopped)` };
  if (real.status !== 0) return { file, ...shape, estimateSeconds, error: `run exit ${real.status}: ${real.stderr.trim().split('\n')[0]}` };
  return { file, ...shape, estimateSeconds, realSeconds, ratio: estimateSeconds / realSeconds };
}

const seconds = (s: number | undefined) => (s === undefined ? '-' : s < 10 ? s.toFixed(2) : s.toFixed(1));

function line(row: Row): string {
  if (row.error) return `${row.file}: ${row.error}`;
  const again = row.remeasured ? `   (first pair: ${seconds(row.remeasured.estimateSeconds)} s / ${seconds(row.remeasured.realSeconds)} s, ratio ${row.remeasured.ratio.toFixed(2)})` : '';
  const cut = row.trajectories !== undefined ? `   (--trajectories ${row.trajectories}; the file's estimate ${seconds(row.fileEstimateSeconds)} s)` : '';
  return `${row.file.padEnd(52)} estimate ${seconds(row.estimateSeconds).padStart(7)} s   real ${seconds(row.realSeconds).padStart(7)} s   ratio ${row.ratio!.toFixed(2)}${within2x(row.ratio!) ? '' : '   (beyond 2×)'}${cut}${again}`;
}

const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`;
const date = new Date().toISOString();
/** The rows so far, written after each file so that an interrupted measurement keeps what it measured. */
const save = (rows: Row[]) => writeFileSync(out, JSON.stringify({ machine, date, timeoutSeconds, longestSeconds, rows }, null, 2) + '\n');

const rows: Row[] = [];
for (const file of files) {
  let row = measure(file);
  if (row.ratio !== undefined && !within2x(row.ratio)) {
    const again = measure(file);
    if (again.ratio !== undefined) row = { ...again, remeasured: { estimateSeconds: row.estimateSeconds!, realSeconds: row.realSeconds!, ratio: row.ratio } };
  }
  rows.push(row);
  save(rows);
  console.log(line(row));
}
rmSync(scratch, { recursive: true, force: true });

const ok = rows.filter((r) => r.ratio !== undefined);
const worst = ok.reduce<Row | undefined>((w, r) => (Math.abs(Math.log(r.ratio!)) > Math.abs(Math.log(w?.ratio ?? 1)) ? r : w), undefined);
const summary = `${ok.length} of ${rows.length} measured; within 2×: ${ok.filter((r) => within2x(r.ratio!)).length}; worst ratio ${worst ? `${worst.ratio!.toFixed(2)} (${worst.file})` : '-'}`;
console.log(`\n| example | estimate (s) | real (s) | estimate / real |\n|---|---:|---:|---:|`);
for (const r of rows) {
  const name = basename(r.file, '.json') + (r.trajectories !== undefined ? ` (--trajectories ${r.trajectories}; whole file estimated ${seconds(r.fileEstimateSeconds)} s)` : '');
  console.log(r.error ? `| ${name} | ${seconds(r.estimateSeconds)} | ${r.error} | - |` : `| ${name} | ${seconds(r.estimateSeconds)} | ${seconds(r.realSeconds)} | ${r.ratio!.toFixed(2)}${within2x(r.ratio!) ? '' : ' (beyond 2×)'}${r.remeasured ? ` (remeasured; first ${r.remeasured.ratio.toFixed(2)})` : ''} |`);
}
console.log(`\n${summary}`);
console.log(`wrote ${out}`);
