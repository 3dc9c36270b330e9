import { describe, expect, it } from 'vitest';
import { implicitRegularizationTable, runExperiment } from '../../src/internal';
import { testDevice } from '../support/gpu';
import { directionalSmoothnessExperiment, expectRegularizationOrdering, FLAT_CURVATURE } from '../support/hb-regularization';

describe('implicit regularization on the GPU (float32)', () => {
  it('the ordering HB(0.8) < HB(0.5) < GD < GF holds up to τ = 6 and the excess rates over τ ∈ [2, 6] match the float64 reference within 5%', async () => {
    // τ ≤ 6: beyond τ ≈ 8 float32 iterates stall near the minimum at x = −2 (the step falls below half an ulp).
    const experiment = directionalSmoothnessExperiment({ trajectories: 256, steps: 1200 });
    const gpu = await runExperiment(experiment, { device: await testDevice() });
    const cpu = await runExperiment(experiment, { device: 'cpu' });
    expectRegularizationOrdering(gpu);
    const options = { curvature: FLAT_CURVATURE, window: [2, 6] as [number, number] };
    const g = implicitRegularizationTable(gpu, options).rows;
    const c = implicitRegularizationTable(cpu, options).rows;
    g.forEach((row, i) => expect(Math.abs(row.excessRate.slope / c[i].excessRate.slope - 1), row.label).toBeLessThan(0.05));
  });
});
