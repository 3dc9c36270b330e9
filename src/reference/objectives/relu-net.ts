import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import type { ReluNetObjective } from '../../objectives/relu-net';
import { squaredLossFiniteSum } from './squared-loss';

/** Float64 twin of shaders/objectives/relu-net.wgsl (relu′(0) = 0, Gauss–Newton Hessian-vector product). */
export function referenceReluNet(o: ReluNetObjective): ReferenceObjective {
  const h = o.hidden;
  const p = o.inputs[0].length;
  const n = o.targets.length;
  const B = h * p;
  const V = B + h;
  const C = V + h;
  const dim = C + 1;
  const z = new Float64Array(h);
  const forward = (x: Float64Array, i: number) => {
    const a = o.inputs[i];
    let out = x[C];
    for (let j = 0; j < h; j++) {
      let pre = x[B + j];
      for (let k = 0; k < p; k++) pre += x[j * p + k] * a[k];
      z[j] = pre;
      out += x[V + j] * Math.max(pre, 0);
    }
    return out;
  };
  const backwardAdd = (x: Float64Array, i: number, scale: number, g: Float64Array) => {
    const a = o.inputs[i];
    g[C] += scale;
    for (let j = 0; j < h; j++) {
      g[V + j] += scale * Math.max(z[j], 0);
      if (z[j] > 0) {
        const back = scale * x[V + j];
        g[B + j] += back;
        for (let k = 0; k < p; k++) g[j * p + k] += back * a[k];
      }
    }
  };
  const residual = (x: Float64Array, i: number) => forward(x, i) - o.targets[i];
  const sampleGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => backwardAdd(x, i, weight * residual(x, i), out);
  return {
    ...squaredLossFiniteSum(n, residual, sampleGradAdd),
    hessVec(x, v, out) {
      out.fill(0);
      const J = new Float64Array(dim);
      for (let i = 0; i < n; i++) {
        forward(x, i);
        J.fill(0);
        backwardAdd(x, i, 1, J);
        let jv = 0;
        for (let q = 0; q < dim; q++) jv += J[q] * v[q];
        for (let q = 0; q < dim; q++) out[q] += (jv / n) * J[q];
      }
    },
  };
}
