// The figure of scripts/hb-regularization.ts: against gradient-flow time τ, two
// panels: log(E‖∇f‖² of GF / of the method) with the exact linearized slopes
// (dashed), and the same log ratio for the directional smoothness S in excess of
// h (dashed: half the slope). The rates are the library's
// implicitRegularizationTable (src/run/implicit-regularization.ts).
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../src/run/experiment-result';
import type { ImplicitRegularizationTable } from '../../src/run/implicit-regularization';
import { CATEGORY_COLORS } from './palette';

/** Times before this are left out: both log ratios start at 0/0. */
const T_MIN = 0.5;

export function regularizationFigure(result: ExperimentResult, table: ImplicitRegularizationTable, h: number): TopLevelSpec {
  const [flow, ...methods] = result.runs;
  if (methods.length !== table.rows.length) throw new Error(`regularizationFigure: ${methods.length} methods in the result but ${table.rows.length} rows in the table`);
  const tau = flow.series.step.map((k) => k * table.rows[0].effectiveStep);
  const tMax = tau.at(-1)!;
  const flowGradient = flow.series.gradient!.value;
  const flowSmoothness = flow.series.smoothness!.value;
  const labels = methods.map((m) => m.label);
  const curve = (ratio: (run: ExperimentResult['runs'][number], i: number) => number) =>
    methods.flatMap((run) => tau.map((t, i) => ({ label: run.label, t, y: ratio(run, i) })).filter((p) => p.t >= T_MIN && Number.isFinite(p.y)));
  const gradient = curve((run, i) => Math.log(flowGradient[i] / run.series.gradient!.value[i]));
  const smoothness = curve((run, i) => Math.log((flowSmoothness[i] - h) / (run.series.smoothness!.value[i] - h)));
  const color = { field: 'label', type: 'nominal', title: null, scale: { domain: labels, range: CATEGORY_COLORS } };
  const panel = (title: string, points: { label: string; t: number; y: number }[], slope: (row: number) => number) => {
    const lo = Math.min(...points.map((p) => p.y));
    // The predicted slope drawn through each method's last point, back to where it meets the lowest value.
    const predicted = labels.flatMap((label, j) => {
      const end = points.filter((p) => p.label === label).at(-1);
      if (!end) return [];
      const s = slope(j);
      const tStart = Math.max(T_MIN, tMax - (end.y - lo) / (s || 1e-9));
      return [{ label, t: tStart, y: end.y - s * (end.t - tStart) }, { label, t: end.t, y: end.y }];
    });
    const x = { field: 't', type: 'quantitative', title: 'gradient-flow time τ = k·η/(1−β)', scale: { domain: [0, tMax] } };
    const y = { field: 'y', type: 'quantitative', title: 'log ratio' };
    return {
      title,
      width: 360,
      height: 250,
      layer: [
        { data: { values: points }, mark: { type: 'line', strokeWidth: 1.8 }, encoding: { x, y, color } },
        { data: { values: predicted }, mark: { type: 'line', strokeDash: [4, 3], strokeWidth: 1 }, encoding: { x, y, color, detail: { field: 'label' } } },
      ],
    };
  };
  return {
    hconcat: [
      panel('log(E‖∇f‖² of GF / of the method); dashed: predicted slope', gradient, (j) => table.rows[j].exactRate),
      panel('log((S of GF − h)/(S − h)), S = ∇fᵀH∇f/‖∇f‖²; dashed: half the slope', smoothness, (j) => table.rows[j].exactRate / 2),
    ],
    config: { font: 'sans-serif', title: { fontSize: 12 }, legend: { orient: 'bottom', labelLimit: 0 } },
  } as TopLevelSpec;
}
