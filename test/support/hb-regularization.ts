import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseExperimentJson, type ExperimentResult } from '../../src/index';

/** The flat well's curvature 8·depth/width² of experiments/hb-directional-smoothness.json. */
export const FLAT_CURVATURE = (8 * 0.25) / 1.5 ** 2;

export function directionalSmoothnessExperiment(overrides: Record<string, unknown>) {
  const raw = JSON.parse(readFileSync(new URL('../../experiments/hb-directional-smoothness.json', import.meta.url), 'utf8'));
  const parsed = parseExperimentJson(JSON.stringify({ ...raw, ...overrides }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.experiment;
}

/** Every checkpoint after τ = 0.5: E‖∇f‖² and directional smoothness fall strictly from GF to GD to HB 0.5 to HB 0.8. */
export function expectRegularizationOrdering(result: ExperimentResult): void {
  const [gf, ...methods] = result.runs;
  gf.series.step.forEach((step, i) => {
    if (step * 0.005 < 0.5) return;
    let previous = gf;
    for (const run of methods) {
      expect(run.series.gradient!.value[i], `${run.label} vs ${previous.label}, E‖∇f‖² at step ${step}`).toBeLessThan(previous.series.gradient!.value[i]);
      expect(run.series.smoothness!.value[i], `${run.label} vs ${previous.label}, smoothness at step ${step}`).toBeLessThan(previous.series.smoothness!.value[i]);
      previous = run;
    }
  });
}
