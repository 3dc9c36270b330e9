import { describe, expect, it } from 'vitest';
import { assertExperiment, ensembleSpec, expandRuns, pathDifferences, runEnsembleGpu, runEnsembleReference, type EnsembleSpec } from '../../src/internal';
import { summarizeStatistics } from '../../src/stats/summarize';
import { objectiveDescriptor } from '../../src/registry';
import { testDevice } from '../support/gpu';
import { minibatchCovariance, momentsWithStandardErrors, referenceOf, sampleGradients, sgdExperiment, specOf } from '../noise/finite-sum-fixtures';

const Z_MAX = 5;

/** The spec of a file-form experiment's first run. */
function spec(input: Record<string, unknown>): EnsembleSpec {
  const experiment = assertExperiment(input);
  return ensembleSpec(experiment, expandRuns(experiment)[0]);
}

/** docs/math.md §2d's success experiment: tilted cosine a = 1, k = 4 from the outermost local minimum, C = 10, η = 0.05, 2,000 steps. */
function successCell(batchSize: unknown, trajectories: number): EnsembleSpec {
  return spec({
    seed: 'graduated-success-cell',
    objective: { kind: 'tilted-cosine' },
    noise: { kind: 'rademacher', scale: 10, batchSize },
    dynamics: [{ kind: 'sgd', lr: 0.05 }],
    x0: [2.935583],
    trajectories,
    steps: 2000,
    record: { observables: ['mean', 'loss'], regions: { global: { kind: 'ball', center: [0], radius: 0.838175 } } },
  });
}

describe('Gaussian smoothing on the GPU: Monte Carlo E f(x + δu) against the closed form f_δ (2^16 trajectories, 5 SE)', () => {
  it.each([
    { name: 'tilted cosine d = 1', objective: { kind: 'tilted-cosine' }, x: [1], delta: 0.5, closed: 1.71346104 },
    { name: 'tilted cosine d = 1', objective: { kind: 'tilted-cosine' }, x: [2.5], delta: 0.25, closed: 4.66517261 },
    { name: 'tilted cosine d = 1', objective: { kind: 'tilted-cosine' }, x: [0], delta: 1, closed: 1.49966454 },
    { name: 'Rastrigin d = 2', objective: { kind: 'rastrigin', dim: 2 }, x: [0.5, -1.2], delta: 0.3, closed: undefined },
    { name: 'Rastrigin d = 10', objective: { kind: 'rastrigin', dim: 10 }, x: Array.from({ length: 10 }, (_, i) => 0.37 * i - 1.6), delta: 0.517447, closed: undefined },
  ])('$name at x = $x, δ = $delta: the ensemble X ~ N(x, δ²I) has mean loss f_δ(x)', async ({ objective, x, delta, closed }) => {
    const gpu = await testDevice();
    const s = spec({
      seed: `smoothing-${objective.kind}-${delta}`,
      objective,
      dynamics: [{ kind: 'sgd', lr: 0.01 }],
      x0: { kind: 'gaussian', mean: x, std: x.map(() => delta) },
      trajectories: 2 ** 16,
      steps: 1,
      record: { observables: ['loss'] },
    });
    const loss = summarizeStatistics((await runEnsembleGpu(gpu, s)).statistics, 1).loss!;
    const f = objectiveDescriptor(objective.kind).reference(s.objective.value, x.length);
    const exact = f.smoothedLoss!(Float64Array.from(x), delta);
    if (closed !== undefined) expect(exact).toBeCloseTo(closed, 8); // docs/math.md §2d's worked values
    const z = (loss.value[0] - exact) / loss.standardError[0];
    const zUnsmoothed = (loss.value[0] - f.loss(Float64Array.from(x))) / loss.standardError[0];
    console.info(`smoothing ${objective.kind} d=${x.length} δ=${delta}: MC ${loss.value[0].toFixed(5)} ± ${loss.standardError[0].toExponential(2)}, f_δ = ${exact.toFixed(5)} (z = ${z.toFixed(2)}; z against f(x): ${zUnsmoothed.toFixed(0)})`);
    expect(Math.abs(z)).toBeLessThan(Z_MAX);
    expect(Math.abs(zUnsmoothed)).toBeGreaterThan(4 * Z_MAX); // power: the smoothing is far from negligible here
  });
});

describe('rademacher noise on the GPU: exact binomial signs, variance C²/b as b changes, the Gaussian surrogate coupled to `gaussian` noise', () => {
  it.each([1, 3, 32, 33, 100])('b = %i: one step of lr = 1 moves by ∇f + C·S/b with S an integer of the parity of b in [−b, b], Var = C²/b (2^15 trajectories, d = 2)', async (b) => {
    const gpu = await testDevice();
    const C = 10;
    const x0 = [0.7, -2.2];
    const s = spec({
      seed: `rademacher-law-${b}`,
      objective: { kind: 'tilted-cosine', dim: 2 },
      noise: { kind: 'rademacher', scale: C, batchSize: b },
      dynamics: [{ kind: 'sgd', lr: 1 }],
      x0,
      trajectories: 2 ** 15,
      steps: 1,
    });
    const result = await runEnsembleGpu(gpu, s, { keepFinalState: true });
    const f = objectiveDescriptor('tilted-cosine').reference(s.objective.value, 2);
    const g = new Float64Array(2);
    f.grad(Float64Array.from(x0), g);
    const x1 = result.finalState!;
    // S = (x0 − ∇f(x0) − x1)·b/C: x1 is rounded in f32 (|x1| ≤ 15, spacing ≤ 2e-6), so S is within 2e-6·b/C·4 of an integer.
    let worst = 0;
    const noise = new Float64Array(x1.length);
    for (let t = 0; t < x1.length; t++) {
      const i = t % 2;
      const S = ((x0[i] - g[i] - x1[t]) * b) / C;
      const n = Math.round(S);
      worst = Math.max(worst, Math.abs(S - n));
      expect(Math.abs(n) <= b && (n + b) % 2 === 0, `S = ${S}`).toBe(true);
      noise[t] = (C * n) / b;
    }
    expect(worst).toBeLessThan((8e-6 * b) / C + 1e-9);
    const m = momentsWithStandardErrors(noise, 2);
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(m.mean[i]) / m.meanSe[i]).toBeLessThan(Z_MAX);
      if (b > 1) expect(Math.abs(m.cov[i][i] - (C * C) / b) / m.covSe[i][i]).toBeLessThan(Z_MAX);
    }
    // b = 1: every draw is ±C exactly.
    if (b === 1) expect(noise.every((v) => Math.abs(v) === C)).toBe(true);
    // The coordinates' signs are independent: correlation within 5/√n of 0.
    expect(Math.abs(m.cov[0][1]) / m.covSe[0][1]).toBeLessThan(Z_MAX);
  });

  it('the Gaussian surrogate N(0, C²/b) with a constant b equals `gaussian` noise with cov = C²/b path by path (same NOISE normals)', async () => {
    const gpu = await testDevice();
    const common = { seed: 'surrogate', objective: { kind: 'rastrigin', dim: 5 }, dynamics: [{ kind: 'sgd', lr: 0.002 }], x0: [0.2, -0.4, 1.1, 2.3, -3], trajectories: 1024, steps: 100 };
    const a = await runEnsembleGpu(gpu, spec({ ...common, noise: { kind: 'rademacher', scale: 10, batchSize: 16, draw: 'gaussian' } }), { keepFinalState: true });
    const b = await runEnsembleGpu(gpu, spec({ ...common, noise: { kind: 'gaussian', cov: 100 / 16 } }), { keepFinalState: true });
    const diff = pathDifferences([a.finalState!], [b.finalState!]);
    console.info(`surrogate vs gaussian noise: max |Δ| = ${diff.maxAbs.toExponential(2)}`);
    // C/√b = 2.5 computed in f32 two ways (C/√b here, √(C²/b) there) differ by an ulp: relative 1e-7 per step.
    expect(diff.maxAbs).toBeLessThan(1e-4);
  });
});

describe('mini-batch gradient noise of a true finite sum: variance against Σ₁/b and Σ₁(N − b)/(b(N − 1)) as b changes (least squares, N = 20, d = 3, 2^15 trajectories, 5 SE)', () => {
  const LEAST_SQUARES = { kind: 'least-squares', generate: { samples: 20, features: 3, noise: 0.5, seed: 'graduated-variance' } };
  it.each([
    [1, true], [4, true], [16, true],
    [1, false], [4, false], [16, false],
  ])('b = %i, replacement %s', async (b, replacement) => {
    const gpu = await testDevice();
    const x0 = [1, -0.5, 0.25];
    const experiment = sgdExperiment({ objective: LEAST_SQUARES, noise: { kind: 'minibatch', batchSize: b, replacement }, lr: 1, x0, trajectories: 2 ** 15, steps: 1, seed: `variance-${b}-${replacement}` });
    const result = await runEnsembleGpu(gpu, specOf(experiment), { keepFinalState: true });
    const f = referenceOf(experiment);
    const { mean } = sampleGradients(f, x0);
    const expected = minibatchCovariance(f, x0, b, replacement).sigmaB;
    const m = momentsWithStandardErrors(result.finalState!, 3);
    const z = [0, 1, 2].map((i) => (m.cov[i][i] - expected[i][i]) / m.covSe[i][i]);
    const zMean = [0, 1, 2].map((i) => (m.mean[i] - (x0[i] - mean[i])) / m.meanSe[i]);
    console.info(`finite sum b=${b} ${replacement ? 'with' : 'without'}: variance z = [${z.map((v) => v.toFixed(2)).join(', ')}], Σ_b[0][0] = ${expected[0][0].toExponential(3)}`);
    expect(Math.max(...z.map(Math.abs))).toBeLessThan(Z_MAX);
    expect(Math.max(...zMean.map(Math.abs))).toBeLessThan(Z_MAX);
  });
});

describe('GPU = float64 reference path by path, with batch-size schedules', () => {
  it('sgd + binomial rademacher, batch ×2 every 50 steps, tilted cosine d = 3: 1,024 trajectories within their propagated f32 bound at every checkpoint, and in the same cell at the end', async () => {
    // Kicks of ±C·λ = ±0.5 at b = 1 carry paths across the maxima of φ, where f'' = 1 + a k² cos(kx) < 0
    // amplifies rounding by |1 − λ f''| ≤ 1.75 a step: each path gets its own first-order bound along its
    // float64 path (test/support/propagated-bound.ts, one coordinate at a time: ∇²f is diagonal).
    // Local error of x' = fma(−λ, g, x), g = x + a k sin(kx) + C(2·ones − b)/b, per coordinate:
    //   δ = u|x'| + u λ|g| + λ(2u(|x| + a k |sin kx|) + a k (2u + u k|x|) + 2u|noise|), doubled for the
    //   f32 sin's few ulp (lib/trig.wgsl) and the products' roundings; u = 2^-24.
    const a = 1;
    const k = 4;
    const lambda = 0.05;
    const u = 2 ** -24;
    const input = { objective: { kind: 'tilted-cosine', dim: 3, a, k }, noise: { kind: 'rademacher', scale: 10, batchSize: { kind: 'step', initial: 1, every: 50, factor: 2 } }, dynamics: [{ kind: 'sgd', lr: lambda }], x0: [2.935583, 1.476293, -0.5], steps: 300 };
    const gpu = await testDevice();
    const s = spec({ seed: 'graduated-paths', trajectories: 1024, record: { every: 100 }, ...input });
    const everyStep = spec({ seed: 'graduated-paths', trajectories: 1024, record: { every: 1 }, ...input });
    const g = await runEnsembleGpu(gpu, s, { trackTrajectories: 1024 });
    const c = await runEnsembleReference(everyStep, { trackTrajectories: 1024 });
    const d = 3;
    let worst = 0;
    let largestBound = 0;
    let sameBasin = 0;
    for (let t = 0; t < 1024; t++) {
      for (let i = 0; i < d; i++) {
        let bound = 2 * u * Math.abs(c.tracked![0][t * d + i]); // x0 is a point: stored exactly up to f32 rounding
        for (let step = 0; step < 300; step++) {
          const x = c.tracked![step][t * d + i];
          const next = c.tracked![step + 1][t * d + i];
          const smooth = x + a * k * Math.sin(k * x);
          const noise = (x - next) / lambda - smooth;
          const gAbs = Math.abs(smooth + noise);
          const local = u * Math.abs(next) + u * lambda * gAbs + lambda * (2 * u * (Math.abs(x) + a * k * Math.abs(Math.sin(k * x))) + a * k * (2 * u + u * k * Math.abs(x)) + 2 * u * Math.abs(noise));
          bound = Math.abs(1 - lambda * (1 + a * k * k * Math.cos(k * x))) * bound + 2 * local;
          if ((step + 1) % 100 === 0) {
            const at = (step + 1) / 100;
            const diff = Math.abs(g.tracked![at][t * d + i] - next);
            worst = Math.max(worst, diff / bound);
            largestBound = Math.max(largestBound, bound);
          }
        }
        const end = c.tracked![300][t * d + i];
        if (Math.round((g.tracked![3][t * d + i] * k) / (2 * Math.PI)) === Math.round((end * k) / (2 * Math.PI))) sameBasin++;
      }
    }
    console.info(`binomial rademacher paths: worst |Δ|/bound ${worst.toFixed(3)}, largest bound ${largestBound.toExponential(2)}; same cell ${sameBasin}/${1024 * d}`);
    expect(worst).toBeLessThanOrEqual(1);
    expect(sameBasin).toBe(1024 * d);
  });

  const cases = [
    {
      name: 'sgd + Gaussian surrogate, batch stages [2, 5, 40], lr ×0.7 every 100, Rastrigin d = 10',
      input: { objective: { kind: 'rastrigin', dim: 10 }, noise: { kind: 'rademacher', scale: 5, batchSize: { kind: 'stages', every: 100, values: [2, 5, 40] }, draw: 'gaussian' }, dynamics: [{ kind: 'sgd', lr: { kind: 'step', initial: 0.002, every: 100, factor: 0.7 } }], x0: { kind: 'gaussian', mean: new Array(10).fill(0), std: new Array(10).fill(2) }, steps: 300 },
    },
    {
      name: 'graduated-gd on Rastrigin d = 10, δ and lr decaying linearly',
      input: { objective: { kind: 'rastrigin', dim: 10 }, dynamics: [{ kind: 'graduated-gd', lr: { kind: 'polynomial', initial: 0.01, power: 1, total: 300 }, delta: { kind: 'polynomial', initial: 1, power: 1, total: 300 } }], x0: { kind: 'gaussian', mean: new Array(10).fill(0), std: new Array(10).fill(3) }, steps: 300 },
    },
  ];
  it.each(cases)('$name: 1,024 trajectories stay within 1e-3 and end in the same cell (nearest multiple of 2π/k) every one', async ({ input }) => {
    const gpu = await testDevice();
    const s = spec({ seed: 'graduated-paths', trajectories: 1024, record: { every: 100 }, ...input });
    const g = await runEnsembleGpu(gpu, s, { trackTrajectories: 1024 });
    const c = await runEnsembleReference(s, { trackTrajectories: 1024 });
    const diff = pathDifferences(g.tracked!, c.tracked!);
    const last = g.tracked!.length - 1;
    const k = (s.objective.value as { kind: string }).kind === 'rastrigin' ? 2 * Math.PI : 4;
    let sameBasin = 0;
    // Basins of the separable objectives: between consecutive maxima of φ, i.e. nearest minimum ≈ nearest multiple of 2π/k.
    for (let j = 0; j < g.tracked![last].length; j++) if (Math.round((g.tracked![last][j] * k) / (2 * Math.PI)) === Math.round((c.tracked![last][j] * k) / (2 * Math.PI))) sameBasin++;
    console.info(`paths: max |Δ| = ${diff.maxAbs.toExponential(2)}, RMS ${diff.rms.toExponential(2)}; same basin ${sameBasin}/${g.tracked![last].length}`);
    // Not an a-priori bound: paths that pass near a maximum of φ (curvature down to −A k²) amplify f32
    // rounding (≈1e-7 per step) by up to (1 + η A k²) per step there; 1e-3 is 30× the largest seen.
    expect(diff.maxAbs).toBeLessThan(1e-3);
    expect(sameBasin).toBe(g.tracked![last].length);
  });
});

describe('a success-rate cell on the GPU equals the float64 reference on the same trajectories (docs/math.md §2d)', () => {
  it.each([
    { name: 'constant b = 4', batchSize: 4, expected: 0.7809 },
    { name: 'batch ×2 every 400 steps (1 → 16)', batchSize: { kind: 'step', initial: 1, every: 400, factor: 2 }, expected: 0.912 },
  ])('$name: identical counts in the global basin over 2,048 trajectories × 2,000 steps, and P(global) within 5 SE of docs/math.md §2d', async ({ batchSize, expected }) => {
    const gpu = await testDevice();
    const s = successCell(batchSize, 2048);
    const g = summarizeStatistics((await runEnsembleGpu(gpu, s)).statistics, 1);
    const c = summarizeStatistics((await runEnsembleReference(s)).statistics, 1);
    const gpuInside = g.regions!.global.inside.at(-1)!;
    const cpuInside = c.regions!.global.inside.at(-1)!;
    const p = gpuInside / 2048;
    const se = Math.sqrt((expected * (1 - expected)) / 2048);
    console.info(`success cell ${JSON.stringify(batchSize)}: GPU ${gpuInside}/2048, CPU ${cpuInside}/2048, P = ${p.toFixed(4)} (docs/math.md §2d: ${expected}, z = ${((p - expected) / se).toFixed(2)})`);
    expect(gpuInside).toBe(cpuInside);
    expect(Math.abs(p - expected)).toBeLessThan(Z_MAX * se);
  });
});

describe('SGD smooths the objective (docs/math.md §2b): the mean update field of two steps is the gradient of a smoothed f', () => {
  it('b = 4, η = 0.05, C = 10 on 64 probe coordinates, 2^17 trajectories: the field y + Â sin(ky) has Â = a k cos(kηC/b)^b (Rademacher) within 5 SE, δ_eff within 3% of ηC/√b, and Â ≠ the Gaussian a k e^{−k²δ²/2}', async () => {
    const gpu = await testDevice();
    const [eta, b, C, k] = [0.05, 4, 10, 4];
    const x0 = Array.from({ length: 64 }, (_, i) => -2 + (4 * i) / 63);
    const s = spec({ seed: 'graduated-field', objective: { kind: 'tilted-cosine', dim: 64 }, noise: { kind: 'rademacher', scale: C, batchSize: b }, dynamics: [{ kind: 'sgd', lr: eta }], x0, trajectories: 2 ** 17, steps: 2, record: { every: 1 } });
    const r = summarizeStatistics((await runEnsembleGpu(gpu, s)).statistics, eta);
    // y = x0 − η f'(x0); E x₂ = y − η E f'(y − ηω): fit (y − E x₂)/η − y = Â sin(ky), weights 1/SE².
    let num = 0;
    let den = 0;
    x0.forEach((x, i) => {
      const y = x - eta * (x + k * Math.sin(k * x));
      const se = r.meanStandardError[2][i] / eta;
      const field = (y - r.mean[2][i]) / eta - y;
      num += (Math.sin(k * y) * field) / se ** 2;
      den += Math.sin(k * y) ** 2 / se ** 2;
    });
    const amplitude = num / den;
    const se = 1 / Math.sqrt(den);
    const rademacher = k * Math.cos((k * eta * C) / b) ** b;
    const delta = (eta * C) / Math.sqrt(b);
    const gaussian = k * Math.exp(-0.5 * (k * delta) ** 2);
    const deltaEff = Math.sqrt(-2 * Math.log(amplitude / k)) / k;
    console.info(`mean field: Â = ${amplitude.toFixed(4)} ± ${se.toFixed(4)}, Rademacher ${rademacher.toFixed(4)}, Gaussian ${gaussian.toFixed(4)}; δ_eff = ${deltaEff.toFixed(4)} vs ηC/√b = ${delta}`);
    expect(Math.abs(amplitude - rademacher) / se).toBeLessThan(Z_MAX);
    expect(Math.abs(amplitude - gaussian) / se).toBeGreaterThan(Z_MAX);
    expect(Math.abs(deltaEff / delta - 1)).toBeLessThan(0.03);
  });
});
