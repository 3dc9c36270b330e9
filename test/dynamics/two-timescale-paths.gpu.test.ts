import { describe, expect, it } from 'vitest';
import type { EnsembleSpec } from '../../src/ensemble/ensemble-spec';
import type { ClippedSgdDynamics } from '../../src/dynamics/clipped-sgd';
import type { LionDynamics } from '../../src/dynamics/lion';
import type { TwoTimescaleBase } from '../../src/dynamics/two-timescale';
import { assertExperiment, ensembleSpec, expandRuns, runEnsembleGpu, runEnsembleReference } from '../../src/internal';
import type { ReferenceNoise } from '../../src/noise/noise-descriptor';
import type { WeightedL1Objective } from '../../src/objectives/weighted-l1';
import { clippedSgdUpdate } from '../../src/reference/dynamics/clipped-sgd';
import { heavyBallSgdUpdate } from '../../src/reference/dynamics/heavy-ball-sgd';
import { lionUpdate } from '../../src/reference/dynamics/lion';
import { normalizedSgdUpdate } from '../../src/reference/dynamics/normalized-sgd';
import { signSgdUpdate } from '../../src/reference/dynamics/signsgd';
import { referenceTwoTimescale, twoTimescaleNorm, type TwoTimescaleUpdate } from '../../src/reference/dynamics/two-timescale';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { RngPurpose } from '../../src/rng/streams';
import { testDevice } from '../support/gpu';

const N = 512;
const K = 400;

/**
 * f32 tolerance of a path that met no sign argument near 0. Away from sign flips a
 * step of SignSGD or Lion is a translation by the exact ±η, and on the L1 objective the
 * momentum of every method averages gradients that differ only by the GPU/CPU normal
 * gap (2e-6·σ): each step then adds at most 1 ulp of |x| < 16 (9.5e-7) from the final
 * fma, plus η·(64u + |Δd|) ≲ 1e-7. In the worst case all 400 roundings share a sign:
 * 400 × 9.5e-7 ≈ 3.8e-4. (On the quadratic the momentum recursion is stable, and
 * |x| < 4 halves the ulp.) Roundings are unbiased, so the measured maxima are ~√400 ulp:
 * 2e-5 where |x| ≈ 14, 1–4e-6 where |x| ≲ 2.
 */
const PATH_TOLERANCE = 4e-4;

/**
 * A sign argument (xᵢ − cᵢ at a kink of the L1 objective, mᵢ of SignSGD, β₁m + (1 − β₁)g
 * of Lion) closer to 0 than this may take different signs in f32 and float64: the
 * discrepancy of x near the kinks is ≤ 4e-6 (|x| ≲ 2), that of m at most ‖A‖ ≈ 2.3 times
 * it plus the normal gap, ≤ 1e-5. Normalized SGD divides by ‖m‖, which multiplies
 * discrepancies by 2/‖m‖: below ‖m‖ = 1e-3 its path is not compared either.
 */
const SIGN_MARGIN = 2e-5;
const NORM_MARGIN = 1e-3;

/**
 * Where paths cross kinks at every step, a flip needs |xᵢ − cᵢ| below the current
 * discrepancy δ at some step. Paths hover within ~ηₖ of c, so that has probability
 * ≈ 2δ/ηₖ per coordinate and step: Σₖ 2δ/ηₖ ≈ 2δ·400^1.6/(1.6·0.1) ≈ 0.18 per coordinate
 * for δ = 1e-6, and ~0.04 for the typical δ ≈ 2e-7 at |x| ≲ 1: a few per cent of paths
 * (two coordinates), at most ~36%. We allow 20%.
 */
const MAX_FLIPPED_FRACTION = 0.2;

const lr = { kind: 'inverse-power', scale: 0.1, power: 0.6, randomScale: [0.5, 1.5] };
const theta = { kind: 'inverse-power', scale: 1, power: 0.3, randomScale: [0.5, 1] };
const METHODS = [
  { kind: 'heavy-ball-sgd', lr, theta },
  { kind: 'signsgd', lr, theta },
  { kind: 'lion', lr, theta, weightDecay: 0.1 },
  { kind: 'normalized-sgd', lr, theta },
  { kind: 'clipped-sgd', lr, theta, clip: 1 },
  { kind: 'clipped-sgd', lr, theta, clip: 0.5, coordinatewise: true, label: 'clipped-sgd coordinatewise' },
];

const CENTER = [0.5, -0.25];
const L1 = { kind: 'weighted-l1', weights: [1, 2], center: CENTER };
const SETTINGS = [
  // Starts (8, −12) away: the total travel Σηₖ|dᵢ| ≲ 0.15·27.5·wᵢ (4.1, 8.3) never reaches the kinks.
  { name: 'weighted-l1 away from its kinks', objective: L1, x0: { kind: 'gaussian', mean: [8.5, -12.25], std: 0.5 } },
  // Starts around c: paths cross the kinks x_i = c_i at nearly every step once there.
  { name: 'weighted-l1 crossing its kinks', objective: L1, x0: { kind: 'gaussian', mean: CENTER, std: 1 } },
  { name: 'quadratic', objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, -0.5] }, x0: { kind: 'gaussian', mean: [0, 0], std: 1 } },
];

/** The float64 update of a method, and where in a step its sign arguments come close to 0. */
function probedUpdate(item: TwoTimescaleBase & { kind: string }, near: () => void): TwoTimescaleUpdate {
  switch (item.kind) {
    case 'heavy-ball-sgd':
      return heavyBallSgdUpdate;
    case 'signsgd':
      return (x, m, g, eta, th) => {
        signSgdUpdate(x, m, g, eta, th);
        if (m.some((v) => Math.abs(v) < SIGN_MARGIN)) near();
      };
    case 'lion': {
      const { beta1, weightDecay } = item as LionDynamics;
      return (x, m, g, eta, th) => {
        if (m.some((v, i) => Math.abs(beta1 * v + (1 - beta1) * g[i]) < SIGN_MARGIN)) near();
        lionUpdate(x, m, g, eta, th, beta1, weightDecay);
      };
    }
    case 'normalized-sgd':
      return (x, m, g, eta, th) => {
        normalizedSgdUpdate(x, m, g, eta, th);
        if (twoTimescaleNorm(m) < NORM_MARGIN) near();
      };
    case 'clipped-sgd': {
      const { clip, coordinatewise } = item as ClippedSgdDynamics;
      return (x, m, g, eta, th) => clippedSgdUpdate(x, m, g, eta, th, clip, coordinatewise);
    }
  }
  throw new Error(`not a two-timescale method: ${item.kind}`);
}

/**
 * Replays trajectory `traj` of the float64 reference with the same arithmetic, and returns
 * its states at the checkpoints and the first step whose sign arguments came within the
 * margin of 0 (Infinity if none): the GPU path must agree up to that step.
 */
function replay(spec: EnsembleSpec, traj: number): { states: Float64Array[]; firstNear: number } {
  const dim = spec.dim;
  const f = spec.objective.descriptor.reference(spec.objective.value, dim);
  const noise = spec.noise!.descriptor.reference(spec.noise!.value, f, dim);
  const objective = spec.objective.value as { kind: string };
  const center = objective.kind === 'weighted-l1' ? (objective as WeightedL1Objective).center : undefined;
  let step = 0;
  let firstNear = Infinity;
  const near = () => (firstNear = Math.min(firstNear, step));
  const probed: ReferenceNoise = {
    grad(x, out, k, stream) {
      noise.grad(x, out, k, stream);
      if (center && center.some((c, i) => Math.abs(x[i] - c) < SIGN_MARGIN)) near();
    },
  };
  const item = spec.dynamics.value as TwoTimescaleBase & { kind: string };
  const dynamics = referenceTwoTimescale(item, dim, probed, probedUpdate(item, near));
  const stream = new TrajectoryStream(spec.key, traj);
  const z = stream.normals(0, RngPurpose.INIT, dim, new Float64Array(dim));
  const x = Float64Array.from(spec.initial.mean, (m, i) => m + spec.initial.std[i] * z[i]);
  dynamics.init!(x, stream);
  const states: Float64Array[] = [];
  for (const c of spec.checkpoints) {
    for (; step < c; step++) dynamics.step(x, step, stream);
    states.push(Float64Array.from(x));
  }
  return { states, firstNear };
}

describe('the two-timescale methods on the GPU follow the float64 reference path by path (same random numbers, Gaussian noise, random step-size factors)', () => {
  for (const setting of SETTINGS) {
    it(`${setting.name}: every method, ${N} trajectories × ${K} steps, agree within ${PATH_TOLERANCE} up to the first sign argument within f32 reach of 0; such paths counted`, async () => {
      const gpu = await testDevice();
      const experiment = assertExperiment({
        seed: `two-timescale-paths ${setting.name}`,
        objective: setting.objective,
        noise: { kind: 'gaussian', cov: [0.5, 0.25] },
        dynamics: METHODS,
        x0: setting.x0,
        trajectories: N,
        steps: K,
        record: { every: 40, observables: ['mean'] },
      });
      const lines: string[] = [];
      const results: { label: string; kind: string; maxCompared: number; maxAll: number; compared: number; total: number; near: number; diverged: number; moved: number }[] = [];
      for (const run of expandRuns(experiment)) {
        const spec = ensembleSpec(experiment, run);
        const g = (await runEnsembleGpu(gpu, spec, { trackTrajectories: N })).tracked!;
        const c = (await runEnsembleReference(spec, { trackTrajectories: N })).tracked!;
        let compared = 0;
        let maxCompared = 0;
        let maxAll = 0;
        let near = 0;
        let diverged = 0;
        let moved = 0;
        for (let t = 0; t < N; t++) {
          const { states, firstNear } = replay(spec, t);
          if (firstNear < K) near++;
          let pathMax = 0;
          spec.checkpoints.forEach((step, k) => {
            for (let i = 0; i < spec.dim; i++) {
              // The replay is the reference, operation for operation.
              expect(states[k][i]).toBe(c[k][t * spec.dim + i]);
              const d = Math.abs(g[k][t * spec.dim + i] - c[k][t * spec.dim + i]);
              pathMax = Math.max(pathMax, d);
              moved = Math.max(moved, Math.abs(c[k][t * spec.dim + i] - c[0][t * spec.dim + i]));
              if (step <= firstNear) {
                compared++;
                maxCompared = Math.max(maxCompared, d);
              }
            }
          });
          maxAll = Math.max(maxAll, pathMax);
          if (pathMax > PATH_TOLERANCE) diverged++;
        }
        const label = run.dynamics.label ?? run.dynamics.kind;
        results.push({ label, kind: run.dynamics.kind, maxCompared, maxAll, compared, total: N * spec.checkpoints.length * spec.dim, near, diverged, moved });
        lines.push(
          `${label.padEnd(27)} max |Δ| ${maxCompared.toExponential(2)} before any near-0 sign argument (${compared} values), ` +
            `${near} paths with one, ${diverged} of them apart by > ${PATH_TOLERANCE} (largest ${maxAll.toExponential(2)})`,
        );
      }
      console.info(`${setting.name}:\n  ${lines.join('\n  ')}`);
      for (const { label, kind, maxCompared, maxAll, compared, total, near, diverged, moved } of results) {
        expect(maxCompared, label).toBeLessThanOrEqual(PATH_TOLERANCE);
        // A path can only come apart after a sign argument came near 0.
        expect(diverged, label).toBeLessThanOrEqual(near);
        // The comparisons have power: paths move by far more than the tolerance, and most values are compared.
        expect(moved).toBeGreaterThan(1);
        if (setting.name === 'weighted-l1 crossing its kinks') {
          expect(diverged, label).toBeLessThanOrEqual(MAX_FLIPPED_FRACTION * N);
          expect(compared, label).toBeGreaterThan(0.3 * total);
        } else {
          // Away from kinks, and on the quadratic, near-0 sign arguments are rare (|m| ~ 0.1–2 against a margin of 2e-5).
          expect(near, label).toBeLessThanOrEqual(0.1 * N);
          expect(compared, label).toBeGreaterThan(0.9 * total);
        }
        if (['heavy-ball-sgd', 'clipped-sgd'].includes(kind) && setting.objective.kind === 'quadratic') {
          // Lipschitz methods on a smooth objective have no sign argument at all.
          expect(near).toBe(0);
          expect(maxAll).toBeLessThanOrEqual(PATH_TOLERANCE);
        }
      }
    });
  }
});
