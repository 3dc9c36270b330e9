import { describe, expect, it } from 'vitest';
import { parseExperiment, type Experiment } from '../../src/experiment';
import { formatConsoleReport } from '../../src/report/console-report';
import { measureExperiment, reportExperiment } from '../../src/run';
import { internalNames } from '../fuzz/internal-names';
import { describeRun, sdeflow } from '../support/cli';

/**
 * What users read: errors name the fault in the user's terms (never a function of
 * the code), a missing Vulkan adapter says how to get one, and the console says
 * at which time it compares two runs.
 */

function parsed(doc: unknown): Experiment {
  const p = parseExperiment(doc);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.experiment;
}

/** The lines of the console report's comparison section. */
async function comparisonLines(doc: unknown): Promise<string[]> {
  const experiment = parsed(doc);
  const text = formatConsoleReport(reportExperiment(experiment, await measureExperiment(experiment, { device: 'cpu' })));
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Comparisons at'));
  expect(at, text).toBeGreaterThan(0);
  return lines.slice(at, at + 3);
}

const ou = (dts: number[], steps: number, every: number) => ({
  objective: { kind: 'quadratic', A: [[1]] },
  dynamics: dts.map((dt, i) => ({ kind: 'gradient-sde', label: `run${i}`, dt, sigma: 1 })),
  x0: [1],
  trajectories: 256,
  steps,
  record: { every },
});

describe('user-facing messages', () => {
  it('a covariance that is not positive semi-definite is refused at $.noise.cov in words, naming no function of the code', () => {
    const result = parseExperiment({
      objective: { kind: 'quadratic', A: [[1, 0], [0, 1]] },
      noise: { kind: 'gaussian', cov: [[1, 2], [2, 1]] },
      dynamics: [{ kind: 'sgd', lr: 0.1 }],
      x0: [0, 0],
      trajectories: 256,
      steps: 10,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path === '$.noise.cov');
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue!.message).toMatch(/not positive semi-definite: its most negative eigenvalue is -1\b/);
    expect(internalNames(issue!.message)).toEqual([]);
  });

  it("the fuzzer's scan for internals flags a function name and passes the format's own field names", () => {
    expect(internalNames('psdFactor: matrix is not positive semi-definite')).toEqual(['psdFactor']);
    expect(internalNames('expected one of: kind, initial, every, factor, randomScale; found "learningRate" at $.sweep.learningRate')).toEqual([]);
  });

  it('--backend vulkan with no Vulkan adapter fails (exit 1) with a hint naming scripts/setup-lavapipe.sh', async () => {
    // An ICD list naming no file: the Vulkan loader finds no driver on any machine.
    const r = await sdeflow(['run', 'test/fixtures/experiments/ou-1d-tiny.json', '--backend', 'vulkan'], 110_000, { VK_ICD_FILENAMES: '/nonexistent/no-driver.json' });
    expect(r.code, describeRun(r)).toBe(1);
    expect(r.stderr).toMatch(/no WebGPU adapter: vulkan/);
    expect(r.stderr).toMatch(/^hint: .*scripts\/setup-lavapipe\.sh/m);
  });

  it('runs ending together are compared at the final checkpoint, and the header gives its time', async () => {
    const [header, , row] = await comparisonLines(ou([0.01, 0.01], 20, 5));
    expect(header).toBe('Comparisons at the final checkpoint, t = 0.2000 (± standard error):');
    expect(row).toMatch(/run0 vs run1\s+0\.2000\s/);
  });

  it('runs ending at different times (t = 0.2 and 0.4) are compared at the last time both record, and the header says so', async () => {
    const [header, , row] = await comparisonLines(ou([0.01, 0.02], 20, 5));
    expect(header).toMatch(/^Comparisons at the last checkpoint time both runs record \(column t; a longer run goes on after it/);
    expect(row).toMatch(/run0 vs run1\s+0\.2000\s/);
  });
});
