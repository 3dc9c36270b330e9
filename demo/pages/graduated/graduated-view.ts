/**
 * The success map (filled in row by row as each batch size's file finishes),
 * its table of cells, and the selected schedule: success rate per run, the
 * final-loss distribution, and the smoothing degree δ_k = η_k C/√b_k it follows.
 * Results are kept per file, so changing only the schedule re-runs only its file.
 */
import { runExperiment, type Experiment, type ExperimentResult } from 'sdeflow';
import { scheduleValue, type Schedule } from '../../../src/schedules/schedule';
import { batchAt, type BatchStages } from '../../../src/schedules/batch-size';
import { Chart, PALETTE } from '../../app/plot';
import { formatEstimate, formatInterval, formatValue } from '../../app/format';
import { wilsonInterval } from '../../../src/stats/intervals';
import type { MountedView, PageView, ViewContext } from '../../app/page-definition';
import { BATCHES, finalSuccess, lrColumns, SCHEDULES } from './graduated-page';
import { delta, SuccessMap, temperature, type MapCell } from './success-map';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** P(global), P(side minima) and P(outer minima) of a run's last checkpoint (regions `global` ⊂ `inner`). */
function basins(run: ExperimentResult['runs'][number]) {
  const s = finalSuccess(run);
  const inner = run.series.regions!.inner.inside.at(-1)!;
  return { ...s, side: wilsonInterval(inner - s.inside, s.count), outer: wilsonInterval(s.count - inner, s.count) };
}

/** δ_k = η_k C/√b_k of an SGD run with Rademacher noise, or the δ schedule of graduated-gd; null without noise. */
function deltaPath(experiment: Experiment, dynamics: unknown, steps: number[]): (number | null)[] {
  const d = dynamics as { kind: string; lr?: Schedule; delta?: Schedule };
  if (d.kind === 'graduated-gd') return steps.map((k) => scheduleValue(d.delta!, k));
  const noise = experiment.noise as { kind: string; scale: number; stages: BatchStages } | undefined;
  if (noise?.kind !== 'rademacher' || d.lr === undefined) return steps.map(() => null);
  return steps.map((k) => (scheduleValue(d.lr!, k) * noise.scale) / Math.sqrt(batchAt(noise.stages, k)));
}

const view: PageView = {
  mount(root: HTMLElement): MountedView {
    root.replaceChildren();
    const mapCard = el('div', 'card');
    const mapTitle = el('h3', undefined, 'P(end in the global basin) after 2,000 steps');
    const mapBox = el('div');
    const mapNote = el('p', 'legend-note', 'Hover a cell for its counts, Wilson interval, basin fractions and E f. Solid red: equal δ = ηC/√b; dashed: equal temperature T = ηC²/2b.');
    mapCard.append(mapTitle, mapBox, mapNote);
    const map = new SuccessMap(mapBox);
    const tableCard = el('div', 'card');
    const scheduleCard = el('div', 'card');
    const scheduleHead = el('div');
    const charts = el('div', 'row');
    const lossBox = el('div');
    const deltaBox = el('div');
    charts.append(lossBox, deltaBox);
    scheduleCard.append(scheduleHead, charts);
    root.append(mapCard, scheduleCard, tableCard);
    let plots: Chart[] = [];
    let cache = new Map<string, ExperimentResult>();

    const drawMap = (lrs: number[], C: number, results: ExperimentResult[]) => {
      const cells: MapCell[] = BATCHES.flatMap((b, row) =>
        lrs.map((lr, col) => {
          const run = results[row]?.runs[col];
          return { lr, b, result: run ? basins(run) : undefined };
        }),
      );
      map.set(cells, lrs, BATCHES, C);
      return cells;
    };

    const drawTable = (cells: MapCell[], lrs: number[], C: number) => {
      const table = el('table', 'cells');
      const head = table.createTHead().insertRow();
      for (const h of ['η', 'b', 'δ = ηC/√b', 'T = ηC²/2b', 'P(global) [95%]', 'P(side) [95%]', 'P(outer) [95%]', 'E f(x_K) ± SE']) head.append(el('th', undefined, h));
      const body = table.createTBody();
      for (const c of cells) {
        const r = c.result!;
        const row = body.insertRow();
        row.dataset.cell = `b${c.b}.lr${lrs.indexOf(c.lr)}`;
        for (const text of [
          formatValue(c.lr),
          String(c.b),
          formatValue(delta(c.lr, c.b, C)),
          formatValue(temperature(c.lr, c.b, C)),
          formatInterval(r.global.value, r.global.lo, r.global.hi),
          formatInterval(r.side.value, r.side.lo, r.side.hi),
          formatInterval(r.outer.value, r.outer.lo, r.outer.hi),
          formatEstimate(r.loss, r.lossError),
        ])
          row.insertCell().textContent = text;
      }
      const scroll = el('div', 'scroll-x');
      scroll.append(table);
      tableCard.replaceChildren(el('h3', undefined, 'Every cell'), scroll);
    };

    const drawSchedule = (label: string, experiment: Experiment, result: ExperimentResult) => {
      plots.forEach((p) => p.dispose());
      plots = [];
      lossBox.replaceChildren();
      deltaBox.replaceChildren();
      const table = el('table', 'cells');
      const head = table.createTHead().insertRow();
      for (const h of ['run', 'P(global) [95%]', 'P(side) [95%]', 'P(outer) [95%]', 'E f(x_K) ± SE', 'median f [95%]']) head.append(el('th', undefined, h));
      const body = table.createTBody();
      result.runs.forEach((run, i) => {
        const b = basins(run);
        const median = run.series.histogram?.loss?.quantiles.value.at(-1)?.[2];
        const row = body.insertRow();
        const name = row.insertCell();
        const swatch = el('span', 'swatch');
        swatch.style.background = PALETTE[i % PALETTE.length];
        name.append(swatch, run.label);
        for (const text of [
          formatInterval(b.global.value, b.global.lo, b.global.hi),
          formatInterval(b.side.value, b.side.lo, b.side.hi),
          formatInterval(b.outer.value, b.outer.lo, b.outer.hi),
          formatEstimate(b.loss, b.lossError),
          median === undefined ? '—' : formatInterval(median.value, median.lo, median.hi),
        ])
          row.insertCell().textContent = text;
      });
      const scroll = el('div', 'scroll-x');
      scroll.append(table);
      scheduleHead.replaceChildren(el('h3', undefined, `Schedule: ${label}`), scroll);
      // Final-loss distribution: the last checkpoint's loss histogram, as a fraction of trajectories per bin.
      const hist = result.runs[0].series.histogram?.loss;
      if (hist) {
        const width = (hist.range[1] - hist.range[0]) / hist.bins;
        const edges = Array.from({ length: hist.bins + 1 }, (_, k) => hist.range[0] + k * width);
        const series = result.runs.map((run, i) => ({ label: run.label, color: PALETTE[i % PALETTE.length], bars: true }));
        const chart = new Chart(lossBox, { title: 'Final loss f(x_K): fraction of trajectories per bin', x: { label: 'f(x_K)' }, y: { label: 'fraction per bin' }, series, height: 260 });
        chart.setData([
          edges,
          ...result.runs.map((run) => {
            const h = run.series.histogram!.loss!;
            const counts = h.counts.at(-1)!;
            const n = run.series.count.at(-1)!;
            return [...counts.map((k) => k / n), counts.at(-1)! / n];
          }),
        ]);
        plots.push(chart);
      }
      // The smoothing degree each run follows, at the steps it takes (k = 0 … K − 1).
      const steps = result.runs[0].steps;
      const ks = Array.from({ length: 201 }, (_, k) => Math.round((k * (steps - 1)) / 200));
      const paths = result.runs.map((run) => deltaPath(experiment, run.dynamics, ks));
      if (paths.some((p) => p.some((v) => v !== null && v > 0))) {
        const series = result.runs.map((run, i) => ({ label: run.label, color: PALETTE[i % PALETTE.length] }));
        const chart = new Chart(deltaBox, { title: 'Smoothing degree δ_k = η_k C/√b_k along the run', x: { label: 'step k' }, y: { label: 'δ_k' }, series, height: 260 });
        chart.setData([ks, ...paths.map((p) => p.map((v) => (v !== null && v > 0 ? v : null)))]);
        plots.push(chart);
      }
    };

    return {
      async run({ gpu, experiments, config, signal, status }: ViewContext): Promise<ExperimentResult[]> {
        const lrs = lrColumns(config.lrMax);
        const kept = new Map<string, ExperimentResult>();
        const results: ExperimentResult[] = [];
        drawMap(lrs, config.C, results);
        for (const [i, experiment] of experiments.entries()) {
          const key = JSON.stringify(experiment);
          let result = cache.get(key);
          if (!result) {
            const what = i < BATCHES.length ? `b = ${BATCHES[i]}` : 'schedule';
            result = await runExperiment(experiment, {
              device: gpu,
              signal,
              onProgress: (p) => status(`file ${i + 1} of ${experiments.length} (${what}), run ${p.run + 1} of ${p.runs}: ${Math.round((100 * p.trajectorySteps) / p.totalTrajectorySteps)}%`),
            });
          }
          if (signal.aborted) throw new DOMException('superseded', 'AbortError');
          kept.set(key, result);
          results.push(result);
          if (i < BATCHES.length) {
            const cells = drawMap(lrs, config.C, results);
            if (i === BATCHES.length - 1) drawTable(cells, lrs, config.C);
          }
        }
        cache = kept;
        drawSchedule(SCHEDULES[config.schedule].label, experiments[BATCHES.length], results[BATCHES.length]);
        return results;
      },
      dispose() {
        plots.forEach((p) => p.dispose());
        map.dispose();
      },
    };
  },
};

export default view;
