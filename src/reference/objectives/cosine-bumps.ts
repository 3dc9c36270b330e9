import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/** φ(x) = (c/2)x² + A(1 − cos kx) per coordinate: the shape of the tilted cosine (c = 1) and Rastrigin (c = 2, k = 2π). */
export interface CosineBumps {
  /** Curvature of the quadratic part. */
  c: number;
  /** Amplitude A of the cosine bumps. */
  amplitude: number;
  /** Wave number k. */
  k: number;
}

/** e^{−k²δ²/2}: how much Gaussian smoothing of width δ damps cos(kx). */
export const cosineDamping = (k: number, delta: number) => Math.exp(-0.5 * (k * delta) ** 2);

/**
 * Float64 twin of shaders/lib/cosine_bumps.wgsl: f = Σ φ(xᵢ), and its Gaussian smoothing
 * f_δ(x) = Σ (c/2)(xᵢ² + δ²) + A(1 − e^{−k²δ²/2} cos kxᵢ) in closed form (docs/math.md §2d).
 * 1 − cos is evaluated as 2 sin²(kx/2), as on the GPU.
 */
export function referenceCosineBumps({ c, amplitude: a, k }: CosineBumps, dim: number): ReferenceObjective {
  const loss = (x: Float64Array, delta: number) => {
    const damp = cosineDamping(k, delta);
    let value = 0;
    for (let i = 0; i < dim; i++) {
      const half = Math.sin(0.5 * k * x[i]);
      value += 0.5 * c * (x[i] * x[i] + delta * delta) + 2 * a * damp * half * half + a * (1 - damp);
    }
    return value;
  };
  const grad = (x: Float64Array, delta: number, out: Float64Array) => {
    const ak = a * k * cosineDamping(k, delta);
    for (let i = 0; i < dim; i++) out[i] = c * x[i] + ak * Math.sin(k * x[i]);
  };
  return {
    grad: (x, out) => grad(x, 0, out),
    hessVec(x, v, out) {
      for (let i = 0; i < dim; i++) out[i] = (c + a * k * k * Math.cos(k * x[i])) * v[i];
    },
    loss: (x) => loss(x, 0),
    smoothedLoss: loss,
    smoothedGrad: grad,
  };
}

/** E f(X) for X ~ N(m, C): Σ (c/2)(mᵢ² + Cᵢᵢ) + A(1 − e^{−k²Cᵢᵢ/2} cos kmᵢ) (only the marginals enter). */
export function cosineBumpsGaussianExpectation({ c, amplitude: a, k }: CosineBumps, mean: number[], cov: number[][]): number {
  let value = 0;
  mean.forEach((m, i) => {
    const v = cov[i][i];
    value += 0.5 * c * (m * m + v) + a * (1 - Math.exp(-0.5 * k * k * v) * Math.cos(k * m));
  });
  return value;
}
