import { assertExperiment, ensembleSpec, expandRuns, type EnsembleSpec, type Experiment } from '../../src/internal';
import type { ReferenceObjective } from '../../src/objectives/objective-descriptor';
import { objectiveDescriptor } from '../../src/registry';

/** An SGD experiment on a finite sum with mini-batch (or other) noise, parsed from its file form. */
export function sgdExperiment(opts: {
  objective: Record<string, unknown>;
  noise: Record<string, unknown>;
  lr: number | Record<string, unknown>;
  x0: unknown;
  trajectories: number;
  steps: number;
  every?: number;
  seed?: string;
  observables?: string[];
}): Experiment {
  return assertExperiment({
    seed: opts.seed ?? 'minibatch',
    objective: opts.objective,
    noise: opts.noise,
    dynamics: [{ kind: 'sgd', lr: opts.lr }],
    x0: opts.x0,
    trajectories: opts.trajectories,
    steps: opts.steps,
    record: { ...(opts.every ? { every: opts.every } : {}), observables: opts.observables ?? ['mean', 'variance'] },
  });
}

/** The runner's spec of the experiment's one run, with other checkpoints when given. */
export function specOf(experiment: Experiment, checkpoints?: number[]): EnsembleSpec {
  const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
  if (checkpoints) spec.checkpoints = checkpoints;
  return spec;
}

/** The float64 twin of the experiment's objective. */
export function referenceOf(experiment: Experiment): ReferenceObjective {
  return objectiveDescriptor(experiment.objective.kind).reference(experiment.objective, experiment.dim);
}

/** The per-sample gradients ∇f_i(x) (N × d) and their mean ∇f(x), from the twin. */
export function sampleGradients(f: ReferenceObjective, x: number[]): { samples: Float64Array[]; mean: Float64Array } {
  const d = x.length;
  const point = Float64Array.from(x);
  const samples = Array.from({ length: f.sampleCount! }, (_, i) => {
    const g = new Float64Array(d);
    f.sampleGradAdd!(point, i, 1, g);
    return g;
  });
  const mean = new Float64Array(d);
  f.grad(point, mean);
  return { samples, mean };
}

/**
 * Σ₁ = (1/N) Σ_i (∇f_i − ∇f)(∇f_i − ∇f)ᵀ, the per-sample covariance (docs/math.md §6), and the
 * covariance of one mini-batch gradient: Σ₁/b with replacement, Σ₁(N − b)/(b(N − 1)) without.
 */
export function minibatchCovariance(f: ReferenceObjective, x: number[], batchSize: number, replacement: boolean): { sigma1: number[][]; sigmaB: number[][] } {
  const { samples, mean } = sampleGradients(f, x);
  const N = samples.length;
  const d = x.length;
  const sigma1 = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => samples.reduce((acc, g) => acc + (g[i] - mean[i]) * (g[j] - mean[j]), 0) / N),
  );
  const factor = replacement ? 1 / batchSize : (N - batchSize) / (batchSize * (N - 1));
  return { sigma1, sigmaB: sigma1.map((row) => row.map((v) => v * factor)) };
}

/**
 * Sample mean and covariance of n vectors (rows of `values`, n × d) with standard
 * errors from the fourth moment: the covariance entry ĉ_ij is the mean of
 * p_t = (v_ti − v̄_i)(v_tj − v̄_j) (times n/(n − 1)), so its SE is the standard
 * deviation of p_t over √n. Unlike the Gaussian approximation √((c_ii c_jj + c_ij²)/n)
 * it holds for any law with a finite fourth moment, such as a mini-batch gradient's
 * (a discrete law whose kurtosis differs from a Gaussian's).
 */
export function momentsWithStandardErrors(values: ArrayLike<number>, d: number): {
  n: number;
  mean: number[];
  meanSe: number[];
  cov: number[][];
  covSe: number[][];
} {
  const n = values.length / d;
  const mean = new Array<number>(d).fill(0);
  for (let t = 0; t < n; t++) for (let i = 0; i < d; i++) mean[i] += values[t * d + i] / n;
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const second = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const p = (values[t * d + i] - mean[i]) * (values[t * d + j] - mean[j]);
        cov[i][j] += p;
        second[i][j] += p * p;
      }
    }
  }
  const covSe = cov.map((row, i) => row.map((sum, j) => Math.sqrt(Math.max(0, second[i][j] / n - (sum / n) ** 2) / n)));
  const covariance = cov.map((row) => row.map((sum) => sum / (n - 1)));
  const meanSe = covariance.map((row, i) => Math.sqrt(row[i] / n));
  return { n, mean, meanSe, cov: covariance, covSe };
}

/** A valid SGD experiment (file form) with mini-batch noise on a generated least-squares sum of N samples. */
export function minibatchInput(noise: Record<string, unknown>, samples = 20, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    objective: { kind: 'least-squares', generate: { samples, features: 2, seed: 1 } },
    noise: { kind: 'minibatch', ...noise },
    dynamics: [{ kind: 'sgd', lr: 0.1 }],
    x0: [0, 0],
    trajectories: 256,
    steps: 10,
    ...overrides,
  };
}
