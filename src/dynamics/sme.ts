/**
 * SME-1, the first-order stochastic modified equation of SGD (Li, Tai & E 2017):
 * dX = −∇f dt + √(ηΣ) dW, in SGD's clock (one step = one SGD step of η).
 */
import source from '../../shaders/dynamics/sme.wgsl?raw';
import { gradientModelDescriptor, scaledCovariance } from './sgd-model';

export const sme = gradientModelDescriptor({
  kind: 'sme',
  title: 'SME-1 dX = −∇f dt + √(ηΣ) dW',
  contract: {
    experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sme', lr: 0.1, integrator: 'euler-maruyama', substeps: 2 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // The mean's O(η) error against SGD does not depend on Σ on a quadratic: a small Σ resolves it at every lr.
    orderSweeps: [
      {
        experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: 1e-4 }, dynamics: [{ kind: 'sme', lr: 0.05, integrator: 'exact' }, { kind: 'sme', lr: 0.05, integrator: 'euler-maruyama', substeps: 2 }], x0: [3, -3], horizon: 0.8, sweep: { lr: [0.05, 0.0125, 0.003125] } },
        trajectories: 1024,
        float64: true,
      },
    ],
  },
  name: 'SME-1',
  // Against SGD's law SME-1 is O(η) off; Euler–Maruyama's O(η/substeps) keeps that order.
  orders: () => ({ weak: 1, strong: 1 }),
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
