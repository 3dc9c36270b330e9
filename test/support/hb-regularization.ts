import { expect } from 'vitest';
import type { ExperimentResult } from '../../src/internal';
import { exampleExperiment } from './example-experiment';

/** The flat well's curvature 8·depth/width² of experiments/hb-directional-smoothness.json. */
export const FLAT_CURVATURE = (8 * 0.25) / 1.5 ** 2;

export const directionalSmoothnessExperiment = (overrides: Record<string, unknown>) => exampleExperiment('hb-directional-smoothness', overrides);

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
