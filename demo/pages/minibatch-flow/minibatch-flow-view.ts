/**
 * Four panels, filled in as their files finish: the scalar error against time
 * (±2 SE bands, exact curves dashed) and against h (log-log, exact values as
 * hollow markers), the heat profiles v(T) over the grid (ensemble mean and the
 * first sample paths, read from the GPU state at T, next to the exact u(T)),
 * and the LASSO's mean iterate against x*. Results are kept per file, so moving
 * one panel's slider re-runs only that panel's file.
 */
import { LiveExperiment, runExperiment, type Experiment, type ExperimentResult } from 'sdeflow';
import { exponentialSwitchingMoments, fixedSwitchingMoments } from 'sdeflow/oracles';
import { Chart, PALETTE } from '../../app/plot';
import { formatEstimate, formatValue } from '../../app/format';
import type { MountedView, PageView, ViewContext } from '../../app/page-definition';
import {
  errorAgainstH,
  fullFlowScalar,
  HEAT_T,
  HEAT_U0,
  heatErrors,
  heatExact,
  LASSO_H,
  LASSO_T,
  LASSO_X,
  lassoBias,
  methodsOf,
  SCALAR_HS,
  SCALAR_SWITCHING,
  SCALAR_U0,
  scalarError,
} from './minibatch-flow-page';

/** Sample paths drawn per method in the heat panel. */
const SAMPLE_PATHS = 4;
const COLOR: Record<string, string> = { fixed: PALETTE[0], exponential: PALETTE[1], rmm: PALETTE[2] };
const COORDINATE_COLORS = [PALETTE[3], PALETTE[4], PALETTE[5]];

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** Exact E(v(t) − u(t))² of a method on the two scalar quadratics (docs/math.md §1d (i)'s recursions). */
function exactScalarError(method: string, h: number, t: number): number {
  const m =
    method === 'exponential'
      ? exponentialSwitchingMoments(SCALAR_SWITCHING, h, SCALAR_U0, t)
      : fixedSwitchingMoments(SCALAR_SWITCHING, method === 'rmm' ? 'rmm' : 'flow', h, SCALAR_U0, Math.round(t / h));
  return m.variance + (m.mean - fullFlowScalar(t)) ** 2;
}

interface HeatRun {
  result: ExperimentResult;
  /** Per run, the first trajectories' states at T. */
  paths: number[][][];
}

/** The heat file as live ensembles: the statistics as runExperiment reports them, and the first sample paths' final states. */
async function runHeat(context: ViewContext, experiment: Experiment): Promise<HeatRun> {
  const live = await LiveExperiment.create(context.gpu, experiment);
  try {
    while (!live.done) {
      if (context.signal.aborted) throw new DOMException('superseded', 'AbortError');
      await live.advanceFraction(0.25);
      context.status(`heat: step ${live.runs[0].ensemble.step} of ${live.runs[0].ensemble.spec.steps}`);
    }
    const paths: number[][][] = [];
    for (const run of live.runs) {
      const state = await run.ensemble.readState();
      const d = run.ensemble.spec.dim;
      paths.push(Array.from({ length: Math.min(SAMPLE_PATHS, run.ensemble.spec.trajectories) }, (_, j) => Array.from(state.subarray(j * d, (j + 1) * d))));
    }
    return { result: await live.report(), paths };
  } finally {
    live.dispose();
  }
}

const view: PageView = {
  mount(root: HTMLElement): MountedView {
    root.replaceChildren();
    const scalarRow = el('div', 'row');
    const timeCard = el('div', 'card');
    const hCard = el('div', 'card');
    scalarRow.append(timeCard, hCard);
    const scalarNote = el('p', 'legend-note', 'Two scalar quadratics f₁ = ½(x − 1)², f₂ = 3/2·(x + 1)², u₀ = 2. Shaded: ±2 standard errors; dashed and hollow markers: the exact values of docs/math.md §1d (i) (moment recursions).');
    const heatCard = el('div', 'card');
    const heatTitle = el('h3');
    const heatRow = el('div', 'row');
    const heatNote = el('p', 'legend-note', 'Black dashed: the exact u(T) = e^(−λ₁T)·u₀; thick: the ensemble mean, with ‖E v − u‖/‖u‖; thin: the first sample paths, with the ensemble’s RMS ‖v − u‖/‖u‖. Subdomains overlap on [0.4, 0.6].');
    heatCard.append(heatTitle, heatRow, heatNote);
    const lassoCard = el('div', 'card');
    root.append(scalarRow, scalarNote, heatCard, lassoCard);
    let charts: Chart[] = [];
    let cache = new Map<string, unknown>();
    const chart = (box: HTMLElement, spec: ConstructorParameters<typeof Chart>[1]) => {
      const c = new Chart(box, spec);
      charts.push(c);
      return c;
    };

    const drawTime = (config: ViewContext['config'], result: ExperimentResult) => {
      timeCard.replaceChildren();
      const methods = methodsOf(config);
      const h = (result.runs[0].dynamics as { h: number }).h;
      const errors = result.runs.map(scalarError);
      const t = errors[0].t;
      const series: ConstructorParameters<typeof Chart>[1]['series'] = [];
      const bands: { upper: number; lower: number; fill: string }[] = [];
      const data: (number | null)[][] = [t];
      methods.forEach((m, i) => {
        const color = COLOR[m.id];
        const e = errors[i];
        series.push({ label: `${result.runs[i].label}`, color });
        data.push(e.value);
        series.push({ label: `${m.id} + 2 SE`, color: `${color}55`, width: 1, legend: false });
        data.push(e.value.map((v, k) => v + 2 * e.standardError[k]));
        series.push({ label: `${m.id} − 2 SE`, color: `${color}55`, width: 1, legend: false });
        data.push(e.value.map((v, k) => Math.max(0, v - 2 * e.standardError[k])));
        bands.push({ upper: data.length - 2, lower: data.length - 1, fill: `${color}22` });
        series.push({ label: `exact`, color, dash: [5, 4], width: 1.5 });
        data.push(t.map((tt) => exactScalarError(m.id, h, tt)));
      });
      chart(timeCard, { title: `E(v(t) − u(t))² against time, h = ${formatValue(h)}`, x: { label: 'model time t' }, y: { label: 'E(v(t) − u(t))²' }, series, bands, height: 320 }).setData(data);
    };

    const drawSweep = (config: ViewContext['config'], result: ExperimentResult) => {
      hCard.replaceChildren();
      const methods = methodsOf(config);
      const curves = errorAgainstH(result, methods.length);
      const hs = [...SCALAR_HS].sort((a, b) => a - b);
      const series: ConstructorParameters<typeof Chart>[1]['series'] = [];
      const data: (number | null)[][] = [hs];
      curves.forEach((c, i) => {
        const color = COLOR[methods[i].id];
        series.push({ label: `${c.label} (slope ${formatEstimate(c.fit.slope, c.fit.standardError)})`, color, points: true });
        data.push(hs.map((h) => c.points.find((p) => p.x === h)!.y));
        series.push({ label: 'exact', color, markers: true });
        data.push(hs.map((h) => exactScalarError(methods[i].id, h, 1)));
      });
      chart(hCard, { title: 'E(v(1) − u(1))² against h (log-log)', x: { label: 'interval h', log: true, fit: true }, y: { label: 'E(v(1) − u(1))²', log: true }, series, height: 320 }).setData(data);
    };

    const drawHeat = (config: ViewContext['config'], heat: HeatRun) => {
      heatRow.replaceChildren();
      const methods = methodsOf(config);
      const h = (heat.result.runs[0].dynamics as { h: number }).h;
      heatTitle.textContent = `Heat equation by random domain decomposition (49 nodes, two subdomains): v(T) at T = ${HEAT_T}, h = T/${Math.round(HEAT_T / h)} = ${formatValue(h)}`;
      const n = HEAT_U0.length;
      const x = Array.from({ length: n + 2 }, (_, j) => j / (n + 1));
      const pad = (v: number[]) => [0, ...v, 0]; // Dirichlet boundary values
      const u = pad(heatExact());
      heat.result.runs.forEach((run, i) => {
        const color = COLOR[methods[i].id];
        const box = el('div');
        heatRow.append(box);
        const e = heatErrors(run);
        const paths = heat.paths[i];
        const series: ConstructorParameters<typeof Chart>[1]['series'] = [
          { label: 'exact u(T)', color: '#1d2731', dash: [6, 4], width: 1.5 },
          { label: `mean (error ${formatEstimate(e.mean, e.meanError)})`, color, width: 3 },
          ...paths.map((_, j) => ({ label: `path ${j + 1}`, color: `${color}88`, width: 1, legend: j === 0 })),
        ];
        if (paths.length > 0) series[2].label = `${paths.length} paths (RMS ${formatEstimate(e.rms, e.rmsError)})`;
        const data: (number | null)[][] = [x, u, pad(run.series.mean!.at(-1)!), ...paths.map(pad)];
        chart(box, {
          title: run.label,
          x: { label: 'x' },
          y: { label: 'v(T, x)', range: [0, 1] },
          series,
          height: 260,
        }).setData(data);
      });
    };

    const drawLasso = (result: ExperimentResult) => {
      lassoCard.replaceChildren(el('h3', undefined, 'LASSO ½‖Ax − y‖² + ½‖x‖₁ split into 4 rows and the ℓ1 term: mean iterate against x* = (4/9, 1.06, 0)'));
      const box = el('div');
      lassoCard.append(box);
      const t = result.runs[0].series.t;
      const series: ConstructorParameters<typeof Chart>[1]['series'] = [];
      const data: (number | null)[][] = [t];
      LASSO_X.forEach((xs, k) => {
        result.runs.forEach((run, i) => {
          series.push({ label: `${run.label}: E x${k + 1}`, color: COORDINATE_COLORS[k], width: i === 0 ? 2 : 1.5, dash: i === 0 ? undefined : [6, 3] });
          data.push(run.series.mean!.map((m) => m[k]));
        });
        series.push({ label: `x*${k + 1} = ${formatValue(xs)}`, color: '#57606a', width: 1, dash: [2, 3] });
        data.push(t.map(() => xs));
      });
      chart(box, { title: `E x(t), h = ${LASSO_H}`, x: { label: 'model time t' }, y: { label: 'mean coordinate' }, series, height: 280 }).setData(data);
      const table = el('table', 'cells');
      const head = table.createTHead().insertRow();
      for (const h of ['method', `E x(${LASSO_T}) ± SE`, `‖E x(${LASSO_T}) − x*‖ ± SE`]) head.append(el('th', undefined, h));
      const body = table.createTBody();
      for (const run of result.runs) {
        const d = lassoBias(run);
        const row = body.insertRow();
        const se = run.series.meanStandardError!.at(-1)!;
        for (const text of [run.label, `(${d.mean.map((v, k) => formatEstimate(v, se[k])).join(', ')})`, formatEstimate(d.bias, d.biasError)]) row.insertCell().textContent = text;
      }
      const scroll = el('div', 'scroll-x');
      scroll.append(table);
      lassoCard.append(scroll);
    };

    return {
      async run(context: ViewContext): Promise<ExperimentResult[]> {
        const { gpu, experiments, config, signal, status } = context;
        const kept = new Map<string, unknown>();
        const results: ExperimentResult[] = [];
        charts.forEach((c) => c.dispose());
        charts = [];
        const names = ['scalar, against time', 'scalar, h sweep', 'heat', 'LASSO'];
        for (const [i, experiment] of experiments.entries()) {
          const key = JSON.stringify(experiment);
          let out = cache.get(key);
          if (!out) {
            const progress = (p: { run: number; runs: number }) => status(`file ${i + 1} of ${experiments.length} (${names[i]}), run ${p.run + 1} of ${p.runs}`);
            out = i === 2 ? await runHeat(context, experiment) : await runExperiment(experiment, { device: gpu, signal, onProgress: progress });
          }
          if (signal.aborted) throw new DOMException('superseded', 'AbortError');
          kept.set(key, out);
          const result = i === 2 ? (out as HeatRun).result : (out as ExperimentResult);
          results.push(result);
          if (i === 0) drawTime(config, result);
          else if (i === 1) drawSweep(config, result);
          else if (i === 2) drawHeat(config, out as HeatRun);
          else drawLasso(result);
        }
        cache = kept;
        return results;
      },
      dispose() {
        charts.forEach((c) => c.dispose());
      },
    };
  },
};

export default view;
