// The figure of scripts/plot-loss.ts: per run of a result, the ensemble mean of
// f(X_k) (line) and the band between two quantiles of f(X_k) (shaded), on a log
// axis. The quantiles are read off the run's loss histogram by the library's
// histogramQuantile (src/stats/histogram-quantiles.ts).
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../src/run/experiment-result';
import { histogramQuantile } from '../../src/stats/histogram-quantiles';
import { clampTo, decadeDomain, decades, DECADE_LABELS } from './log-domain';
import { CATEGORY_COLORS } from './palette';

/** One run's curve: mean loss per step and, where a loss histogram was recorded, the quantile band. */
export interface LossCurve {
  label: string;
  step: number[];
  mean: number[];
  lo?: number[];
  hi?: number[];
}

/** The loss curves of the runs that recorded `loss`; throws when none did. */
export function lossCurves(result: ExperimentResult, band: readonly [number, number]): LossCurve[] {
  const runs = result.runs.filter((r) => r.series.loss);
  if (runs.length === 0) throw new Error(`${result.name}: no run recorded "loss" (record.observables)`);
  return runs.map((r) => {
    const s = r.series;
    const h = s.histogram?.loss;
    const quantiles = (p: number) => s.step.map((_, c) => histogramQuantile({ lo: h!.range[0], hi: h!.range[1], counts: h!.counts[c], underflow: h!.underflow[c], overflow: h!.overflow[c] }, p));
    return { label: r.label, step: s.step, mean: s.loss!.value, ...(h ? { lo: quantiles(band[0]), hi: quantiles(band[1]) } : {}) };
  });
}

/**
 * The Vega-Lite spec. Band ends outside the axis (a quantile among the samples
 * below the histogram's range is −Infinity, one at or below 0 has no log) are
 * drawn at the axis's end.
 */
export function lossCurvesFigure(curves: readonly LossCurve[], band: readonly [number, number], title: string): TopLevelSpec {
  const percent = (p: number) => `${+(p * 100).toFixed(2)}`;
  const domain = decadeDomain(curves.flatMap((c) => [...c.mean, ...(c.lo ?? []), ...(c.hi ?? [])]), title);
  const rows = curves.flatMap((c) => c.step.map((step, i) => ({ label: c.label, banded: c.lo !== undefined, step, mean: c.mean[i], lo: clampTo(domain, c.lo?.[i] ?? NaN), hi: clampTo(domain, c.hi?.[i] ?? NaN) })));
  const x = { field: 'step', type: 'quantitative', title: 'step k', axis: { tickCount: 5 } };
  const y = { type: 'quantitative', scale: { type: 'log', domain, nice: false }, axis: { values: decades(domain), labelExpr: DECADE_LABELS } };
  const color = { field: 'label', type: 'nominal', title: null, scale: { domain: curves.map((c) => c.label), range: CATEGORY_COLORS }, legend: { labelLimit: 0, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  const yTitle = `f(x_k): mean, ${percent(band[0])}–${percent(band[1])}% band`;
  return {
    title: { text: title, anchor: 'start' },
    width: 520,
    height: 330,
    data: { values: rows.filter((r) => r.mean > 0) },
    layer: [
      ...(curves.some((c) => c.lo) ? [{ data: { values: rows.filter((r) => r.banded) }, mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { ...y, field: 'lo', title: yTitle }, y2: { field: 'hi' }, color } }] : []),
      { mark: { type: 'line', strokeWidth: 1.8 }, encoding: { x, y: { ...y, field: 'mean', title: yTitle }, color } },
    ],
    config: { font: 'sans-serif' },
  } as TopLevelSpec;
}
