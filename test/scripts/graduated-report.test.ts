import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/intervals';
import { proportionalFit } from '../../src/stats/proportional-fit';
import { A, C, K, smoothingFits, successGrid } from '../../scripts/graduated/graduated-results';
import { renderSvg } from '../../scripts/plots/render-svg';
import { successMapFigure } from '../../scripts/plots/success-map';
import { svgTexts } from '../support/svg-well-formed';

const PROBES = Array.from({ length: 16 }, (_, i) => -2 + (4 * i) / 15);
const LRS = [0.0125, 0.025];

/**
 * graduated-smoothing-b{b} whose mean after two steps is exactly that of SGD under a
 * Gaussian kernel of width δ_true(η) = 0.9·ηC/√b: E x₂ = y − η(y + Â sin(ky)), Â = a k e^{−k²δ²/2}.
 */
function smoothingResult(b: number) {
  return {
    experiment: { x0: PROBES },
    runs: LRS.map((lr) => {
      const trueDelta = (0.9 * lr * C) / Math.sqrt(b);
      const amplitude = A * K * Math.exp((-K * K * trueDelta * trueDelta) / 2);
      const mean = PROBES.map((x) => {
        const y = x - lr * (x + A * K * Math.sin(K * x));
        return y - lr * (y + amplitude * Math.sin(K * y));
      });
      return { label: `SGD b=${b}`, dynamics: { lr }, series: { step: [0, 1, 2], count: [1e5, 1e5, 1e5], mean: [[], [], mean], meanStandardError: [[], [], PROBES.map(() => 1e-5)] } };
    }),
  };
}

/** graduated-success-b{b}: one run per lr with P(global) = (i + 1)/4 of 1000 paths. */
function successResult(b: number) {
  return {
    experiment: { noise: { kind: 'rademacher', scale: C, batchSize: b } },
    runs: LRS.map((lr, i) => {
      const inside = 250 * (i + 1);
      return {
        label: `lr ${lr}`,
        dynamics: { lr },
        series: {
          step: [0, 2000],
          count: [1000, 1000],
          loss: { value: [5, 1 - i * 0.5], standardError: [0, 0.01] },
          regions: { global: { inside: [0, inside], fraction: [wilsonInterval(0, 1000), wilsonInterval(inside, 1000)] }, inner: { inside: [0, inside], fraction: [] } },
        },
      };
    }),
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sdeflow-graduated-'));
  for (const b of [1, 4]) {
    writeFileSync(join(dir, `graduated-smoothing-b${b}.json`), JSON.stringify(smoothingResult(b)));
    writeFileSync(join(dir, `graduated-success-b${b}.json`), JSON.stringify(successResult(b)));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('graduated report (scripts/graduated/graduated-results.ts)', () => {
  it('recovers the smoothing degree of an exact Gaussian kernel, and the constant c = 0.9 by the library proportionalFit', () => {
    const s = smoothingFits(dir);
    expect(s.fits).toHaveLength(4);
    for (const f of s.fits) expect(f.deltaEff / f.predicted).toBeCloseTo(0.9, 9);
    const resolved = s.fits.filter((f) => f.deltaSe < f.deltaEff / 4);
    const expected = proportionalFit(resolved.map((f) => ({ x: f.predicted, y: f.deltaEff, standardError: f.deltaSe })));
    expect(s.all).toEqual(expected);
    expect(s.all!.value).toBeCloseTo(0.9, 9);
  });

  it('draws the success map: a well-formed SVG with both axes, P and its Wilson interval in each cell, and the iso-δ lines named', async () => {
    const cells = successGrid(dir);
    expect(cells.map((c) => [c.b, c.lr, c.global.value])).toEqual([[1, 0.0125, 0.25], [1, 0.025, 0.5], [4, 0.0125, 0.25], [4, 0.025, 0.5]]);
    const texts = svgTexts(await renderSvg(successMapFigure(cells, 'llvmpipe')));
    const half = wilsonInterval(500, 1000);
    for (const text of ['learning rate η', 'batch size b', 'P(global)', '0.500', `[${half.lo.toFixed(3)}, ${half.hi.toFixed(3)}]`, 'δ=0.250 E f=0.50', '1,000 trajectories per cell; llvmpipe', 'equal δ = ηC/√b: 0.0625, 0.125, 0.25, 0.5']) {
      expect(texts).toContain(text);
    }
  });
});
