#!/usr/bin/env node
// How far `sdeflow run FILE --dry-run`'s estimated time is from the real run,
// for every example in experiments/ (or the files given): the dry run's total,
// then the wall time of `sdeflow run FILE --quiet`, one after the other on this
// machine. Prints a row per file as it goes and writes the rows to
// bench/results/dry-run-accuracy.json (or --out F). A measurement, not a test:
// timings depend on the machine and on what else runs on it.
//
//   npm run build && node bench/dry-run-accuracy.mjs [--out F] [FILE…]
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : 'bench/results/dry-run-accuracy.json';
const files = args.length > 0 ? args : readdirSync('experiments').filter((f) => f.endsWith('.json')).sort().map((f) => `experiments/${f}`);

const UNIT = { ms: 1e-3, s: 1, min: 60, h: 3600, days: 86400 };
const cli = (...argv) => spawnSync(process.execPath, ['bin/sdeflow.mjs', ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });

const rows = [];
for (const file of files) {
  const dry = cli('run', file, '--dry-run');
  const match = dry.stdout.match(/estimated time ([\d.]+) (ms|s|min|h|days)/);
  if (dry.status !== 0 || !match) {
    console.log(`${file}: the dry run failed (exit ${dry.status})\n${dry.stderr}`);
    rows.push({ file, error: `dry run exit ${dry.status}` });
    continue;
  }
  const estimate = Number(match[1]) * UNIT[match[2]];
  const started = performance.now();
  const real = cli('run', file, '--quiet');
  const seconds = (performance.now() - started) / 1000;
  if (real.status !== 0) {
    console.log(`${file}: the run failed (exit ${real.status})\n${real.stderr}`);
    rows.push({ file, estimate, error: `run exit ${real.status}` });
    continue;
  }
  const ratio = estimate / seconds;
  rows.push({ file, estimateSeconds: estimate, realSeconds: seconds, ratio });
  console.log(`${file.padEnd(52)} estimate ${estimate.toFixed(1).padStart(7)} s   real ${seconds.toFixed(1).padStart(7)} s   ratio ${ratio.toFixed(2)}${ratio > 2 || ratio < 0.5 ? '   (beyond 2×)' : ''}`);
}
const ok = rows.filter((r) => r.ratio !== undefined);
const worst = ok.reduce((w, r) => (Math.abs(Math.log(r.ratio)) > Math.abs(Math.log(w?.ratio ?? 1)) ? r : w), undefined);
console.log(`${ok.length} of ${rows.length} measured; within 2×: ${ok.filter((r) => r.ratio <= 2 && r.ratio >= 0.5).length}; worst ratio ${worst ? `${worst.ratio.toFixed(2)} (${worst.file})` : '-'}`);
writeFileSync(out, JSON.stringify({ machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`, date: new Date().toISOString(), rows }, null, 2) + '\n');
console.log(`wrote ${out}`);
