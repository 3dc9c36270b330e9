import { describe, expect, it } from 'vitest';
import { implicitRegularizationTable, runExperiment } from '../../src/internal';
import { regularizationFigure } from '../../scripts/plots/regularization-figure';
import { renderSvg } from '../../scripts/plots/render-svg';
import { exampleExperiment } from '../support/example-experiment';
import { svgTexts } from '../support/svg-well-formed';

describe('hb-regularization --svg (scripts/plots/regularization-figure.ts)', () => {
  it('draws both log-ratio panels against τ with one legend entry per method, from a float64 run', async () => {
    const result = await runExperiment(exampleExperiment('hb-directional-smoothness', { trajectories: 16 }), { device: 'cpu' });
    const curvature = 8 / 9; // the flat well: 8·depth/width² = 8·0.25/1.5²
    const table = implicitRegularizationTable(result, { curvature, window: [6, 12] });
    const texts = svgTexts(await renderSvg(regularizationFigure(result, table, curvature)));
    for (const text of ['log(E‖∇f‖² of GF / of the method); dashed: predicted slope', 'gradient-flow time τ = k·η/(1−β)', 'log ratio', ...result.runs.slice(1).map((r) => r.label)]) {
      expect(texts).toContain(text);
    }
    expect(texts).not.toContain(result.runs[0].label);
  });
});
