/** uPlot charts with labelled axes (units in the labels), log scales where asked, and a legend. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const PALETTE = ['#1f6feb', '#d1242f', '#bf8700', '#2da44e', '#8250df', '#0a7f86', '#cf5f00', '#57606a', '#e16f9e', '#6639ba'];

export interface ChartSpec {
  title: string;
  x: { label: string; log?: boolean };
  y: { label: string; log?: boolean; range?: [number, number] };
  /** `markers`: points only, no line (e.g. exact values next to measured curves); `width`: line width (default 2); `legend: false`: no legend entry (a band's edges). */
  series: { label: string; color: string; dash?: number[]; points?: boolean; bars?: boolean; markers?: boolean; width?: number; legend?: boolean }[];
  /** Shaded bands between two series (1-based series indices, as in uPlot), e.g. ±2 SE around a curve. */
  bands?: { upper: number; lower: number; fill: string }[];
  height?: number;
}

/** Tick labels of a log axis: plain numbers from 0.01 to 10⁴, else 1e−5 style; no labels between decades. */
function logTicks(_u: uPlot, splits: number[]): string[] {
  return splits.map((v) => {
    if (v === null || !(v > 0)) return '';
    const exponent = Math.log10(v);
    if (Math.abs(exponent - Math.round(exponent)) > 1e-9) return '';
    return v >= 0.01 && v < 1e4 ? String(Number(v.toPrecision(1))) : `1e${Math.round(exponent)}`;
  });
}

export class Chart {
  private plot: uPlot | undefined;
  private readonly observer: ResizeObserver;

  constructor(private readonly root: HTMLElement, private readonly spec: ChartSpec) {
    root.classList.add('chart');
    this.observer = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: spec.height ?? 240 }));
    this.observer.observe(root);
  }

  private width(): number {
    return Math.max(200, this.root.clientWidth);
  }

  /** data[0] = x values, data[i] = series i (null for a gap). */
  setData(data: (number | null)[][]): void {
    if (!this.plot) {
      const s = this.spec;
      this.plot = new uPlot(
        {
          title: s.title,
          width: this.width(),
          height: s.height ?? 240,
          scales: { x: { time: false, distr: s.x.log ? 3 : 1 }, y: { distr: s.y.log ? 3 : 1, ...(s.y.range ? { range: s.y.range } : {}) } },
          axes: [
            { label: s.x.label, stroke: '#4a5560', grid: { stroke: '#eef1f4' }, ...(s.x.log ? { values: logTicks } : {}) },
            { label: s.y.label, stroke: '#4a5560', grid: { stroke: '#eef1f4' }, size: 60, ...(s.y.log ? { values: logTicks } : {}) },
          ],
          series: [
            { label: s.x.label },
            ...s.series.map((x) => ({
              label: x.label,
              stroke: x.color,
              width: x.width ?? 2,
              dash: x.dash,
              ...(x.bars ? { paths: uPlot.paths.stepped!({ align: 1 }), fill: `${x.color}22` } : {}),
              ...(x.markers ? { paths: () => null } : {}),
              points: { show: x.points ?? x.markers ?? false, size: x.markers ? 9 : 6, fill: x.markers ? '#fff' : x.color },
              spanGaps: false,
            })),
          ],
          legend: { live: false },
          ...(s.bands ? { bands: s.bands.map((b) => ({ series: [b.upper, b.lower] as [number, number], fill: b.fill })) } : {}),
        },
        data as uPlot.AlignedData,
        this.root,
      );
      // uPlot has no per-series legend switch: hide the rows of series that asked for none
      // (the x series has a row only when the legend is live).
      const rows = this.plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
      const offset = rows.length - s.series.length;
      s.series.forEach((x, i) => {
        if (x.legend === false && rows[i + offset]) rows[i + offset].style.display = 'none';
      });
    } else this.plot.setData(data as uPlot.AlignedData);
  }

  dispose(): void {
    this.observer.disconnect();
    this.plot?.destroy();
  }
}
