/**
 * SME-1, the first-order stochastic modified equation of SGD (Li, Tai & E 2017):
 * dX = −∇f dt + √(ηΣ) dW, in SGD's clock (one step = one SGD step of η).
 */
import source from '../../shaders/dynamics/sme.wgsl?raw';
import { gradientModelDescriptor, scaledCovariance } from './sgd-model';

export const sme = gradientModelDescriptor({
  kind: 'sme',
  title: 'SME-1 dX = −∇f dt + √(ηΣ) dW',
  contract: { experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sme', lr: 0.1, integrator: 'euler-maruyama', substeps: 2 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } } },
  name: 'SME-1',
  citation: 'Li, Tai & E (2017), SME-1; docs/math.md §4c',
  shader: { path: 'dynamics/sme.wgsl', source },
  // On a quadratic: dX = −(A X − b) dt + √(ηΣ) dW.
  linear: (item, o, Sigma) => ({ A: o.A, b: o.b, G: scaledCovariance(item.lr, Sigma) }),
  drift: (f, _item, dim) => (x, out) => {
    f.grad(x, out);
    for (let i = 0; i < dim; i++) out[i] = -out[i];
  },
});

export const smeSchema = sme.schema;
