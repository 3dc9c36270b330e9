// Multilevel Monte Carlo against plain Monte Carlo: for each example file with
// an `estimator` (experiments/mlmc-ou.json, experiments/mlmc-double-well.json),
// runs the estimator at several RMSE targets ε and prints, per ε, the
// estimate with its SE, the levels used, the MLMC cost and the plain Monte
// Carlo cost for the same RMSE (both in trajectory-steps), then the fitted
// log-log exponents of cost against ε (theory for Euler–Maruyama with
// additive noise: MLMC ε⁻², plain ε⁻³). For the OU file the exact E X_T² is
// known; for the double well the file's own plain run (a fine step, many
// trajectories) is the reference. Writes the rows to bench/results/mlmc.json
// (or --out F). A measurement, not a test.
//
//   node --import ./scripts/register-sources.mjs bench/mlmc.ts [--out F] [--eps 4e-3,2e-3,1e-3,5e-4] [--cpu]
import { readFileSync, writeFileSync } from 'node:fs';
import { assertExperiment, expandRuns, runExperiment } from '../src/internal';
import { requestNodeDevice } from '../src/gpu/node-device';
import { runMlmc, type MlmcResult } from '../src/run/mlmc';
import { logLogSlope } from '../src/stats/loglog-slope';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
}

const args = process.argv.slice(2);
const out = option(args, '--out') ?? 'bench/results/mlmc.json';
const targets = (option(args, '--eps') ?? '4e-3,2e-3,1e-3,5e-4').split(',').map(Number);
const onCpu = args.includes('--cpu');
const device = onCpu ? 'cpu' : await requestNodeDevice();
/** E X_1² of dX = −X dt + dW, X_0 = 1: e^−2 + (1 − e^−2)/2. */
const OU_EXACT = Math.exp(-2) + (1 - Math.exp(-2)) / 2;

interface Row {
  file: string;
  rmse: number;
  estimate: number;
  standardError: number;
  levels: number;
  converged: boolean;
  cost: number;
  plainCost: number;
  speedup: number;
  seconds: number;
  reference: number;
  referenceStandardError: number;
  mlmc: MlmcResult;
}

const rows: Row[] = [];
const report: Record<string, unknown> = { date: new Date().toISOString(), device: onCpu ? 'float64 CPU reference' : (device as { adapter: unknown }).adapter, rows };
for (const file of ['experiments/mlmc-ou.json', 'experiments/mlmc-double-well.json']) {
  const experiment = assertExperiment(JSON.parse(readFileSync(file, 'utf8')));
  const run = expandRuns(experiment)[0];
  let reference = OU_EXACT;
  let referenceStandardError = 0;
  if (!file.includes('-ou')) {
    // The file's plain run at its fine step: E f(X_T) with its SE (its bias, O(dt), is below the SEs here).
    const plain = await runExperiment({ ...experiment, estimator: undefined }, { device });
    const loss = plain.runs[0].series.loss!;
    reference = loss.value.at(-1)!;
    referenceStandardError = loss.standardError.at(-1)!;
    console.log(`${file}: fine-grid reference E f(X_T) = ${reference.toPrecision(7)} ± ${referenceStandardError.toPrecision(2)} (dt = ${run.dynamics.dt}, ${experiment.trajectories} trajectories)`);
  }
  for (const rmse of targets) {
    const start = performance.now();
    const mlmc = await runMlmc(experiment, run, { ...experiment.estimator!, rmse }, device);
    const seconds = (performance.now() - start) / 1000;
    const row: Row = {
      file,
      rmse,
      estimate: mlmc.estimate.value,
      standardError: mlmc.estimate.standardError,
      levels: mlmc.levels.length,
      converged: mlmc.converged,
      cost: mlmc.cost,
      plainCost: mlmc.plainMonteCarloCost,
      speedup: mlmc.speedup,
      seconds,
      reference,
      referenceStandardError,
      mlmc,
    };
    rows.push(row);
    console.log(
      `${file} ε = ${rmse}: ${row.estimate.toPrecision(7)} ± ${row.standardError.toPrecision(2)} (reference ${reference.toPrecision(7)}; error ${(row.estimate - reference).toExponential(2)}), ` +
        `L = ${row.levels - 1}, cost ${row.cost.toExponential(3)}, plain ${row.plainCost.toExponential(3)}, ratio ${row.speedup.toFixed(1)}×, ${seconds.toFixed(1)} s`,
    );
    writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  }
}
const exponents: Record<string, { mlmc: number; mlmcInterval: [number, number]; plain: number; plainInterval: [number, number] }> = {};
for (const file of new Set(rows.map((r) => r.file))) {
  const mine = rows.filter((r) => r.file === file);
  const m = logLogSlope(mine.map((r) => ({ x: r.rmse, y: r.cost })));
  const p = logLogSlope(mine.map((r) => ({ x: r.rmse, y: r.plainCost })));
  exponents[file] = { mlmc: m.slope, mlmcInterval: [m.lo, m.hi], plain: p.slope, plainInterval: [p.lo, p.hi] };
  console.log(`${file}: cost ∝ ε^${m.slope.toFixed(2)} [${m.lo.toFixed(2)}, ${m.hi.toFixed(2)}] (MLMC), ε^${p.slope.toFixed(2)} [${p.lo.toFixed(2)}, ${p.hi.toFixed(2)}] (plain)`);
}
report.exponents = exponents;
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
console.log(`| file | ε | estimate ± SE | reference | levels | MLMC cost | plain MC cost | plain / MLMC |`);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.file.replace('experiments/', '')} | ${r.rmse} | ${r.estimate.toPrecision(6)} ± ${r.standardError.toPrecision(2)} | ${r.reference.toPrecision(6)}${r.referenceStandardError ? ` ± ${r.referenceStandardError.toPrecision(2)}` : ''} | ${r.levels - 1} | ${r.cost.toExponential(2)} | ${r.plainCost.toExponential(2)} | ${r.speedup.toFixed(1)}× |`,
  );
}
if (device !== 'cpu') device.release();
