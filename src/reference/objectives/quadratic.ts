import type { QuadraticObjective } from '../../objectives/quadratic';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/** Float64 twin of shaders/objectives/quadratic.wgsl: ∇f = A x − b, ∇²f v = A v. */
export function referenceQuadratic(o: QuadraticObjective, dim: number): ReferenceObjective {
  const A = Float64Array.from(o.A.flat());
  const b = Float64Array.from(o.b);
  const apply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < dim; i++) {
      let acc = 0;
      for (let j = 0; j < dim; j++) acc += A[i * dim + j] * v[j];
      out[i] = acc;
    }
  };
  return {
    grad(x, out) {
      apply(x, out);
      for (let i = 0; i < dim; i++) out[i] -= b[i];
    },
    hessVec(_x, v, out) {
      apply(v, out);
    },
    thirdDir(_x, _v, out) {
      out.fill(0);
    },
    loss(x) {
      let value = 0;
      for (let i = 0; i < dim; i++) {
        let ax = 0;
        for (let j = 0; j < dim; j++) ax += A[i * dim + j] * x[j];
        value += x[i] * (0.5 * ax - b[i]);
      }
      return value;
    },
  };
}
