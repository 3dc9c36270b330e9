/** Live curves of the five methods: E‖x − x*‖² (log-log) and P(‖x‖ < 0.05), filled in as the ensembles run. */
import { LiveExperiment, type ExperimentResult } from 'sdeflow';
import { Chart, PALETTE } from '../../app/plot';
import type { MountedView, PageView, ViewContext } from '../../app/page-definition';
import { WITHIN } from './two-timescale-page';

const FRAMES = 40;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

const view: PageView = {
  mount(root: HTMLElement): MountedView {
    root.replaceChildren();
    const row = document.createElement('div');
    row.className = 'row';
    const a = document.createElement('div');
    a.className = 'card';
    const b = document.createElement('div');
    b.className = 'card';
    row.append(a, b);
    root.append(row);
    let charts: Chart[] = [];
    const clear = () => {
      charts.forEach((c) => c.dispose());
      charts = [];
      a.replaceChildren();
      b.replaceChildren();
    };
    return {
      async run({ gpu, experiment, signal, status }: ViewContext): Promise<ExperimentResult> {
        status('compiling kernels…');
        const live = await LiveExperiment.create(gpu, experiment);
        try {
          clear();
          const series = live.runs.map((r, i) => ({ label: r.label, color: PALETTE[i % PALETTE.length] }));
          const distance = new Chart(a, { title: 'Mean-square distance to x* = 0', x: { label: 'step k', log: true, fit: true }, y: { label: 'E‖x_k − x*‖²', log: true }, series, height: 320 });
          const within = new Chart(b, { title: 'Fraction within 0.05 of x*', x: { label: 'step k', log: true, fit: true }, y: { label: 'P(‖x_k‖ < 0.05)', range: [0, 1] }, series, height: 320 });
          charts = [distance, within];
          let result: ExperimentResult;
          for (;;) {
            if (signal.aborted) throw new DOMException('superseded', 'AbortError');
            await live.advanceFraction(1 / FRAMES);
            result = await live.report();
            const reached = live.runs[0].ensemble.checkpointsReached;
            // Step 0 cannot sit on a log axis: the curves start at the first checkpoint after it.
            const k = result.runs[0].series.step.slice(1, reached);
            distance.setData([k, ...result.runs.map((r) => r.series.distance!.value.slice(1, reached))]);
            within.setData([k, ...result.runs.map((r) => r.series.regions![WITHIN].fraction.slice(1, reached).map((f) => f.value))]);
            status(`running: step ${live.runs[0].ensemble.step.toLocaleString('en-US')} of ${experiment.trajectories ? result.runs[0].steps.toLocaleString('en-US') : ''}`);
            if (live.done) return result;
            await nextFrame();
          }
        } finally {
          live.dispose();
        }
      },
      dispose: clear,
    };
  },
};

export default view;
