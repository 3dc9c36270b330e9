// The errors of the mini-batch flow and RMM studies (docs/results/minibatch-flow.md)
// from the result files of the experiments minibatch-flow-* and rmm-*: per
// application and step h, the error at the final time against its reference —
//   scalar (docs/math.md §1d (i)):  E(v − u(1))², u(1) the exact full flow;
//   constrained, LASSO:        E‖x − x*‖² (the `distance` observable, x* the minimizer)
//                              and the bias ‖E x − x*‖;
//   heat (§1d (iv)):           relative RMS √E‖v − u‖² / ‖u‖ and relative mean error ‖E v − u‖ / ‖u‖,
//                              u(T) = e^{−λ₁T}u0 exactly (u0 is L's first eigenvector).
// The estimators are the library's (meanSquaredDeviation, biasNorm in
// src/stats/deviation-from-target.ts), and so is the slope fit (logLogSlope).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterDescription } from '../../src/gpu/adapter-description';
import type { ExperimentResult, RunResult } from '../../src/run/experiment-result';
import { biasNorm, meanSquaredDeviation, type Estimate } from '../../src/stats/deviation-from-target';
import { logLogSlope, type LogLogFit } from '../../src/stats/loglog-slope';

const U1 = -0.5 + 2.5 * Math.exp(-2);
const LASSO_X = [4 / 9, 1.06, 0];
const CONSTRAINED_X = [0.75, 0.75];

/** A point of an error-vs-h curve. */
export interface ErrorPoint {
  x: number;
  y: number;
  se: number;
}

/** An error against the step h, with its fitted log-log slope. */
export interface StepCurve {
  panel: 'h' | 'bias' | 'heat';
  label: string;
  points: ErrorPoint[];
  slope: LogLogFit;
}

/** An error against time at one step. */
export interface TimeCurve {
  panel: string;
  label: string;
  t: number[];
  y: number[];
  se: number[];
}

export interface MinibatchFlowErrors {
  curves: StepCurve[];
  timeCurves: TimeCurve[];
  /** Markdown table rows: application, method, error, values over the sweep, fitted slope (expected). */
  rows: string[];
  /** The adapter of the first result found. */
  device?: AdapterDescription;
}

/**
 * The log-log slope of a curve by the library's logLogSlope: weighted by the
 * standard errors when every point has one > 0, unweighted otherwise (as sweepSlopes does).
 */
export function stepSlope(points: readonly ErrorPoint[]): LogLogFit {
  const weighted = points.every((p) => p.se > 0);
  return logLogSlope(points.map((p) => (weighted ? { x: p.x, y: p.y, standardError: p.se } : { x: p.x, y: p.y })));
}

const last = <T>(a: readonly T[]): T => a[a.length - 1];
const fmt = (v: number, d = 3) => (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(d - 1) : v.toPrecision(d));

/** Runs of a result grouped by dynamics item, each with its step (the swept value, else h or lr). */
function items(result: ExperimentResult): { label: string; runs: { h: number; run: RunResult }[] }[] {
  const param = result.experiment.sweep?.param;
  const groups = new Map<string, { h: number; run: RunResult }[]>();
  for (const run of result.runs) {
    const d = run.dynamics as Record<string, number>;
    if (!groups.has(run.label)) groups.set(run.label, []);
    groups.get(run.label)!.push({ h: param ? d[param] : (d.h ?? d.lr), run });
  }
  return [...groups].map(([label, runs]) => ({ label, runs }));
}

/** E‖X − u‖² at checkpoint c, from the covariance when recorded, else from the variances alone. */
function squaredDeviation(run: RunResult, c: number, u: readonly number[]): Estimate {
  const s = run.series;
  const mean = s.mean![c];
  const covariance = s.covariance?.[c] ?? mean.map((_, i) => mean.map((__, j) => (i === j ? s.variance![c][i] : 0)));
  return meanSquaredDeviation({ mean, covariance, count: s.count[c] }, u);
}

/** Heat: relative RMS and relative mean error at checkpoint c against u. */
function heatErrors(run: RunResult, c: number, u: readonly number[]): { rms: Estimate; mean: Estimate } {
  const norm2 = u.reduce((acc, v) => acc + v * v, 0);
  const mse = squaredDeviation(run, c, u);
  const bias = biasNorm(run.series.mean![c], run.series.meanStandardError![c], u);
  const rms = Math.sqrt(mse.value / norm2);
  return {
    rms: { value: rms, standardError: mse.standardError / (2 * Math.sqrt(mse.value * norm2)) },
    mean: { value: bias.value / Math.sqrt(norm2), standardError: bias.standardError / Math.sqrt(norm2) },
  };
}

/** Every error of the study found in `dir` (files missing there are skipped). */
export function minibatchFlowErrors(dir: string): MinibatchFlowErrors {
  const load = (name: string): ExperimentResult | undefined => {
    const path = join(dir, `${name}.json`);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ExperimentResult) : undefined;
  };
  const out: MinibatchFlowErrors = { curves: [], timeCurves: [], rows: [] };
  const addCurve = (panel: StepCurve['panel'], application: string, label: string, quantity: string, points: ErrorPoint[], expected: string) => {
    const slope = stepSlope(points);
    out.curves.push({ panel, label: `${application}: ${label}`, points, slope });
    out.rows.push(`| ${application} | ${label} | ${quantity} | ${points.map((p) => `${fmt(p.y)} ± ${fmt(p.se, 2)}`).join(' · ')} | ${slope.slope.toFixed(2)} ± ${slope.standardError.toFixed(2)} (${expected}) |`);
  };

  const scalar = load('minibatch-flow-scalar');
  if (scalar) {
    out.device = scalar.device;
    for (const { label, runs } of items(scalar)) {
      addCurve('h', 'scalar', label, 'E(v − u)² at t = 1', runs.map(({ h, run }) => {
        const e = squaredDeviation(run, run.series.t.length - 1, [U1]);
        return { x: h, y: e.value, se: e.standardError };
      }), '1');
    }
  }
  for (const [name, application, xStar] of [['rmm-constrained', 'constrained', CONSTRAINED_X], ['rmm-lasso', 'LASSO', LASSO_X], ['rmm-lasso-sgd', 'LASSO', LASSO_X]] as const) {
    const result = load(name);
    if (!result) continue;
    out.device ??= result.device;
    for (const { label, runs } of items(result)) {
      const end = (run: RunResult) => run.series.t.length - 1;
      addCurve('h', application, label, 'E‖x − x*‖² at the end', runs.map(({ h, run }) => ({ x: h, y: run.series.distance!.value[end(run)], se: run.series.distance!.standardError[end(run)] })), application === 'constrained' ? 'bias² ∝ h² + variance ∝ h' : '1');
      addCurve('bias', application, label, 'bias ‖E x − x*‖ at the end', runs.map(({ h, run }) => {
        const b = biasNorm(run.series.mean![end(run)], run.series.meanStandardError![end(run)], xStar);
        return { x: h, y: b.value, se: b.standardError };
      }), '1');
      const at = runs.find((r) => Math.abs(r.h - 0.01) < 1e-12) ?? runs[0];
      const series = at.run.series;
      out.timeCurves.push({ panel: application, label: `${application}: ${label}, ${name.endsWith('sgd') ? 'lr' : 'h'} = ${at.h}`, t: series.t, y: series.distance!.value, se: series.distance!.standardError });
      const m = last(series.mean!);
      out.rows.push(`| ${application} | ${label} | mean at the end, h = ${at.h} | (${m.map((v) => v.toFixed(4)).join(', ')}) vs x* = (${xStar.map((v) => v.toFixed(4)).join(', ')}) | |`);
    }
  }
  for (const name of ['minibatch-flow-heat', 'minibatch-flow-heat-sgd']) {
    const result = load(name);
    if (!result) continue;
    out.device ??= result.device;
    const x0 = result.experiment.x0 as number[] | { value: number[] };
    const u0 = Array.isArray(x0) ? x0 : x0.value;
    const hh = 1 / (u0.length + 1);
    const lambda1 = (4 / (hh * hh)) * Math.sin((Math.PI * hh) / 2) ** 2;
    const uAt = (t: number) => u0.map((v) => v * Math.exp(-lambda1 * t));
    for (const { label, runs } of items(result)) {
      const final = runs.map(({ h, run }) => ({ h, e: heatErrors(run, run.series.t.length - 1, uAt(last(run.series.t))) }));
      if (label === 'full flow') {
        out.rows.push(`| heat | full flow | relative error at T (f32, exact steps) | ≤ ${fmt(Math.max(...final.map(({ e }) => e.mean.value)), 2)} at every h | |`);
        continue;
      }
      addCurve('heat', 'heat', label, 'relative RMS ‖v − u‖/‖u‖ at T', final.map(({ h, e }) => ({ x: h, y: e.rms.value, se: e.rms.standardError })), '½');
      addCurve('heat', 'heat', label, 'relative mean error at T', final.map(({ h, e }) => ({ x: h, y: e.mean.value, se: e.mean.standardError })), '1');
      const at = runs.find((r) => Math.abs(r.h - 0.003125) < 1e-12 || Math.abs(r.h - 2e-5) < 1e-12) ?? runs[0];
      const s = at.run.series;
      const errs = s.t.map((t, c) => heatErrors(at.run, c, uAt(t)).rms);
      out.timeCurves.push({ panel: 'heat', label: `${label}, ${result.experiment.sweep?.param ?? 'h'} = ${at.h}`, t: s.t, y: errs.map((e) => e.value), se: errs.map((e) => e.standardError) });
    }
  }
  return out;
}
