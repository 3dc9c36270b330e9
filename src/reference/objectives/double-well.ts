import type { DoubleWellObjective } from '../../objectives/double-well';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/**
 * Float64 twin of shaders/objectives/double-well.wgsl: V(x) = H (φ(u) − 1) + H_max,
 * u = (x − s)/w, φ(u) = (u² − 1)², with (H, w) of the side x lies on.
 */
export function referenceDoubleWell(o: DoubleWellObjective, dim: number): ReferenceObjective {
  const s = o.saddle;
  const top = Math.max(o.left.depth, o.right.depth);
  const side = (x: number) => (x < s ? o.left : o.right);
  return {
    grad(x, out) {
      for (let i = 0; i < dim; i++) {
        const { depth, width } = side(x[i]);
        const u = (x[i] - s) / width;
        out[i] = (4 * depth * u * (u * u - 1)) / width;
      }
    },
    hessVec(x, v, out) {
      for (let i = 0; i < dim; i++) {
        const { depth, width } = side(x[i]);
        const u = (x[i] - s) / width;
        out[i] = ((depth * (12 * u * u - 4)) / (width * width)) * v[i];
      }
    },
    thirdDir(x, v, out) {
      for (let i = 0; i < dim; i++) {
        const { depth, width } = side(x[i]);
        const u = (x[i] - s) / width;
        out[i] = ((24 * depth * u) / width ** 3) * v[i] * v[i];
      }
    },
    loss(x) {
      let value = 0;
      for (let i = 0; i < dim; i++) {
        const { depth, width } = side(x[i]);
        const u = (x[i] - s) / width;
        value += depth * ((u * u - 1) ** 2 - 1) + top;
      }
      return value;
    },
  };
}
