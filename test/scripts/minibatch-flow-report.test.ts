import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanSquaredDeviation } from '../../src/stats/deviation-from-target';
import { logLogSlope } from '../../src/stats/loglog-slope';
import { minibatchFlowErrors } from '../../scripts/minibatch-flow/minibatch-flow-errors';
import { minibatchFlowFigure } from '../../scripts/plots/minibatch-flow-figure';
import { renderSvg } from '../../scripts/plots/render-svg';
import { svgTexts } from '../support/svg-well-formed';

const U1 = -0.5 + 2.5 * Math.exp(-2);
const HS = [0.04, 0.02, 0.01];

/** minibatch-flow-scalar with one item whose error at t = 1 is Var = 0.1·h and bias 0.2·h (E(v − u)² ≈ 0.1h). */
function scalarResult() {
  return {
    device: { kind: 'cpu', description: 'fixture device' },
    experiment: { sweep: { param: 'h' } },
    runs: HS.map((h) => ({
      label: 'flow, fixed',
      dynamics: { h },
      series: { t: [0, 1], count: [4096, 4096], mean: [[1], [U1 + 0.2 * h]], meanStandardError: [[0], [1e-3]], variance: [[0], [0.1 * h]], varianceStandardError: [[0], [1e-4]] },
    })),
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sdeflow-minibatch-flow-'));
  writeFileSync(join(dir, 'minibatch-flow-scalar.json'), JSON.stringify(scalarResult()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('minibatch-flow report (scripts/minibatch-flow/minibatch-flow-errors.ts)', () => {
  it('measures E(v − u)² with the library meanSquaredDeviation and fits its slope with logLogSlope', () => {
    const errors = minibatchFlowErrors(dir);
    expect(errors.curves).toHaveLength(1);
    const [curve] = errors.curves;
    HS.forEach((h, i) => {
      const expected = meanSquaredDeviation({ mean: [U1 + 0.2 * h], covariance: [[0.1 * h]], count: 4096 }, [U1]);
      expect(curve.points[i]).toEqual({ x: h, y: expected.value, se: expected.standardError });
    });
    expect(curve.slope).toEqual(logLogSlope(curve.points.map((p) => ({ x: p.x, y: p.y, standardError: p.se }))));
    // 0.1h + 0.04h²: the slope is a little above 1.
    expect(curve.slope.slope).toBeGreaterThan(1);
    expect(curve.slope.slope).toBeLessThan(1.1);
    expect(errors.rows[0]).toContain(`| ${curve.slope.slope.toFixed(2)} ± ${curve.slope.standardError.toFixed(2)} (1) |`);
  });

  it('draws a well-formed SVG whose legend carries the fitted slope', async () => {
    const errors = minibatchFlowErrors(dir);
    const texts = svgTexts(await renderSvg(minibatchFlowFigure(errors)));
    const s = errors.curves[0].slope;
    for (const text of ['Mini-batch descent flow and RMM', 'fixture device', 'error vs step h (log-log), final time', 'h (lr for mini-batch GD)', 'E(v − u)² or E‖x − x*‖²', `scalar: flow, fixed: slope ${s.slope.toFixed(2)} ± ${s.standardError.toFixed(2)}`]) {
      expect(texts).toContain(text);
    }
  });
});
