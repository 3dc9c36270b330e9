import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { isSmooth, smoothForm } from '../../objectives/quadratic-sum-components';
import type { QuadraticSumObjective } from '../../objectives/quadratic-sum';

/**
 * Float64 twin of shaders/objectives/quadratic-sum.wgsl: F = Σ wᵢ fᵢ, sample i is
 * n·wᵢ·fᵢ; indicators contribute neither gradient nor loss (their projections act in the flows).
 */
export function referenceQuadraticSum(o: QuadraticSumObjective, dim: number): ReferenceObjective {
  const n = o.components.length;
  const forms = o.components.map((c) => (isSmooth(c) ? smoothForm(c, dim) : undefined));
  const sampleGradAdd = (x: Float64Array, i: number, weight: number, out: Float64Array) => {
    const s = weight * n * o.weights[i];
    const form = forms[i];
    const c = o.components[i];
    if (form) {
      for (let r = 0; r < dim; r++) {
        let acc = -form.q[r];
        for (let j = 0; j < dim; j++) acc += form.Q[r][j] * x[j];
        out[r] += s * acc;
      }
    } else if (c.kind === 'l1') {
      for (let j = 0; j < dim; j++) out[j] += s * c.lambda * Math.sign(x[j]);
    }
  };
  return {
    sampleCount: n,
    sampleGradAdd,
    grad(x, out) {
      out.fill(0);
      for (let i = 0; i < n; i++) sampleGradAdd(x, i, 1 / n, out);
    },
    hessVec(_x, v, out) {
      out.fill(0);
      forms.forEach((form, i) => {
        if (!form) return;
        for (let r = 0; r < dim; r++) {
          let acc = 0;
          for (let j = 0; j < dim; j++) acc += form.Q[r][j] * v[j];
          out[r] += o.weights[i] * acc;
        }
      });
    },
    loss(x) {
      let value = 0;
      forms.forEach((form, i) => {
        const c = o.components[i];
        if (form) {
          let f = form.k;
          for (let r = 0; r < dim; r++) {
            let qx = 0;
            for (let j = 0; j < dim; j++) qx += form.Q[r][j] * x[j];
            f += x[r] * (0.5 * qx - form.q[r]);
          }
          value += o.weights[i] * f;
        } else if (c.kind === 'l1') {
          value += o.weights[i] * c.lambda * x.reduce((s, v) => s + Math.abs(v), 0);
        }
      });
      return value;
    },
  };
}
