import type { GradientSde } from '../../dynamics/gradient-sde';
import { sigmaToMatrix } from '../../experiment/dynamics/sigma';
import { matmul, transpose } from '../../linalg/dense';
import { psdFactor } from '../../linalg/factor';
import { ouTransition } from '../../oracles/ou';
import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { QuadraticObjective } from '../../objectives/quadratic';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/**
 * Float64 twin of shaders/dynamics/gradient-sde.wgsl, consuming the same
 * normals (the step's unit Brownian increment, DIM normals). The exact transition is formed here
 * from the OU oracle, not taken from the descriptor that packs the GPU's: a
 * mistake in the descriptor's packing shows up as a path difference.
 */
export function referenceGradientSde(item: GradientSde, objective: QuadraticObjective, f: ReferenceObjective, dim: number): ReferenceDynamics {
  const z = new Float64Array(dim);
  const next = new Float64Array(dim);
  if (item.integrator === 'exact') {
    const S = sigmaToMatrix(item.sigma, dim);
    const { E, c, Q } = ouTransition({ A: objective.A, b: objective.b, G: matmul(S, transpose(S)), dt: item.dt });
    const L = psdFactor(Q);
    const e = Float64Array.from(E.flat());
    const l = Float64Array.from(L.flat());
    return {
      step(x, k, stream) {
        stream.brownian(k, z);
        for (let i = 0; i < dim; i++) {
          let acc = c[i];
          for (let j = 0; j < dim; j++) acc += e[i * dim + j] * x[j] + l[i * dim + j] * z[j];
          next[i] = acc;
        }
        x.set(next);
      },
    };
  }
  const S = Float64Array.from(sigmaToMatrix(item.sigma, dim).flat());
  const dt = item.dt;
  const sqrtDt = Math.sqrt(dt);
  const g = new Float64Array(dim);
  return {
    step(x, k, stream) {
      stream.brownian(k, z);
      f.grad(x, g);
      for (let i = 0; i < dim; i++) {
        let noise = 0;
        for (let j = 0; j < dim; j++) noise += S[i * dim + j] * z[j];
        x[i] = x[i] - dt * g[i] + sqrtDt * noise;
      }
    },
  };
}
