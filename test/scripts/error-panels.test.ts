import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment, type ExperimentResult } from '../../src/internal';
import { errorCurves, errorPanelsFigure, slopeText } from '../../scripts/plots/error-panels';
import { renderSvg } from '../../scripts/plots/render-svg';
import { exampleExperiment } from '../support/example-experiment';
import { svgTexts } from '../support/svg-well-formed';

// A real result with sweepSlopes: the heavy-ball flow orders in float64, 64 paths.
let result: ExperimentResult;
let dir: string;
beforeAll(async () => {
  result = await runExperiment(exampleExperiment('hb-flow-orders', { trajectories: 64 }), { device: 'cpu' });
  dir = mkdtempSync(join(tmpdir(), 'sdeflow-plot-errors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plot-errors (scripts/plots/error-panels.ts)', () => {
  it('draws one line per pair against the first item, each legend carrying the slope and interval of sweepSlopes', async () => {
    const curves = errorCurves({ result, quantity: 'strong', title: 'quadratic' });
    const strong = result.sweepSlopes.filter((s) => s.quantity === 'strong' && s.pair?.[0] === 0);
    expect(curves.map((c) => c.slope)).toEqual(strong);
    const texts = svgTexts(await renderSvg(errorPanelsFigure([{ result, quantity: 'strong', title: 'quadratic, β = 0.5' }], 'Heavy-ball flow orders')));
    for (const s of strong) {
      const label = `${result.experiment.dynamics[s.pair![1]].label} vs HB: slope ${s.slope.value.toFixed(2)} [${s.slope.lo.toFixed(2)}, ${s.slope.hi.toFixed(2)}]`;
      expect(texts).toContain(label);
    }
    for (const text of ['Heavy-ball flow orders', 'quadratic, β = 0.5', '|error| in strong', 'lr', 'slope 1', 'slope 2', '0.04', '0.005']) expect(texts).toContain(text);
  });

  it('says "Monte Carlo level" when more than half the points are within 1.96 SE of 0', () => {
    const s = { ...result.sweepSlopes[0], points: [1, 2, 3].map((x, i) => ({ x, y: 0.1, standardError: i === 0 ? 0.01 : 0.1 })) };
    expect(slopeText(s)).toBe('Monte Carlo level (2/3 within 1.96 SE of 0)');
  });

  it('names the quantities a result has when asked for one it lacks', () => {
    expect(() => errorCurves({ result, quantity: 'weak loss', title: '' })).toThrow(/no sweepSlopes entry with quantity "weak loss" \(it has: .*strong/);
  });

  it('as a command writes the SVG, and exits 2 with the usage on a bad argument', () => {
    const input = join(dir, 'hb-flow-orders.result.json');
    const output = join(dir, 'orders.svg');
    writeFileSync(input, JSON.stringify(result));
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', './scripts/register-sources.mjs', 'scripts/plot-errors.ts', ...args], { encoding: 'utf8' });
    const ok = run([output, '--title', 'orders', '--panel', input, 'strong', 'quadratic']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(svgTexts(readFileSync(output, 'utf8'))).toContain('|error| in strong');
    const bad = run([output, '--panels', input]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unexpected argument "--panels"[\s\S]*usage:/);
  });
});
