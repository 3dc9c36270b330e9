import type { ReferenceDynamics } from '../../dynamics/dynamics-descriptor';
import type { HbExactStep, HbOde } from '../../dynamics/hb-ode';
import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { hbFlowVectorField, rk4Interval, type HbFlowStepCoefficients, type VectorField } from '../../oracles/hb-flow';

/**
 * Float64 twin of shaders/dynamics/hb-ode.wgsl: RK4 on each interval with the
 * step's coefficient row (the oracle's vector field, src/oracles/hb-flow.ts).
 */
export function referenceHbOde(item: HbOde, f: ReferenceObjective, table: HbFlowStepCoefficients[]): ReferenceDynamics {
  const fields = new Map<number, VectorField>();
  const field = (row: number) => {
    let v = fields.get(row);
    if (!v) {
      v = hbFlowVectorField(table[row], item.order, item.lr, f.grad, f.hessVec, f.thirdDir);
      fields.set(row, v);
    }
    return v;
  };
  return {
    step(x, k) {
      x.set(rk4Interval(x, field(Math.min(k, table.length - 1)), item.lr, item.substeps));
    },
  };
}

/** Float64 twin of the HB_EXACT branch: x ← E_k x + c_k with the step's row (the last for later steps). */
export function referenceHbOdeExact(table: HbExactStep[]): ReferenceDynamics {
  return {
    step(x, k) {
      const { E, c } = table[Math.min(k, table.length - 1)];
      const next = c.map((ci, i) => E[i].reduce((acc, e, j) => acc + e * x[j], ci));
      x.set(next);
    },
  };
}
