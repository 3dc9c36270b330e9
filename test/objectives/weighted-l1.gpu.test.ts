import { describe, expect, it } from 'vitest';
import { weightedL1 } from '../../src/objectives/weighted-l1';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleGpu, runExperiment } from '../../src/internal';
import { testDevice } from '../support/gpu';

const CENTER = [0.5, -0.25];
const OBJECTIVE = { kind: 'weighted-l1', weights: [1, 2], center: CENTER };

describe('weighted L1 on the GPU', () => {
  it('E f(x₀) and E‖x₀ − c‖² of a Gaussian start (65,536 trajectories) match their closed forms within 5 standard errors', async () => {
    const mean = [1.5, -1];
    const std = [0.8, 0.3];
    const result = await runExperiment(
      assertExperiment({
        seed: 'weighted-l1-start',
        objective: OBJECTIVE,
        dynamics: [{ kind: 'sgd', lr: 0.01 }],
        x0: { kind: 'gaussian', mean, std },
        trajectories: 65536,
        steps: 1,
        record: { observables: ['loss', 'distance'] },
      }),
      { device: await testDevice() },
    );
    const s = result.runs[0].series;
    const exactLoss = weightedL1.gaussianExpectation({ kind: 'weighted-l1', weights: [1, 2], center: CENTER }, mean, [[std[0] ** 2, 0], [0, std[1] ** 2]]);
    const exactDistance = (mean[0] - CENTER[0]) ** 2 + (mean[1] - CENTER[1]) ** 2 + std[0] ** 2 + std[1] ** 2;
    console.info(`E f(x0): ${s.loss!.value[0]} ± ${s.loss!.standardError[0]} (exact ${exactLoss}); E‖x0 − c‖²: ${s.distance!.value[0]} ± ${s.distance!.standardError[0]} (exact ${exactDistance})`);
    expect(Math.abs(s.loss!.value[0] - exactLoss)).toBeLessThan(5 * s.loss!.standardError[0]);
    expect(Math.abs(s.distance!.value[0] - exactDistance)).toBeLessThan(5 * s.distance!.standardError[0]);
  });

  it('with exact subgradients, every method started at a kink stays on it: from x₀ = c nothing moves (sign(0) = 0, the normalized guard), from (c₁, c₂ + 1) coordinate 1 never leaves c₁', async () => {
    const gpu = await testDevice();
    const lr = { kind: 'inverse-power', scale: 0.1, power: 0.6, randomScale: [0.5, 1.5] };
    const dynamics = [
      { kind: 'sgd', lr },
      { kind: 'heavy-ball-sgd', lr },
      { kind: 'signsgd', lr },
      { kind: 'lion', lr },
      { kind: 'normalized-sgd', lr },
      { kind: 'clipped-sgd', lr },
      { kind: 'clipped-sgd', lr, coordinatewise: true },
    ];
    for (const x0 of [CENTER, [CENTER[0], CENTER[1] + 1]]) {
      const experiment = assertExperiment({ seed: 'weighted-l1-kink', objective: OBJECTIVE, dynamics, x0, trajectories: 64, steps: 300, record: { every: 100 } });
      for (const run of expandRuns(experiment)) {
        const tracked = (await runEnsembleGpu(gpu, ensembleSpec(experiment, run), { trackTrajectories: 64 })).tracked!;
        const label = `${run.dynamics.kind} from (${x0.join(', ')})`;
        for (const states of tracked) {
          for (let t = 0; t < 64; t++) {
            expect(states[2 * t], label).toBe(CENTER[0]);
            if (x0 === CENTER) expect(states[2 * t + 1], label).toBe(CENTER[1]);
          }
        }
        if (x0 !== CENTER) {
          // Coordinate 2 did move: it reached its kink's neighbourhood.
          const last = tracked.at(-1)!;
          expect(Math.max(...Array.from({ length: 64 }, (_, t) => Math.abs(last[2 * t + 1] - CENTER[1]))), label).toBeLessThan(0.5);
        }
      }
    }
  });
});
