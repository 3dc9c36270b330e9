/** Axes for the particle canvases: frame, ticks, tick labels, axis titles with units, and guide lines. */
export interface AxisSpec {
  range: [number, number];
  label: string;
}

export interface AxesSpec {
  x: AxisSpec;
  y: AxisSpec;
  /** Vertical or horizontal guide lines in data coordinates (e.g. the saddle, the escape boundary). */
  guides?: { x?: number; y?: number; label: string; color: string }[];
  /** Circles in data coordinates (e.g. an escape ball). */
  circles?: { center: [number, number]; radius: number; label: string; color: string }[];
  title?: string;
}

/** Inner plot margins in CSS pixels; the WebGPU canvas is inset by the same amounts (see styles.css). */
export const MARGIN = { left: 46, right: 10, top: 22, bottom: 38 };

function ticks(lo: number, hi: number, target = 5): number[] {
  const span = hi - lo;
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= target + 1) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(Math.abs(v) < 1e-12 * span ? 0 : v);
  return out;
}

export function drawAxes(canvas: HTMLCanvasElement, axes: AxesSpec): void {
  const ctx = canvas.getContext('2d')!;
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.width / ratio;
  const h = canvas.height / ratio;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const pw = w - MARGIN.left - MARGIN.right;
  const ph = h - MARGIN.top - MARGIN.bottom;
  const X = (v: number) => MARGIN.left + ((v - axes.x.range[0]) / (axes.x.range[1] - axes.x.range[0])) * pw;
  const Y = (v: number) => MARGIN.top + ph - ((v - axes.y.range[0]) / (axes.y.range[1] - axes.y.range[0])) * ph;
  ctx.strokeStyle = '#9aa3ad';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN.left, MARGIN.top, pw, ph);
  ctx.fillStyle = '#4a5560';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks(...axes.x.range)) {
    ctx.fillRect(X(t), MARGIN.top + ph, 1, 4);
    ctx.fillText(String(Number(t.toPrecision(3))), X(t), MARGIN.top + ph + 6);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks(...axes.y.range)) {
    ctx.fillRect(MARGIN.left - 4, Y(t), 4, 1);
    ctx.fillText(String(Number(t.toPrecision(3))), MARGIN.left - 6, Y(t));
  }
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(axes.x.label, MARGIN.left + pw / 2, h - 2);
  ctx.save();
  ctx.translate(11, MARGIN.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(axes.y.label, 0, 0);
  ctx.restore();
  if (axes.title) {
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#1d2731';
    ctx.fillText(axes.title, MARGIN.left, 3);
  }
  ctx.setLineDash([4, 4]);
  ctx.font = '11px system-ui, sans-serif';
  for (const g of axes.guides ?? []) {
    ctx.strokeStyle = g.color;
    ctx.fillStyle = g.color;
    ctx.beginPath();
    if (g.x !== undefined) {
      ctx.moveTo(X(g.x), MARGIN.top);
      ctx.lineTo(X(g.x), MARGIN.top + ph);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(g.label, X(g.x) + 3, MARGIN.top + 3);
    } else if (g.y !== undefined) {
      ctx.moveTo(MARGIN.left, Y(g.y));
      ctx.lineTo(MARGIN.left + pw, Y(g.y));
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(g.label, MARGIN.left + pw - 3, Y(g.y) - 2);
    }
    ctx.stroke();
  }
  for (const c of axes.circles ?? []) {
    ctx.strokeStyle = c.color;
    ctx.fillStyle = c.color;
    ctx.beginPath();
    ctx.ellipse(X(c.center[0]), Y(c.center[1]), Math.abs(X(c.radius) - X(0)), Math.abs(Y(c.radius) - Y(0)), 0, 0, 2 * Math.PI);
    ctx.stroke();
    // Above the plot, right-aligned (short: the card's title is on the same line); inside it the particles would print over it.
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(`◌ ${c.label}`, MARGIN.left + pw, MARGIN.top - 4);
  }
  ctx.setLineDash([]);
}
