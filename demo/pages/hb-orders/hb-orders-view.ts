/** Strong error against step size, log-log, one line per counter-term order, with η^(p+1) guides. */
import { runExperiment, type ExperimentResult } from 'sdeflow';
import { Chart, PALETTE } from '../../app/plot';
import { formatEstimate } from '../../app/format';
import type { MountedView, PageView, ViewContext } from '../../app/page-definition';
import { strongSlopes } from './hb-orders-page';

const view: PageView = {
  mount(root: HTMLElement): MountedView {
    root.replaceChildren();
    const card = document.createElement('div');
    card.className = 'card';
    const note = document.createElement('p');
    note.className = 'legend-note';
    note.textContent = 'Solid: measured E|x(T) − x_K| (points at each η); dashed: η^(p+1) through the largest-η point.';
    root.append(card);
    card.after(note);
    let chart: Chart | undefined;
    return {
      async run({ gpu, experiment, config, signal, status }: ViewContext): Promise<ExperimentResult> {
        const device = config.f64 === 1 ? 'cpu' : gpu;
        const result = await runExperiment(experiment, {
          device,
          signal,
          onProgress: (p) => status(`run ${p.run + 1} of ${p.runs} (${p.label}) on ${device === 'cpu' ? 'the float64 CPU reference' : 'WebGPU'}`),
        });
        const slopes = strongSlopes(result);
        const lrs = slopes[0].points.map((q) => q.x).sort((a, b) => a - b);
        const series = slopes.flatMap((s, p) => [
          { label: `p = ${p} (slope ${formatEstimate(s.slope.value, s.standardError)})`, color: PALETTE[p], points: true },
          { label: `η^${p + 1}`, color: PALETTE[p], dash: [5, 5] },
        ]);
        chart?.dispose();
        card.replaceChildren();
        chart = new Chart(card, { title: `Strong error at T = 1 (${device === 'cpu' ? 'float64 CPU' : 'WebGPU f32'})`, x: { label: 'step size η', log: true, fit: true }, y: { label: 'E|x(T) − x_K|', log: true }, series, height: 380 });
        const data: (number | null)[][] = [lrs];
        slopes.forEach((s, p) => {
          const at = (x: number) => s.points.find((q) => q.x === x)!.y;
          const top = lrs[lrs.length - 1];
          data.push(lrs.map((x) => (at(x) > 0 ? at(x) : null)));
          data.push(lrs.map((x) => at(top) * (x / top) ** (p + 1)));
        });
        chart.setData(data);
        return result;
      },
      dispose() {
        chart?.dispose();
      },
    };
  },
};

export default view;
