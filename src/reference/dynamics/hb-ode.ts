import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { HbOde } from '../../dynamics/hb-ode';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';

/** Float64 twin of shaders/dynamics/hb-ode.wgsl: RK4 on each interval with the step's coefficient row. */
export function referenceHbOde(item: HbOde, f: ReferenceObjective, dim: number, table: number[][]): ReferenceDynamics {
  const eta = item.lr;
  const g = new Float64Array(dim);
  const hg = new Float64Array(dim);
  const hhg = new Float64Array(dim);
  const tgg = new Float64Array(dim);
  const field = (x: Float64Array, row: number[], out: Float64Array) => {
    f.grad(x, g);
    for (let i = 0; i < dim; i++) out[i] = -row[0] * g[i];
    if (item.order >= 1) {
      f.hessVec(x, g, hg);
      for (let i = 0; i < dim; i++) out[i] -= eta * row[1] * hg[i];
    }
    if (item.order >= 2) {
      f.hessVec(x, hg, hhg);
      f.thirdDir!(x, g, tgg);
      for (let i = 0; i < dim; i++) out[i] -= eta * eta * (row[2] * hhg[i] + row[3] * tgg[i]);
    }
  };
  const k1 = new Float64Array(dim);
  const k2 = new Float64Array(dim);
  const k3 = new Float64Array(dim);
  const k4 = new Float64Array(dim);
  const y = new Float64Array(dim);
  return {
    step(x, k) {
      const row = table[Math.min(k, table.length - 1)];
      const h = eta / item.substeps;
      for (let s = 0; s < item.substeps; s++) {
        field(x, row, k1);
        for (let i = 0; i < dim; i++) y[i] = x[i] + 0.5 * h * k1[i];
        field(y, row, k2);
        for (let i = 0; i < dim; i++) y[i] = x[i] + 0.5 * h * k2[i];
        field(y, row, k3);
        for (let i = 0; i < dim; i++) y[i] = x[i] + h * k3[i];
        field(y, row, k4);
        for (let i = 0; i < dim; i++) x[i] += (h / 6) * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
      }
    },
  };
}
