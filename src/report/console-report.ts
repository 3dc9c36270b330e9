import { adapterLabel } from '../gpu/adapter-description';
import type { ExperimentResult, RunResult } from '../run/experiment-result';

const fmt = (x: number, digits = 6) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
const rate = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)} G` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : `${(x / 1e3).toFixed(1)} k`);

/** A plain-text table per run: final moments against the closed form, divergence, reference check, speed. */
export function formatConsoleReport(result: ExperimentResult): string {
  const lines = [`${result.name} — seed ${JSON.stringify(result.seed)}, ${adapterLabel(result.device)}`, ''];
  for (const run of result.runs) lines.push(...formatRun(run), '');
  const citations = [...new Set(result.runs.map((r) => r.citation))];
  lines.push('Methods: ' + citations.join('; '));
  return lines.join('\n');
}

function formatRun(run: RunResult): string[] {
  const last = run.series.step.length - 1;
  const t = run.series.t[last];
  const head = `${run.label}: ${run.trajectories} trajectories × ${run.steps} steps, t = ${fmt(t, 4)}` + (run.sweep ? `, ${run.sweep.param} = ${JSON.stringify(run.sweep.value)}` : '');
  const out = [head];
  const cf = run.closedForm;
  const rows: string[][] = [['coord', 'mean', cf ? 'exact mean' : '', cf ? 'z' : '', 'variance', cf ? 'exact var' : '', cf ? 'z' : '']];
  const dims = run.series.mean?.[last]?.length ?? run.series.variance?.[last]?.length ?? 0;
  for (let i = 0; i < dims; i++) {
    rows.push([
      `x${i}`,
      run.series.mean ? fmt(run.series.mean[last][i]) : '',
      cf ? fmt(cf.mean[last][i]) : '',
      cf ? fmt(cf.zMean[last][i], 3) : '',
      run.series.variance ? fmt(run.series.variance[last][i]) : '',
      cf ? fmt(cf.variance[last][i]) : '',
      cf ? fmt(cf.zVariance[last][i], 3) : '',
    ]);
  }
  out.push(...table(rows).map((l) => '  ' + l));
  if (cf) out.push(`  closed form: ${cf.name}; max |z| over all ${run.series.step.length} checkpoints = ${fmt(cf.maxAbsZ, 3)}`);
  if (run.diverged > 0) out.push(`  diverged: ${run.diverged} trajectories (NaN/Inf; excluded from the moments)`);
  if (run.reference) {
    out.push(`  float64 reference on ${run.reference.trajectories} trajectories: max |Δ| = ${run.reference.maxAbsDifference.toExponential(2)}, RMS = ${run.reference.rmsDifference.toExponential(2)}`);
  }
  out.push(`  ${rate(run.timing.trajectoryStepsPerSecond)} trajectory-steps/s (${run.timing.seconds.toFixed(2)} s)`);
  return out;
}

function table(rows: string[][]): string[] {
  const keep = rows[0].map((_, c) => rows.some((r) => r[c] !== ''));
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (keep[c] ? cell.padStart(widths[c]) : '')).filter((_, c) => keep[c]).join('  '));
}
