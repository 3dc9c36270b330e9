/**
 * SME-2, the second-order stochastic modified equation of SGD (Li, Tai & E 2017):
 * dX = −∇(f + (η/4)‖∇f‖²) dt + √(ηΣ) dW, in SGD's clock.
 */
import source from '../../shaders/dynamics/sme2.wgsl?raw';
import { gradientModelDescriptor, scaledCovariance } from './sgd-model';

export const sme2 = gradientModelDescriptor({
  kind: 'sme2',
  title: 'SME-2 dX = −∇(f + η‖∇f‖²/4) dt + √(ηΣ) dW',
  contract: {
    experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: [[0.25, 0.05], [0.05, 0.25]] }, dynamics: [{ kind: 'sme2', lr: 0.1, integrator: 'euler-maruyama', substeps: 2 }], x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 } },
    // Exact: O(η²), resolved with a tiny Σ (the mean's error does not depend on it on a quadratic);
    // Euler–Maruyama: O(η/substeps), once η is small enough for it to dominate the η² term.
    orderSweeps: [
      {
        experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: 1e-7 }, dynamics: [{ kind: 'sme2', lr: 0.1, integrator: 'exact' }], x0: [3, -3], horizon: 0.8, sweep: { lr: [0.1, 0.025, 0.00625] } },
        trajectories: 1024,
        float64: true,
      },
      {
        experiment: { objective: { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [1, 0] }, noise: { kind: 'gaussian', cov: 1e-4 }, dynamics: [{ kind: 'sme2', lr: 0.025, integrator: 'euler-maruyama', substeps: 2 }], x0: [3, -3], horizon: 0.8, sweep: { lr: [0.025, 0.00625, 0.0015625] } },
        trajectories: 1024,
        float64: true,
      },
    ],
  },
  name: 'SME-2',
  // Against SGD's law SME-2 is O(η²) off (the exact transition); Euler–Maruyama with s substeps
  // adds O(η/s), so weak order 1 as η → 0 at fixed substeps, though η² dominates while η ≫ 1/s.
  orders: (item) => (item.integrator === 'exact' ? { weak: 2, strong: 1 } : { weak: 1, strong: 1 }),
  citation: 'Li, Tai & E (2017), SME-2; docs/math.md §4c',
  shader: { path: 'dynamics/sme2.wgsl', source },
  // η/2 of the drift's correction.
  params: { SME2_HALF_LR: (item) => 0.5 * item.lr },
  // On a quadratic: drift −((A + ηA²/2) X − (I + ηA/2) b).
  linear(item, o, Sigma) {
    const eta = item.lr;
    const A2 = o.A.map((row, i) => row.map((a, j) => a + (eta / 2) * o.A[i].reduce((s, v, k) => s + v * o.A[k][j], 0)));
    const b2 = o.b.map((bi, i) => bi + (eta / 2) * o.A[i].reduce((s, v, k) => s + v * o.b[k], 0));
    return { A: A2, b: b2, G: scaledCovariance(eta, Sigma) };
  },
  drift(f, item, dim) {
    const g = new Float64Array(dim);
    const hg = new Float64Array(dim);
    return (x, out) => {
      f.grad(x, g);
      f.hessVec(x, g, hg);
      for (let i = 0; i < dim; i++) out[i] = -(g[i] + (item.lr / 2) * hg[i]);
    };
  },
  // The Hessian-vector product, costed like a gradient.
});

export const sme2Schema = sme2.schema;
