import type { DiagonalNetObjective } from '../../objectives/diagonal-net';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { squaredLossFiniteSum } from './squared-loss';

/** Float64 twin of shaders/objectives/diagonal-net.wgsl. */
export function referenceDiagonalNet(o: DiagonalNetObjective): ReferenceObjective {
  const p = o.inputs[0].length;
  const n = o.targets.length;
  const residual = (x: Float64Array, i: number) => {
    const a = o.inputs[i];
    let r = -o.targets[i];
    for (let k = 0; k < p; k++) r += a[k] * (x[k] * x[k] - x[p + k] * x[p + k]);
    return r;
  };
  const sampleGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => {
    const r = weight * residual(x, i);
    const a = o.inputs[i];
    for (let k = 0; k < p; k++) {
      out[k] += 2 * r * a[k] * x[k];
      out[p + k] -= 2 * r * a[k] * x[p + k];
    }
  };
  return {
    ...squaredLossFiniteSum(n, residual, sampleGradAdd),
    hessVec(x, dx, out) {
      const s = new Float64Array(p);
      const ds = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        const a = o.inputs[i];
        const r = residual(x, i);
        let aDbeta = 0;
        for (let k = 0; k < p; k++) aDbeta += a[k] * 2 * (x[k] * dx[k] - x[p + k] * dx[p + k]);
        for (let k = 0; k < p; k++) {
          s[k] += (r * a[k]) / n;
          ds[k] += (aDbeta * a[k]) / n;
        }
      }
      for (let k = 0; k < p; k++) {
        out[k] = 2 * (dx[k] * s[k] + x[k] * ds[k]);
        out[p + k] = -2 * (dx[p + k] * s[k] + x[p + k] * ds[k]);
      }
    },
  };
}
