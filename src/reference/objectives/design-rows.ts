import type { Design } from '../../objectives/finite-sum-data';

/** The rows of a finite-sum design, the float64 twin of shaders/lib/design_rows.wgsl. */
export interface DesignRows {
  /** N, the number of samples. */
  count: number;
  /** r_i = a_iᵀx − y_i. */
  residual(x: Float64Array, i: number): number;
  /** out += c·a_i. */
  axpy(c: number, i: number, out: Float64Array): void;
  /** out += (a_iᵀv)·a_i. */
  outerAdd(i: number, v: Float64Array, out: Float64Array): void;
}

export function designRows(o: Design, dim: number): DesignRows {
  const A = Float64Array.from(o.A.flat());
  const y = Float64Array.from(o.y);
  const axpy = (c: number, i: number, out: Float64Array) => {
    for (let j = 0; j < dim; j++) out[j] += c * A[i * dim + j];
  };
  return {
    count: y.length,
    residual(x, i) {
      let r = -y[i];
      for (let j = 0; j < dim; j++) r += A[i * dim + j] * x[j];
      return r;
    },
    axpy,
    outerAdd(i, v, out) {
      let av = 0;
      for (let j = 0; j < dim; j++) av += A[i * dim + j] * v[j];
      axpy(av, i, out);
    },
  };
}
