// The figure of scripts/plot-heatmap.ts: the success map of graduated
// optimization, P(global) over the grid of learning rate η (columns) and batch
// size b (rows) with its 95% Wilson interval, δ and E f in each cell, under the
// lines of equal smoothing degree δ = ηC/√b (slope 2 in log b vs log η) and of
// equal temperature T = ηC²/(2b) (slope 1), docs/math.md §2c–2e.
import type { TopLevelSpec } from 'vega-lite';
import { C, delta, type SuccessCell } from '../graduated/graduated-results';

export const ISO_DELTAS = [0.0625, 0.125, 0.25, 0.5];
export const ISO_TEMPERATURES = [0.15625, 0.625, 2.5];

/** The Vega-Lite spec of the success map; `device` is named under the title when given. */
export function successMapFigure(cells: readonly SuccessCell[], device?: string): TopLevelSpec {
  if (cells.length === 0) throw new Error('successMapFigure: no success cells (graduated-success-b*.json results)');
  const lrs = [...new Set(cells.map((c) => c.lr))].sort((a, b) => a - b);
  const bs = [...new Set(cells.map((c) => c.b))].sort((a, b) => a - b);
  // Cell edges halfway (in log) between the swept values: η doubles per column, b ×4 per row.
  const lrStep = lrs.length > 1 ? Math.sqrt(lrs[1] / lrs[0]) : Math.SQRT2;
  const bStep = bs.length > 1 ? Math.sqrt(bs[1] / bs[0]) : 2;
  const xDomain = [lrs[0] / lrStep, lrs.at(-1)! * lrStep];
  const yDomain = [bs[0] / bStep, bs.at(-1)! * bStep];
  const rows = cells.map((c) => ({
    lr: c.lr,
    b: c.b,
    lrLo: c.lr / lrStep,
    lrHi: c.lr * lrStep,
    bLo: c.b / bStep,
    bHi: c.b * bStep,
    p: c.global.value,
    value: c.global.value.toFixed(3),
    interval: `[${c.global.lo.toFixed(3)}, ${c.global.hi.toFixed(3)}]`,
    detail: `δ=${delta(c.lr, c.b).toFixed(3)} E f=${c.loss.toFixed(2)}`,
  }));
  const deltaFamily = `equal δ = ηC/√b: ${ISO_DELTAS.join(', ')}`;
  const temperatureFamily = `equal T = ηC²/2b: ${ISO_TEMPERATURES.join(', ')}`;
  const lineEnds = [xDomain[0] / 2, xDomain[1] * 2];
  const isoLines = [
    ...ISO_DELTAS.map((d) => ({ family: deltaFamily, name: `δ=${d}`, b: (eta: number) => ((eta * C) / d) ** 2 })),
    ...ISO_TEMPERATURES.map((t) => ({ family: temperatureFamily, name: `T=${t}`, b: (eta: number) => (eta * C * C) / (2 * t) })),
  ];
  const lines = isoLines.flatMap((l) => lineEnds.map((eta) => ({ family: l.family, name: l.name, lr: eta, b: l.b(eta) })));
  // Each line is named where it leaves the grid on the right.
  const labels = isoLines.map((l) => ({ name: l.name, lr: xDomain[1], b: l.b(xDomain[1]) })).filter((l) => l.b > yDomain[0] * 1.15 && l.b < yDomain[1] / 1.05);
  const x = { field: 'lr', type: 'quantitative', title: 'learning rate η', scale: { type: 'log', domain: xDomain, nice: false }, axis: { values: lrs, format: '~g', grid: false } };
  const y = { field: 'b', type: 'quantitative', title: 'batch size b', scale: { type: 'log', domain: yDomain, nice: false }, axis: { values: bs, format: '~g', grid: false } };
  const ink = { condition: { test: 'datum.p > 0.55', value: 'white' }, value: 'black' };
  const text = (field: string, dy: number, size: number) => ({ mark: { type: 'text', dy, fontSize: size }, encoding: { x, y, text: { field }, color: ink } });
  const n = Math.min(...cells.map((c) => c.trajectories));
  return {
    title: {
      text: 'SGD on the tilted cosine: P(end in the global basin)',
      subtitle: [`x0 = 2.9356 (outer minimum), Rademacher noise C = ${C}, 2000 steps; 95% Wilson interval in each cell`, `${n.toLocaleString('en-US')} trajectories per cell${device ? `; ${device}` : ''}`],
      anchor: 'start',
    },
    width: 110 * lrs.length,
    height: 80 * bs.length,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'rect', stroke: 'white' },
        encoding: { x: { ...x, field: 'lrLo' }, x2: { field: 'lrHi' }, y: { ...y, field: 'bLo' }, y2: { field: 'bHi' }, fill: { field: 'p', type: 'quantitative', title: 'P(global)', scale: { domain: [0, 1], range: ['#f7fbff', '#08306b'] } } },
      },
      { data: { values: rows }, layer: [text('value', -14, 16), text('interval', 4, 10), text('detail', 20, 10)] },
      {
        data: { values: lines },
        mark: { type: 'line', clip: true, color: '#d62728', strokeWidth: 1.4, opacity: 0.75 },
        encoding: { x, y, detail: { field: 'name' }, strokeDash: { field: 'family', type: 'nominal', title: 'iso-lines', scale: { domain: [deltaFamily, temperatureFamily], range: [[1, 0], [5, 4]] }, legend: { labelLimit: 0 } } },
      },
      { data: { values: labels }, mark: { type: 'text', align: 'left', dx: 4, color: '#d62728', fontSize: 10 }, encoding: { x, y, text: { field: 'name' } } },
    ],
    config: { font: 'sans-serif', legend: { offset: 48 } },
  } as TopLevelSpec;
}
