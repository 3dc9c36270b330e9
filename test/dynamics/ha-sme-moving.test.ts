import { describe, expect, it } from 'vitest';
import { haSmeMatrices, type HaSmeMatrices } from '../../src/dynamics/ha-sme-matrices';
import { haSmeMovingSubstep } from '../../src/reference/dynamics/ha-sme-moving';
import { referenceQuadratic } from '../../src/reference/objectives/quadratic';

// On a quadratic the moving-Hessian substep (eigendecomposition of H(x) at every
// substep, as the WGSL does off quadratics) must equal the host's constant matrices.
const A = [[2, 0.5], [0.5, 1]];
const b = [0.3, -0.2];
const Sigma = [[1, 0.2], [0.2, 0.5]];

describe('HA-SME with a moving Hessian (float64 twin of the WGSL substep)', () => {
  for (const eta of [0.01, 0.3]) {
    it(`on a quadratic (lr = ${eta}) its drift is −(B x − β) and its noise factor F has F Fᵀ = ηD, as the host computes them`, () => {
      const f = referenceQuadratic({ kind: 'quadratic', A, b }, 2);
      const substep = haSmeMovingSubstep(f, Sigma, eta, 2);
      const m = haSmeMatrices(A, b, Sigma, eta) as HaSmeMatrices;
      const x0 = Float64Array.of(0.7, -0.4);
      const x = Float64Array.from(x0);
      substep(x, Float64Array.of(0, 0), 1, 0); // dt = 1, no noise: x moves by the drift
      for (let i = 0; i < 2; i++) expect(x[i] - x0[i]).toBeCloseTo(m.beta[i] - m.B[i][0] * x0[0] - m.B[i][1] * x0[1], 12);
      const columns = [0, 1].map((q) => {
        const y = Float64Array.from(x0);
        substep(y, Float64Array.of(q === 0 ? 1 : 0, q === 1 ? 1 : 0), 0, 1); // dt = 0, √dt = 1: y moves by F e_q
        return [y[0] - x0[0], y[1] - x0[1]];
      });
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) expect(columns[0][i] * columns[0][j] + columns[1][i] * columns[1][j]).toBeCloseTo(eta * m.D[i][j], 12);
      }
    });
  }

  it('where ηλ_max(H(x)) ≥ 1 the model is undefined: the state becomes NaN (counted as diverged)', () => {
    const f = referenceQuadratic({ kind: 'quadratic', A, b }, 2);
    const x = Float64Array.of(0.1, 0.1);
    haSmeMovingSubstep(f, Sigma, 0.5, 2)(x, Float64Array.of(0, 0), 0.5, Math.sqrt(0.5)); // λ_max ≈ 2.2, η = 0.5
    expect(x.every(Number.isNaN)).toBe(true);
  });
});
