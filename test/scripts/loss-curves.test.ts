import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/internal';
import { histogramQuantile } from '../../src/stats/histogram-quantiles';
import { lossCurves, lossCurvesFigure } from '../../scripts/plots/loss-curves';
import { renderSvg } from '../../scripts/plots/render-svg';
import { svgTexts } from '../support/svg-well-formed';

/** A result with two runs whose loss histograms over [0, 1) hold 10 samples per bin in bins 2–5 (of 10), then 1–2. */
function lossResult(): ExperimentResult {
  const run = (label: string, scale: number) => ({
    label,
    series: {
      step: [0, 100, 200],
      t: [0, 1, 2],
      count: [40, 40, 40],
      loss: { value: [0.5 * scale, 0.3 * scale, 0.2 * scale], standardError: [0.01, 0.01, 0.01] },
      histogram: {
        coordinates: [],
        loss: {
          range: [0, 1] as [number, number],
          bins: 10,
          counts: [[0, 0, 10, 10, 10, 10, 0, 0, 0, 0], [0, 20, 20, 0, 0, 0, 0, 0, 0, 0], [0, 40, 0, 0, 0, 0, 0, 0, 0, 0]],
          underflow: [0, 0, 0],
          overflow: [0, 0, 0],
          quantiles: { p: [], value: [] },
        },
      },
    },
  });
  return { name: 'loss-fixture', runs: [run('SGD', 1), run('HB', 0.5)] } as unknown as ExperimentResult;
}

describe('plot-loss (scripts/plots/loss-curves.ts)', () => {
  it('reads the band off each checkpoint histogram with the library histogramQuantile', () => {
    const result = lossResult();
    const [sgd] = lossCurves(result, [0.1, 0.9]);
    const h = result.runs[0].series.histogram!.loss!;
    sgd.step.forEach((_, c) => {
      const histogram = { lo: 0, hi: 1, counts: h.counts[c], underflow: 0, overflow: 0 };
      expect(sgd.lo![c]).toBe(histogramQuantile(histogram, 0.1));
      expect(sgd.hi![c]).toBe(histogramQuantile(histogram, 0.9));
    });
    // Checkpoint 0: 40 samples uniform on [0.2, 0.6): the 10% and 90% points are 0.24 and 0.56.
    expect(sgd.lo![0]).toBeCloseTo(0.24, 12);
    expect(sgd.hi![0]).toBeCloseTo(0.56, 12);
  });

  it('draws a well-formed SVG with the title, both axes, the band in the axis title and one legend entry per run', async () => {
    const result = lossResult();
    const texts = svgTexts(await renderSvg(lossCurvesFigure(lossCurves(result, [0.1, 0.9]), [0.1, 0.9], 'ReLU net')));
    for (const text of ['ReLU net', 'step k', 'f(x_k): mean, 10–90% band', 'SGD', 'HB', '1e-1', '1e0']) expect(texts).toContain(text);
  });

  it('refuses a result where no run recorded the loss', () => {
    const result = { name: 'no-loss', runs: [{ label: 'SGD', series: { step: [0] } }] } as unknown as ExperimentResult;
    expect(() => lossCurves(result, [0.1, 0.9])).toThrow(/no-loss: no run recorded "loss"/);
  });
});
