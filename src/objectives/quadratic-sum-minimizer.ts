/**
 * The minimizer of a quadratic sum F = Σ wᵢ fᵢ in float64, for the `distance`
 * observable: a direct solve when every component is smooth, else consensus
 * ADMM over the components' proximal maps (Boyd et al., "Distributed
 * optimization and statistical learning via ADMM", 2011, §7.1), run until the
 * primal and dual residuals are below 1e−13. Unique when the smooth part is
 * positive definite; undefined otherwise.
 */
import { inverse, solve } from '../linalg/dense';
import { cholesky } from '../linalg/factor';
import { proxBall, proxBox, proxHalfspace, proxObstacle, proxSoftThreshold } from '../reference/prox';
import { combineSmooth, isSmooth, smoothForm, type SumComponent } from './quadratic-sum-components';

const MAX_ITERATIONS = 200_000;
const TOLERANCE = 1e-13;

export function quadraticSumMinimizer(components: SumComponent[], weights: number[], dim: number): number[] | undefined {
  const smooth = components.flatMap((c, i) => (isSmooth(c) ? [{ form: smoothForm(c, dim), scale: weights[i] }] : []));
  const total = combineSmooth(smooth, dim);
  try {
    cholesky(total.Q);
  } catch {
    return undefined;
  }
  if (smooth.length === components.length) return solve(total.Q, total.q);
  const rho = Math.max(1e-12, total.Q.reduce((s, row, i) => s + row[i], 0) / dim);
  // prox of gᵢ/ρ for each component gᵢ = wᵢfᵢ.
  const proxes = components.map((c, i): ((v: Float64Array) => void) => {
    const w = weights[i];
    if (isSmooth(c)) {
      const f = smoothForm(c, dim);
      const Minv = inverse(f.Q.map((row, r) => row.map((v, j) => w * v + (r === j ? rho : 0))));
      return (v) => {
        const rhs = Array.from(v, (vi, r) => rho * vi + w * f.q[r]);
        for (let r = 0; r < dim; r++) v[r] = Minv[r].reduce((s, m, j) => s + m * rhs[j], 0);
      };
    }
    switch (c.kind) {
      case 'l1':
        return (v) => proxSoftThreshold(v, (w * c.lambda) / rho);
      case 'box':
        return (v) => proxBox(v, c.lower, c.upper);
      case 'halfspace':
        return (v) => proxHalfspace(v, c.normal, c.offset, c.normal.reduce((s, a) => s + a * a, 0));
      case 'ball':
        return (v) => proxBall(v, c.center, c.radius);
      default:
        return (v) => proxObstacle(v, (c as { psi: number[] }).psi);
    }
  });
  const n = components.length;
  const xs = Array.from({ length: n }, () => new Float64Array(dim));
  const us = Array.from({ length: n }, () => new Float64Array(dim));
  let z = new Float64Array(dim);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) xs[i][j] = z[j] - us[i][j];
      proxes[i](xs[i]);
    }
    const next = new Float64Array(dim);
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) next[j] += (xs[i][j] + us[i][j]) / n;
    let primal = 0;
    let dual = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) {
        us[i][j] += xs[i][j] - next[j];
        primal = Math.max(primal, Math.abs(xs[i][j] - next[j]));
      }
    }
    for (let j = 0; j < dim; j++) dual = Math.max(dual, Math.abs(next[j] - z[j]));
    z = next;
    if (primal < TOLERANCE && dual < TOLERANCE) break;
  }
  return Array.from(z);
}
