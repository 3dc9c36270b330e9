// The figure of scripts/plot-errors.ts: errors against a swept parameter
// (log-log), one panel per (result, quantity), one line per dynamics item,
// points with 95% error bars and, in each panel's legend, the fitted slope with
// its interval, or "Monte Carlo level" when most points are within Z95·SE of 0
// (a slope fitted to noise says nothing). Points and slopes are the result
// file's `sweepSlopes` (src/run/sweep-slopes.ts); nothing is refitted here.
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult, SweepSlope } from '../../src/run/experiment-result';
import { Z95 } from '../../src/stats/intervals';
import { clampTo, decadeDomain, decades, DECADE_LABELS } from './log-domain';
import { colorByName } from './palette';

/** One panel to draw: a result, a `sweepSlopes` quantity of it, a title. */
export interface ErrorPanel {
  result: ExperimentResult;
  quantity: string;
  title: string;
}

/** One line of a panel: the item's name, its legend text and its sweepSlopes entry. */
export interface ErrorCurve {
  key: string;
  legend: string;
  slope: SweepSlope;
}

/**
 * The curves of one panel. A pairwise quantity (`weak …`, `strong`) gives every
 * item against the file's first item; any other gives each item's model error.
 * Throws naming the quantity when the result has no such entry.
 */
export function errorCurves({ result, quantity }: ErrorPanel): ErrorCurve[] {
  const labels = result.experiment.dynamics.map((d, i) => d.label ?? `${d.kind} #${i}`);
  const pairwise = quantity.startsWith('weak ') || quantity === 'strong';
  const curves = result.sweepSlopes
    .filter((s) => s.quantity === quantity && (pairwise ? s.pair?.[0] === 0 : s.dynamicsIndex !== undefined))
    .map((s) => {
      const key = labels[pairwise ? s.pair![1] : s.dynamicsIndex!];
      const name = pairwise ? `${key} vs ${labels[0]}` : key;
      return { key, legend: `${name}: ${slopeText(s)}`, slope: s };
    });
  if (curves.length === 0) {
    const known = [...new Set(result.sweepSlopes.map((s) => s.quantity))];
    throw new Error(`${result.name} has no sweepSlopes entry with quantity ${JSON.stringify(quantity)} (it has: ${known.join(', ') || 'none'})`);
  }
  return curves;
}

/** "slope v [lo, hi]", or "Monte Carlo level (k/n within 1.96 SE of 0)" when more than half the points are. */
export function slopeText(s: SweepSlope): string {
  const atZero = s.points.filter((p) => p.y <= Z95 * p.standardError).length;
  if (atZero * 2 > s.points.length) return `Monte Carlo level (${atZero}/${s.points.length} within 1.96 SE of 0)`;
  return `slope ${s.slope.value.toFixed(2)} [${s.slope.lo.toFixed(2)}, ${s.slope.hi.toFixed(2)}]`;
}

/** The Vega-Lite spec: the panels side by side, each with slope guides 1 and 2 (dashed). */
export function errorPanelsFigure(panels: readonly ErrorPanel[], title?: string): TopLevelSpec {
  if (panels.length === 0) throw new Error('errorPanelsFigure: need at least one panel');
  const color = colorByName(panels[0].result.experiment.dynamics.map((d, i) => d.label ?? `${d.kind} #${i}`));
  return {
    ...(title ? { title: { text: title, fontSize: 14, offset: 12 } } : {}),
    hconcat: panels.map((panel) => errorPanel(panel, color)),
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    config: { font: 'sans-serif', legend: { labelLimit: 0, orient: 'bottom', direction: 'vertical', title: null } },
  } as TopLevelSpec;
}

function errorPanel(panel: ErrorPanel, color: (name: string) => string) {
  const curves = errorCurves(panel);
  const param = panel.result.experiment.sweep?.param ?? 'x';
  const points = curves.flatMap((c) => c.slope.points.map((p) => ({ ...p, legend: c.legend })));
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const yDomain = decadeDomain(points.flatMap((p) => [p.y, p.y + Z95 * p.standardError, p.y - Z95 * p.standardError]), panel.title);
  const xLog = [Math.log10(xs[0]) - 0.12, Math.log10(xs.at(-1)!) + 0.12];
  const x = { field: 'x', type: 'quantitative', title: param, scale: { type: 'log', domain: xLog.map((v) => 10 ** v), nice: false }, axis: { values: xs, format: '~g', grid: false } };
  const y = { field: 'y', type: 'quantitative', title: `|error| in ${panel.quantity}`, scale: { type: 'log', domain: yDomain, nice: false }, axis: { values: decades(yDomain), labelExpr: DECADE_LABELS } };
  const bars = points.map((p) => ({ ...p, lo: clampTo(yDomain, p.y - Z95 * p.standardError), hi: clampTo(yDomain, p.y + Z95 * p.standardError) }));
  // Guides of slope 1 and 2 in the upper left corner (errors grow to the right).
  const yTop = Math.log10(yDomain[1]);
  const g0 = 10 ** (xLog[0] + 0.06);
  const g1 = 10 ** (xLog[0] + 0.06 + 0.3 * (xLog[1] - xLog[0]));
  const guides = [1, 2].map((order) => {
    const y1 = 10 ** (yTop - 0.12 - 0.35 * (order - 1));
    return { x: g0, x2: g1, y: y1 / (g1 / g0) ** order, y2: y1, text: `slope ${order}` };
  });
  const legend = { field: 'legend', type: 'nominal', scale: { domain: curves.map((c) => c.legend), range: curves.map((c) => color(c.key)) } };
  return {
    title: panel.title,
    width: 300,
    height: 240,
    layer: [
      { data: { values: guides }, mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { x, x2: { field: 'x2' }, y, y2: { field: 'y2' } } },
      { data: { values: guides }, mark: { type: 'text', color: '#777', align: 'left', dx: 3 }, encoding: { x: { ...x, field: 'x2' }, y: { ...y, field: 'y2' }, text: { field: 'text' } } },
      { data: { values: bars }, mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: legend } },
      { data: { values: points }, mark: { type: 'line', point: { filled: true, size: 30 }, strokeWidth: 1.6 }, encoding: { x, y, color: legend, order: { field: 'x' } } },
    ],
  };
}
