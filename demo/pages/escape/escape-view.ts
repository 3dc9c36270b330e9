/**
 * The escape view shared by the escape pages: one particle cloud per model,
 * drawn every frame from the live ensemble's GPU state buffer (colour marks
 * the trajectories that have left the escape region), and two live charts —
 * the survival curve S(t) = P(τ > t) and the exit-time density — from the
 * per-checkpoint exit counts the reduction kernel keeps.
 */
import { LiveExperiment, type ExperimentResult, type LiveRun } from 'sdeflow';
import type { AxesSpec } from '../../app/axes';
import { Chart, PALETTE } from '../../app/plot';
import { ParticleCanvas } from '../../app/particle-canvas';
import type { MountedView, PageConfig, PageView, ViewContext } from '../../app/page-definition';

/** Frames over which a run is spread, so the escape is watched rather than reported. */
const FRAMES = 120;
const CHART_EVERY_FRAMES = 4;
const COPY_EVERY_FRAMES = 6;

export interface EscapeViewOptions {
  axes(config: PageConfig): AxesSpec;
  timeUnit: string;
}

const rgba = (hex: string, alpha: number): [number, number, number, number] => {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255 * alpha, ((n >> 8) & 255) / 255 * alpha, (n & 255) / 255 * alpha, alpha];
};

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function escapeView(options: EscapeViewOptions): PageView {
  return {
    mount(root: HTMLElement): MountedView {
      root.replaceChildren();
      const clouds = document.createElement('div');
      clouds.className = 'row clouds';
      const charts = document.createElement('div');
      charts.className = 'row';
      root.append(clouds, charts);
      let canvases: ParticleCanvas[] = [];
      let survival: Chart | undefined;
      let density: Chart | undefined;
      const cleanup = () => {
        canvases.forEach((c) => c.dispose());
        canvases = [];
        survival?.dispose();
        density?.dispose();
        clouds.replaceChildren();
        charts.replaceChildren();
      };
      return {
        async run(context: ViewContext): Promise<ExperimentResult> {
          const { gpu, experiment, config, signal } = context;
          context.status('compiling kernels…');
          const live = await LiveExperiment.create(gpu, experiment);
          try {
            cleanup();
            const axes = options.axes(config);
            canvases = live.runs.map((run, i) => {
              const card = document.createElement('div');
              card.className = 'card';
              const box = document.createElement('div');
              box.className = 'particles';
              const gpuCanvas = document.createElement('canvas');
              gpuCanvas.className = 'gpu';
              gpuCanvas.dataset.run = String(i);
              const overlay = document.createElement('canvas');
              overlay.className = 'overlay';
              box.append(gpuCanvas, overlay);
              card.append(box);
              clouds.append(card);
              return new ParticleCanvas(gpu, gpuCanvas, overlay, context.presentation);
            });
            // Lay out once every card is in place (the grid decides their widths).
            const titled = (i: number) => ({ ...axes, title: live.runs[i].label });
            canvases.forEach((c, i) => c.layout(titled(i)));
            const series = live.runs.map((run, i) => ({ label: run.label, color: PALETTE[i % PALETTE.length] }));
            const survivalBox = document.createElement('div');
            survivalBox.className = 'card';
            const densityBox = document.createElement('div');
            densityBox.className = 'card';
            charts.append(survivalBox, densityBox);
            survival = new Chart(survivalBox, { title: 'Survival S(t) = P(τ > t)', x: { label: `model time t (${options.timeUnit})` }, y: { label: 'S(t)', range: [0, 1] }, series });
            density = new Chart(densityBox, { title: 'Exit-time density', x: { label: `exit time τ (${options.timeUnit})` }, y: { label: `exits per unit time / N`, fromZero: true }, series: series.map((s) => ({ ...s, bars: true })) });
            const draw = () => Promise.all(live.runs.map((run, i) => canvases[i].draw(run.ensemble, axes, { inside: rgba(PALETTE[i % PALETTE.length], 0.6), exited: rgba('#57606a', 0.35), size: 2.5 })));
            await draw();
            let frame = 0;
            while (!live.done) {
              if (signal.aborted) throw new DOMException('superseded', 'AbortError');
              await live.advanceFraction(1 / FRAMES);
              // Copying pixels back is slow: where the canvas cannot present, draw every few frames.
              if (context.presentation === 'canvas' || frame % COPY_EVERY_FRAMES === 0) await draw();
              if (++frame % CHART_EVERY_FRAMES === 0) await updateCharts(live.runs, survival, density);
              context.status(`running: t = ${(live.runs[0].ensemble.step * stepLength(live.runs[0])).toFixed(2)} ${options.timeUnit}`);
              await nextFrame();
            }
            await draw();
            const curves = await updateCharts(live.runs, survival, density);
            // A curve equal to a later one is drawn under it: the legend says so (SGD and HA-SME on a quadratic).
            for (const [hidden, over] of identicalCurves(curves)) {
              for (const chart of [survival, density]) {
                chart.setLegendLabel(hidden, `${series[hidden].label} (identical to ${series[over].label}, under it)`);
                chart.setLegendLabel(over, `${series[over].label} (= ${series[hidden].label})`);
              }
            }
            return await live.report();
          } finally {
            live.dispose();
          }
        },
        dispose: cleanup,
      };
    },
  };
}

/** Model time per step of a run: the step size of the discrete method it is or models. */
function stepLength(run: LiveRun): number {
  const d = run.planned.dynamics as { lr?: number; dt?: number };
  return d.lr ?? d.dt ?? 1;
}

/** Pairs [i, j], i < j, of runs whose survival curves are equal at every checkpoint (each i paired with the last such j). */
export function identicalCurves(curves: (number | null)[][]): [number, number][] {
  const pairs: [number, number][] = [];
  curves.forEach((a, i) => {
    for (let j = curves.length - 1; j > i; j--) {
      if (a.every((v, k) => v === curves[j][k])) {
        pairs.push([i, j]);
        break;
      }
    }
  });
  return pairs;
}

/** Redraws both charts from the live statistics; returns the survival curves. */
async function updateCharts(runs: LiveRun[], survival: Chart, density: Chart): Promise<(number | null)[][]> {
  const stats = await Promise.all(runs.map((r) => r.ensemble.readStatistics()));
  const first = stats[0];
  const h = stepLength(runs[0]);
  const t = first.checkpoints.map((c) => c.step * h);
  const exitWord = (s: (typeof stats)[number]) => s.layout.histogramFeatures * (s.layout.bins + 2) + s.layout.regionNames.length;
  const S = stats.map((s, i) => s.checkpoints.map((c, k) => (k < runs[i].ensemble.checkpointsReached ? 1 - c.counters[exitWord(s)] / s.trajectories : null)));
  survival.setData([t, ...S]);
  const rate = S.map((curve) => curve.map((v, k) => (k === 0 || v === null || curve[k - 1] === null ? null : (curve[k - 1]! - v) / (t[k] - t[k - 1]))));
  density.setData([t, ...rate]);
  return S;
}
