/** uPlot charts with labelled axes (units in the labels), log scales where asked, and a legend. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const PALETTE = ['#1f6feb', '#d1242f', '#bf8700', '#2da44e', '#8250df', '#0a7f86', '#cf5f00', '#57606a', '#e16f9e', '#6639ba'];

export interface ChartSpec {
  title: string;
  /** `fit`: the axis spans the data (a log axis otherwise widens to whole decades). */
  x: { label: string; log?: boolean; fit?: boolean };
  /** `fromZero`: a linear axis from 0 to the data's maximum (densities, counts). */
  y: { label: string; log?: boolean; range?: [number, number]; fromZero?: boolean };
  /** `markers`: points only, no line (e.g. exact values next to measured curves); `width`: line width (default 2); `legend: false`: no legend entry (a band's edges). */
  series: { label: string; color: string; dash?: number[]; points?: boolean; bars?: boolean; markers?: boolean; width?: number; legend?: boolean }[];
  /** Shaded bands between two series (1-based series indices, as in uPlot), e.g. ±2 SE around a curve. */
  bands?: { upper: number; lower: number; fill: string }[];
  height?: number;
}

/**
 * Tick labels of a log axis: plain numbers from 0.01 to 10⁴, else 1e−5 style; between decades
 * only where the axis spans less than two decades (then at 2 and 5 too), so a fitted axis has labels.
 */
function logTicks(_u: uPlot, splits: number[]): string[] {
  const positive = splits.filter((v) => v > 0);
  const short = positive.length > 0 && Math.max(...positive) / Math.min(...positive) < 100;
  return splits.map((v) => {
    if (v === null || !(v > 0)) return '';
    const exponent = Math.floor(Math.log10(v) + 1e-9);
    const mantissa = Math.round(v / 10 ** exponent);
    if (Math.abs(v / 10 ** exponent - mantissa) > 1e-6 || !(mantissa === 1 || (short && (mantissa === 2 || mantissa === 5)))) return '';
    if (mantissa !== 1) return v >= 0.01 && v < 1e4 ? String(Number(v.toPrecision(1))) : `${mantissa}e${exponent}`;
    return v >= 0.01 && v < 1e4 ? String(Number(v.toPrecision(1))) : `1e${Math.round(exponent)}`;
  });
}

/** A scale range that spans the data, with 5% room (a factor of 1.1 on a log axis). */
function fitted(log?: boolean) {
  return (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => {
    if (!(min < max)) return [min, max];
    return log ? [min / 1.1, max * 1.1] : [min - 0.05 * (max - min), max + 0.05 * (max - min)];
  };
}

export class Chart {
  private plot: uPlot | undefined;
  private readonly observer: ResizeObserver;

  constructor(private readonly root: HTMLElement, private readonly spec: ChartSpec) {
    root.classList.add('chart');
    this.observer = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: spec.height ?? 240 }));
    this.observer.observe(root);
  }

  /** The content width: clientWidth includes the padding, and a chart that filled it would overflow its card. */
  private width(): number {
    const style = getComputedStyle(this.root);
    return Math.max(200, Math.floor(this.root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)));
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
          scales: {
            x: { time: false, distr: s.x.log ? 3 : 1, ...(s.x.fit ? { range: fitted(s.x.log) } : {}) },
            y: { distr: s.y.log ? 3 : 1, ...(s.y.range ? { range: s.y.range } : s.y.fromZero ? { range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, max > 0 ? max * 1.05 : 1] } : {}) },
          },
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

  /** Renames series i (0-based, as in the spec) in the legend, e.g. to say it is identical to another. */
  setLegendLabel(i: number, text: string): void {
    if (!this.plot) return;
    const rows = this.plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
    const row = rows[i + rows.length - this.spec.series.length];
    const label = row?.querySelector<HTMLElement>('.u-label');
    if (label) label.textContent = text;
  }

  dispose(): void {
    this.observer.disconnect();
    this.plot?.destroy();
  }
}
