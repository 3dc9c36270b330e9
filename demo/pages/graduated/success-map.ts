/**
 * The success map as a 2-D canvas heatmap: P(global) per (η, b) cell, white →
 * blue, with its Wilson interval and δ in the cell, lines of equal smoothing
 * degree δ = ηC/√b (solid) and of equal temperature T = ηC²/2b (dashed), and a
 * tooltip with every figure of the cell under the pointer. Columns double η and
 * rows quadruple b, so in cell units an iso-δ line has slope 1 and an iso-T
 * line slope ½; both pass through the centres of the cells they join.
 */
import type { Interval } from 'sdeflow';
import { formatEstimate, formatInterval, formatValue } from '../../app/format';

export interface MapCell {
  lr: number;
  b: number;
  /** Absent while the cell's file is still running. */
  result?: { global: Interval; inside: number; count: number; loss: number; lossError: number; side: Interval; outer: Interval };
}

const MARGIN = { left: 78, right: 150, top: 30, bottom: 52 };
/** Below this width the key moves under the grid and the margins shrink (δ labels still fit on the right). */
const NARROW_BELOW = 560;
const NARROW_MARGIN = { left: 58, right: 62, top: 30, bottom: 52 };
const KEY_BELOW = 76;
const MIN_WIDTH = 300;
const HEIGHT = 430;
const LINE = '#d1242f';

/** White (P = 0) to deep blue (P = 1), as scripts/plots/success-map.ts draws it. */
export function successColor(p: number): string {
  const t = Math.max(0, Math.min(1, p));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
}

export class SuccessMap {
  readonly canvas = document.createElement('canvas');
  private readonly tip = document.createElement('div');
  private cells: MapCell[] = [];
  private lrs: number[] = [];
  private batches: number[] = [];
  private C = 10;
  private readonly observer: ResizeObserver;

  constructor(private readonly root: HTMLElement) {
    root.classList.add('heatmap-box');
    this.canvas.className = 'heatmap';
    this.tip.className = 'heatmap-tip';
    this.tip.hidden = true;
    root.append(this.canvas, this.tip);
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => (this.tip.hidden = true));
    this.observer = new ResizeObserver(() => this.draw());
    this.observer.observe(root);
  }

  set(cells: MapCell[], lrs: number[], batches: number[], C: number): void {
    this.cells = cells;
    this.lrs = lrs;
    this.batches = batches;
    this.C = C;
    this.draw();
  }

  dispose(): void {
    this.observer.disconnect();
  }

  private geometry() {
    const w = Math.max(MIN_WIDTH, this.root.clientWidth);
    // Narrow (a phone): the colour key goes under the grid, and the cells show their colour alone.
    const narrow = w < NARROW_BELOW;
    const M = narrow ? NARROW_MARGIN : MARGIN;
    const height = narrow ? HEIGHT + KEY_BELOW : HEIGHT;
    const gw = w - M.left - M.right;
    const gh = HEIGHT - M.top - M.bottom;
    const cw = gw / this.lrs.length;
    const ch = gh / this.batches.length;
    // Cell (i, j) — column i (η), row j (b, bottom up) — has its centre at (u, v) = (i, j).
    const X = (u: number) => M.left + (u + 0.5) * cw;
    const Y = (v: number) => M.top + gh - (v + 0.5) * ch;
    return { w, gw, gh, cw, ch, X, Y, M, height, narrow };
  }

  private draw(): void {
    if (this.lrs.length === 0) return;
    const { w, gw, gh, cw, ch, X, Y, M, height, narrow } = this.geometry();
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${height}px`;
    const g = this.canvas.getContext('2d')!;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, height);
    g.font = '12px system-ui, sans-serif';
    g.textAlign = 'center';
    for (const c of this.cells) {
      const i = this.lrs.indexOf(c.lr);
      const j = this.batches.indexOf(c.b);
      const x = X(i) - cw / 2;
      const y = Y(j) - ch / 2;
      const p = c.result?.global.value;
      g.fillStyle = p === undefined ? '#eef1f4' : successColor(p);
      g.fillRect(x, y, cw, ch);
      g.strokeStyle = '#fff';
      g.strokeRect(x, y, cw, ch);
      g.fillStyle = p !== undefined && p > 0.55 ? '#fff' : '#1d2731';
      const cx = x + cw / 2;
      const cy = y + ch / 2;
      if (!c.result) {
        g.fillText('running…', cx, cy + 4);
        continue;
      }
      const shown = intervalParts(c.result.global.value, c.result.global.lo, c.result.global.hi);
      // On a phone a cell is too narrow for P and its interval, and P alone would be a
      // number without its uncertainty: the colour says P there, and the hover and the
      // table below give it with its interval.
      if (!narrow) {
        g.font = 'bold 17px system-ui, sans-serif';
        g.fillText(shown.value, cx, cy - 8);
        g.font = '11px system-ui, sans-serif';
        g.fillText(`[${shown.lo}, ${shown.hi}]`, cx, cy + 9);
        g.fillText(`δ = ${formatValue(delta(c.lr, c.b, this.C))}`, cx, cy + 24);
      }
      g.font = '12px system-ui, sans-serif';
    }
    // Iso-δ and iso-T lines through the cells' centres, clipped to the grid.
    g.save();
    g.beginPath();
    g.rect(M.left, M.top, gw, gh);
    g.clip();
    g.strokeStyle = LINE;
    g.lineWidth = 1.6;
    const n = this.lrs.length;
    const m = this.batches.length;
    const labels: { s: number; text: string }[] = [];
    // δ(i, j) = δ(0, 0)·2^(i − j): the line i − j = s.
    for (let s = -(m - 1); s <= n - 1; s++) {
      g.setLineDash([]);
      g.globalAlpha = 0.8;
      g.beginPath();
      g.moveTo(X(-1), Y(-1 - s));
      g.lineTo(X(n), Y(n - s));
      g.stroke();
      labels.push({ s, text: `δ = ${formatValue(delta(this.lrs[0], this.batches[0], this.C) * 2 ** s)}` });
    }
    // T(i, j) = T(0, 0)·2^(i − 2j): the line i − 2j = s (shown where it joins two cells or more).
    for (let s = -2 * (m - 1); s <= n - 1; s++) {
      const through = [...Array(m).keys()].filter((j) => s + 2 * j >= 0 && s + 2 * j < n).length;
      if (through < 2) continue;
      g.setLineDash([5, 4]);
      g.globalAlpha = 0.55;
      g.beginPath();
      g.moveTo(X(-1), Y((-1 - s) / 2));
      g.lineTo(X(n), Y((n - s) / 2));
      g.stroke();
    }
    g.restore();
    // Each δ line labelled where it leaves the grid: on the right edge (u = n − ½), else on the top (v = m − ½).
    g.fillStyle = LINE;
    g.font = '11px system-ui, sans-serif';
    for (const l of labels) {
      const v = n - 0.5 - l.s;
      if (v >= -0.5 && v < m - 0.5) {
        g.textAlign = 'left';
        g.fillText(l.text, M.left + gw + 4, Y(v) + 4);
      } else if (m - 0.5 + l.s > -0.5 && !narrow) {
        // On top of the grid (not on a phone, where the columns are too narrow for them; the table lists δ).
        g.textAlign = 'center';
        g.fillText(l.text, X(m - 0.5 + l.s), M.top - 6);
      }
    }
    g.fillStyle = '#1d2731';
    g.textAlign = 'center';
    g.font = '12px system-ui, sans-serif';
    this.lrs.forEach((lr, i) => g.fillText(formatValue(lr), X(i), M.top + gh + 18));
    g.fillText('learning rate η', M.left + gw / 2, M.top + gh + 40);
    g.textAlign = 'right';
    this.batches.forEach((b, j) => g.fillText(String(b), M.left - 10, Y(j) + 4));
    g.save();
    g.translate(M.left - 48, M.top + gh / 2);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'center';
    g.fillText('batch size b', 0, 0);
    g.restore();
    // The colour key: a column right of the grid, or three rows of 84 px slots under it when narrow
    // (five swatches, then the two line styles).
    const keyAt = (slot: number) =>
      narrow ? { x: M.left - 40 + (slot % 3) * 84, y: HEIGHT + 2 + Math.floor(slot / 3) * 24 } : { x: M.left + gw + 72, y: slot < 5 ? M.top + 8 + slot * 22 : M.top + 131 + (slot - 5) * 20 };
    g.textAlign = 'left';
    for (let k = 0; k <= 4; k++) {
      const { x, y } = keyAt(k);
      g.fillStyle = successColor(k / 4);
      g.fillRect(x, y, 20, 18);
      g.strokeStyle = '#ccd3da';
      g.setLineDash([]);
      g.strokeRect(x, y, 20, 18);
      g.fillStyle = '#1d2731';
      g.fillText(`P = ${(k / 4).toFixed(2)}`, x + 25, y + 13);
    }
    g.lineWidth = 1.6;
    ['equal δ', 'equal T'].forEach((text, k) => {
      const { x, y } = keyAt(5 + k);
      g.strokeStyle = LINE;
      g.setLineDash(k === 0 ? [] : [5, 4]);
      g.beginPath();
      g.moveTo(x, y + 9);
      g.lineTo(x + 20, y + 9);
      g.stroke();
      g.setLineDash([]);
      g.fillStyle = '#1d2731';
      g.fillText(text, x + 25, y + 13);
    });
  }

  private hover(e: MouseEvent): void {
    if (this.lrs.length === 0) return;
    const { cw, ch, gh, M } = this.geometry();
    const r = this.canvas.getBoundingClientRect();
    const i = Math.floor((e.clientX - r.left - M.left) / cw);
    const j = Math.floor((M.top + gh - (e.clientY - r.top)) / ch);
    const cell = this.cells.find((c) => c.lr === this.lrs[i] && c.b === this.batches[j]);
    if (!cell?.result) {
      this.tip.hidden = true;
      return;
    }
    this.tip.hidden = false;
    this.tip.replaceChildren(...cellLines(cell, this.C).map((t) => Object.assign(document.createElement('div'), { textContent: t })));
    this.tip.style.left = `${e.clientX - r.left + 14}px`;
    this.tip.style.top = `${e.clientY - r.top + 14}px`;
  }
}

/** Smoothing degree δ = ηC/√b (docs/math.md §2b) and SGD's temperature T = ηC²/(2b) (§2c). */
export const delta = (lr: number, b: number, C: number) => (lr * C) / Math.sqrt(b);
export const temperature = (lr: number, b: number, C: number) => (lr * C * C) / (2 * b);

/** Every figure of a finished cell, one line each (the tooltip). */
export function cellLines(c: MapCell, C: number): string[] {
  const r = c.result!;
  return [
    `η = ${formatValue(c.lr)}, b = ${c.b}`,
    `δ = ηC/√b = ${formatValue(delta(c.lr, c.b, C))}, T = ηC²/2b = ${formatValue(temperature(c.lr, c.b, C))}`,
    `P(global) = ${formatInterval(r.global.value, r.global.lo, r.global.hi)} (${r.inside.toLocaleString('en-US')} of ${r.count.toLocaleString('en-US')}; 95% Wilson)`,
    `side minima ${formatInterval(r.side.value, r.side.lo, r.side.hi)}, outer ${formatInterval(r.outer.value, r.outer.lo, r.outer.hi)}`,
    `E f(x_K) = ${formatEstimate(r.loss, r.lossError)}`,
  ];
}

/** A fraction and its interval's ends as formatInterval rounds them (the map draws them on separate lines). */
function intervalParts(value: number, lo: number, hi: number): { value: string; lo: string; hi: string } {
  const m = /^(\S+) \[(\S+), (\S+)\]$/.exec(formatInterval(value, lo, hi))!;
  return { value: m[1], lo: m[2], hi: m[3] };
}
