// The figure of scripts/minibatch-flow-report.ts: errors against the step h
// (log-log, 95% bars, the fitted slope ± SE in the legend) and against time
// (95% bands), from scripts/minibatch-flow/minibatch-flow-errors.ts.
import type { TopLevelSpec } from 'vega-lite';
import { adapterLabel } from '../../src/gpu/adapter-description';
import { Z95 } from '../../src/stats/intervals';
import type { MinibatchFlowErrors, StepCurve, TimeCurve } from '../minibatch-flow/minibatch-flow-errors';
import { clampTo, decadeDomain, decades, DECADE_LABELS, ticks125 } from './log-domain';
import { CATEGORY_COLORS } from './palette';

const H_AXIS = 'h (lr for mini-batch GD)';
const PALETTE = [...CATEGORY_COLORS, '#000000', '#aec7e8'];

const legendScale = (names: string[]) => ({ domain: names, range: PALETTE });
const yAxis = (domain: [number, number], title: string) => ({ type: 'quantitative', title, scale: { type: 'log', domain, nice: false }, axis: { values: decades(domain), labelExpr: DECADE_LABELS } });

function stepPanel(title: string, ylabel: string, curves: StepCurve[]) {
  const legend = curves.map((c) => `${c.label}: slope ${c.slope.slope.toFixed(2)} ± ${c.slope.standardError.toFixed(2)}`);
  const points = curves.flatMap((c, k) => c.points.map((p) => ({ ...p, legend: legend[k] })));
  const domain = decadeDomain(points.flatMap((p) => [p.y, p.y + Z95 * p.se]), title);
  const bars = points.map((p) => ({ ...p, lo: clampTo(domain, p.y - Z95 * p.se), hi: clampTo(domain, p.y + Z95 * p.se) }));
  const hs = points.map((p) => p.x);
  const hDomain: [number, number] = [Math.min(...hs) / 1.25, Math.max(...hs) * 1.25];
  const x = { field: 'x', type: 'quantitative', title: H_AXIS, scale: { type: 'log', domain: hDomain, nice: false }, axis: { values: ticks125(hDomain), format: '~g' } };
  const color = { field: 'legend', type: 'nominal', scale: legendScale(legend) };
  return {
    title,
    width: 360,
    height: 260,
    layer: [
      { data: { values: bars }, mark: 'rule', encoding: { x, y: { ...yAxis(domain, ylabel), field: 'lo' }, y2: { field: 'hi' }, color } },
      { data: { values: points }, mark: { type: 'line', point: { filled: true, size: 20 }, strokeWidth: 1.5 }, encoding: { x, y: { ...yAxis(domain, ylabel), field: 'y' }, color, order: { field: 'x' } } },
    ],
  };
}

function timePanel(title: string, ylabel: string, curves: TimeCurve[]) {
  const rows = curves.flatMap((c) => c.t.map((t, i) => ({ legend: c.label, t, y: c.y[i], se: c.se[i] }))).filter((r) => r.t > 0 && r.y > 0);
  const domain = decadeDomain(rows.flatMap((r) => [r.y, r.y + Z95 * r.se]), title);
  // A lower band edge at or below 0 is drawn at 1/1000 of the value (a log axis has no 0).
  const band = rows.map((r) => ({ ...r, lo: clampTo(domain, Math.max(r.y - Z95 * r.se, r.y * 1e-3)), hi: clampTo(domain, r.y + Z95 * r.se) }));
  const x = { field: 't', type: 'quantitative', title: 't' };
  const color = { field: 'legend', type: 'nominal', scale: legendScale(curves.map((c) => c.label)), legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  return {
    title,
    width: 360,
    height: 260,
    layer: [
      { data: { values: band }, mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { ...yAxis(domain, ylabel), field: 'lo' }, y2: { field: 'hi' }, color } },
      { data: { values: rows }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y: { ...yAxis(domain, ylabel), field: 'y' }, color } },
    ],
  };
}

/** The Vega-Lite spec: up to five panels, two per row, each with its own legend. */
export function minibatchFlowFigure(errors: MinibatchFlowErrors): TopLevelSpec {
  const { curves, timeCurves } = errors;
  const panels = [
    curves.some((c) => c.panel === 'h') && stepPanel('error vs step h (log-log), final time', 'E(v − u)² or E‖x − x*‖²', curves.filter((c) => c.panel === 'h')),
    curves.some((c) => c.panel === 'bias') && stepPanel('constrained, LASSO: bias ‖E x − x*‖ vs h', '‖E x − x*‖', curves.filter((c) => c.panel === 'bias')),
    curves.some((c) => c.panel === 'heat') && stepPanel('heat: relative errors vs h at T = 0.05', 'relative RMS / mean error', curves.filter((c) => c.panel === 'heat')),
    timeCurves.some((c) => c.panel !== 'heat') && timePanel('E‖x − x*‖² vs time (95% band)', 'E‖x − x*‖²', timeCurves.filter((c) => c.panel !== 'heat')),
    timeCurves.some((c) => c.panel === 'heat') && timePanel('heat: relative RMS error vs time (95% band)', '‖v − u‖/‖u‖ (RMS)', timeCurves.filter((c) => c.panel === 'heat')),
  ].filter((p) => p !== false);
  if (panels.length === 0) throw new Error('minibatchFlowFigure: no curves (no minibatch-flow-* or rmm-* results)');
  return {
    title: { text: 'Mini-batch descent flow and RMM', ...(errors.device ? { subtitle: adapterLabel(errors.device) } : {}), anchor: 'start', fontSize: 14, offset: 12 },
    concat: panels,
    columns: 2,
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    config: { font: 'sans-serif', legend: { labelLimit: 0, orient: 'bottom', direction: 'vertical', title: null, labelFontSize: 10 } },
  } as TopLevelSpec;
}
