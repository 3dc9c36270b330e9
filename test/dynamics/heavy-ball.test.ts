import { describe, expect, it } from 'vitest';
import { heavyBall, type HeavyBallDynamics } from '../../src/dynamics/heavy-ball';
import type { SgdDynamics } from '../../src/dynamics/sgd';
import { parseExperiment } from '../../src/experiment/index';
import { frobenius, sub } from '../../src/linalg/dense';
import type { QuadraticObjective } from '../../src/objectives/quadratic';
import { emQuadraticLaw, heavyBallQuadraticLaw } from '../../src/oracles';
import { referenceQuadratic } from '../../src/reference/objectives/quadratic';
import { TrajectoryStream } from '../../src/reference/trajectory-stream';
import { packSchedule } from '../../src/schedules/schedule';
import { exampleExperiment } from '../support/example-experiment';

/** x_k of x_{k+1} = (1 + β − ηa) x_k − β x_{k−1}, x_{−1} = x_0, by its characteristic roots (real or complex). */
function scalarHeavyBall(a: number, eta: number, beta: number, x0: number, k: number): number {
  const p = 1 + beta - eta * a; // r² − p r + β = 0
  const x1 = (1 - eta * a) * x0;
  const disc = p * p - 4 * beta;
  if (disc > 0) {
    const rp = (p + Math.sqrt(disc)) / 2;
    const rm = (p - Math.sqrt(disc)) / 2;
    const cp = (x1 - rm * x0) / (rp - rm);
    return cp * rp ** k + (x0 - cp) * rm ** k;
  }
  // r± = ρ e^{±iθ}: x_k = ρ^k (x0 cos kθ + B sin kθ), B from x_1.
  const rho = Math.sqrt(beta);
  const theta = Math.acos(p / (2 * rho));
  const B = (x1 / rho - x0 * Math.cos(theta)) / Math.sin(theta);
  return rho ** k * (x0 * Math.cos(k * theta) + B * Math.sin(k * theta));
}

const range = (n: number, every = 1) => Array.from({ length: Math.floor(n / every) + 1 }, (_, i) => i * every);

describe('the exact law of heavy-ball on a quadratic (stacked (x_k, x_{k−1}) recursion)', () => {
  it('without noise, 1-D, real roots (β = 0.5, ηa = 0.04, b ≠ 0): the mean is x* + c₊r₊^k + c₋r₋^k and the variance (x_k/x_0)²·Var x_0, to 1e-13', () => {
    const a = 1;
    const b = 0.3;
    const xStar = b / a;
    const [eta, beta, x0, s0] = [0.04, 0.5, 1.7, 0.4];
    const steps = range(200);
    const laws = heavyBallQuadraticLaw({ A: [[a]], b: [b], eta, beta, mean0: [x0], cov0: [[s0 * s0]], steps });
    laws.forEach((law, i) => {
      const k = steps[i];
      const exact = xStar + scalarHeavyBall(a, eta, beta, x0 - xStar, k);
      const gain = scalarHeavyBall(a, eta, beta, 1, k);
      expect(Math.abs(law.mean[0] - exact), `k = ${k}`).toBeLessThan(1e-13);
      expect(Math.abs(law.cov[0][0] - gain * gain * s0 * s0), `k = ${k}`).toBeLessThan(1e-13);
    });
  });

  it('without noise, 1-D, complex roots (β = 0.9, ηa = 0.2): the mean is ρ^k (x0 cos kθ + B sin kθ), ρ = √β, to 1e-13', () => {
    const [a, eta, beta, x0] = [2, 0.1, 0.9, -1.3];
    expect((1 + beta - eta * a) ** 2).toBeLessThan(4 * beta); // really the oscillating regime
    const steps = range(300, 7);
    const laws = heavyBallQuadraticLaw({ A: [[a]], eta, beta, mean0: [x0], cov0: [[0]], steps });
    laws.forEach((law, i) => {
      expect(Math.abs(law.mean[0] - scalarHeavyBall(a, eta, beta, x0, steps[i])), `k = ${steps[i]}`).toBeLessThan(1e-13);
      expect(law.cov[0][0]).toBe(0);
    });
  });

  it('reproduces docs/math.md §3d: HB x_K for β = 0.5, h = 1, x0 = 1, T = 1 (η = 0.04, 0.01, 0.0025) to 1e-10', () => {
    const table: [number, number][] = [
      [0.04, 0.1114676218],
      [0.01, 0.1297998747],
      [0.0025, 0.1339745285],
    ];
    for (const [eta, expected] of table) {
      const K = Math.round(1 / eta);
      const [law] = heavyBallQuadraticLaw({ A: [[1]], eta, beta: 0.5, mean0: [1], cov0: [[0]], steps: [K] });
      expect(Math.abs(law.mean[0] - expected), `η = ${eta}`).toBeLessThan(1e-10);
    }
    // …and c₊ = (x₁ − r₋x₀)/(r₊ − r₋) = 1.0222230815 at η = 0.01 (the hand solution above uses it).
    const p = 1.5 - 0.01;
    const rp = (p + Math.sqrt(p * p - 2)) / 2;
    const rm = (p - Math.sqrt(p * p - 2)) / 2;
    expect(Math.abs((0.99 - rm) / (rp - rm) - 1.0222230815)).toBeLessThan(1e-10);
  });

  it('with β = 0 it is SGD’s discrete Lyapunov law (emQuadraticLaw, dt = η, G = ηΣ) on a 2-D quadratic with b, Gaussian x0 and Σ, to 1e-14', () => {
    const A = [[2, 0.5], [0.5, 1]];
    const b = [0.4, -0.2];
    const Sigma = [[1, 0.2], [0.2, 0.5]];
    const eta = 0.1;
    const mean0 = [1, -1];
    const cov0 = [[0.25, 0], [0, 0.09]];
    const steps = [0, 1, 2, 5, 10, 50, 200];
    const hb = heavyBallQuadraticLaw({ A, b, Sigma, eta, beta: 0, mean0, cov0, steps });
    const em = emQuadraticLaw({ A, b, G: Sigma.map((row) => row.map((v) => eta * v)), dt: eta, mean0, cov0, steps });
    hb.forEach((law, i) => {
      expect(Math.max(...law.mean.map((m, j) => Math.abs(m - em[i].mean[j]))), `k = ${steps[i]}`).toBeLessThan(1e-14);
      expect(frobenius(sub(law.cov, em[i].cov)), `k = ${steps[i]}`).toBeLessThan(1e-14);
    });
    // The stationary covariance is docs/math.md §6's C_∞.
    expect(frobenius(sub(hb.at(-1)!.cov, [[0.02825459, -0.00129252], [-0.00129252, 0.02729981]]))).toBeLessThan(1e-8);
  });

  it('with Gaussian noise, 1-D: the stationary variance is the AR(2) value (1 − φ₂)η²σ² / ((1 + φ₂)((1 − φ₂)² − φ₁²)), φ₁ = 1 + β − ηa, φ₂ = −β', () => {
    for (const [a, eta, beta, s2] of [
      [2, 0.1, 0.9, 1],
      [1, 0.04, 0.5, 0.3],
      [0.5, 0.5, 0.2, 2],
    ]) {
      const [phi1, phi2] = [1 + beta - eta * a, -beta];
      const exact = ((1 - phi2) * eta * eta * s2) / ((1 + phi2) * ((1 - phi2) ** 2 - phi1 * phi1));
      const [law] = heavyBallQuadraticLaw({ A: [[a]], Sigma: [[s2]], eta, beta, mean0: [1], cov0: [[0]], steps: [20000] });
      expect(Math.abs(law.cov[0][0] / exact - 1), `a = ${a}, η = ${eta}, β = ${beta}`).toBeLessThan(1e-10);
      expect(Math.abs(law.mean[0])).toBeLessThan(1e-12);
    }
  });

  it('rejects β outside [0, 1), a non-positive η and unsorted steps', () => {
    const base = { A: [[1]], eta: 0.1, beta: 0.5, mean0: [0], cov0: [[0]], steps: [0, 1] };
    expect(() => heavyBallQuadraticLaw({ ...base, beta: 1 })).toThrow(/beta/);
    expect(() => heavyBallQuadraticLaw({ ...base, eta: 0 })).toThrow(/eta/);
    expect(() => heavyBallQuadraticLaw({ ...base, steps: [2, 1] })).toThrow(/ascending/);
  });
});

describe('the heavy-ball descriptor', () => {
  const objective: QuadraticObjective = { kind: 'quadratic', A: [[2, 0.5], [0.5, 1]], b: [0.4, -0.2] };
  const item: HeavyBallDynamics = { kind: 'heavy-ball', lr: 0.1, beta: 0.7, dt: 0.1 };

  it('packs the lr schedule then β, keeps d + 1 aux words (velocity, randomScale factor), and steps model time lr', () => {
    const scheduled: HeavyBallDynamics = { ...item, lr: { kind: 'step', initial: 0.2, every: 50, factor: 0.5, randomScale: [0.5, 1.5] }, dt: 1 };
    expect(heavyBall.params.pack(scheduled)).toEqual([...packSchedule(scheduled.lr), 0.7]);
    expect(heavyBall.aux.layOut(item, 3).words).toBe(4);
    expect(heavyBall.stepLength(item)).toBe(0.1);
  });

  it('its closed form is the x-block of the stacked law, only for a quadratic with no or Gaussian noise and a constant lr', () => {
    const initial = { mean: [1, -1], std: [0.5, 0.3] };
    const noise = { kind: 'gaussian', covariance: [[1, 0.2], [0.2, 0.5]] };
    const form = heavyBall.closedForm(item, objective, initial, [0, 10, 100], noise)!;
    const law = heavyBallQuadraticLaw({ A: objective.A, b: objective.b, Sigma: noise.covariance, eta: 0.1, beta: 0.7, mean0: [1, -1], cov0: [[0.25, 0], [0, 0.09]], steps: [0, 10, 100] });
    expect(form.mean).toEqual(law.map((l) => l.mean));
    expect(form.covariance).toEqual(law.map((l) => l.cov));
    expect(heavyBall.closedForm(item, objective, initial, [0, 10], { kind: 'none' })!.covariance[1][0][1]).not.toBe(0);
    expect(heavyBall.closedForm({ ...item, lr: { kind: 'inverse-power', scale: 0.1, power: 0.5 }, dt: 1 }, objective, initial, [0], noise)).toBeUndefined();
    expect(heavyBall.closedForm(item, objective, initial, [0], { kind: 'minibatch' })).toBeUndefined();
    expect(heavyBall.closedForm(item, { kind: 'double-well' } as never, initial, [0], noise)).toBeUndefined();
  });

  it('its float64 twin, started with zero velocity and without noise, follows the closed-form mean to 1e-12 (randomScale factor 1)', () => {
    const f = referenceQuadratic(objective, 2);
    const dynamics = heavyBall.reference(item, objective, f, 2, { grad: (x, out) => f.grad(x, out) });
    const x = Float64Array.from([1, -1]);
    const stream = new TrajectoryStream([1, 2], 0);
    dynamics.init!(x, stream);
    const steps = range(100, 10);
    const laws = heavyBallQuadraticLaw({ A: objective.A, b: objective.b, eta: 0.1, beta: 0.7, mean0: [1, -1], cov0: [[0, 0], [0, 0]], steps });
    let k = 0;
    laws.forEach((law) => {
      for (; k < law.step; k++) dynamics.step(x, k, stream);
      expect(Math.max(...law.mean.map((m, i) => Math.abs(m - x[i]))), `k = ${law.step}`).toBeLessThan(1e-12);
    });
  });
});

describe('heavy-ball in experiment files', () => {
  const file = (dynamics: object) => ({ objective: { kind: 'quadratic', A: [[1]] }, dynamics: [dynamics], x0: [1], trajectories: 16, steps: 4 });

  it('fills β = 0.9 by default, sets dt = lr for a number and 1 for a schedule, and sweeps lr and beta', () => {
    const result = parseExperiment({ ...file({ kind: 'heavy-ball', lr: 0.05 }), sweep: { beta: [0, 0.5] } });
    if (!result.ok) expect.fail(JSON.stringify(result.issues));
    expect(result.experiment.dynamics[0]).toEqual({ kind: 'heavy-ball', lr: 0.05, beta: 0.9, dt: 0.05 });
    const parsed = parseExperiment(file({ kind: 'heavy-ball', lr: { kind: 'step', initial: 0.1, every: 2, factor: 0.5 }, beta: 0 }));
    if (!parsed.ok) expect.fail(JSON.stringify(parsed.issues));
    expect((parsed.experiment.dynamics[0] as HeavyBallDynamics).dt).toBe(1);
  });

  it('rejects β = 1, β < 0 and a non-number β at $.dynamics[0].beta', () => {
    for (const beta of [1, -0.1, 'high']) {
      const result = parseExperiment(file({ kind: 'heavy-ball', lr: 0.1, beta }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path)).toContain('$.dynamics[0].beta');
    }
  });

  it('experiments/sgd-heavy-ball.json compares SGD and heavy-ball at the same effective step η/(1 − β) on a quadratic of condition number 100', () => {
    const experiment = exampleExperiment('sgd-heavy-ball');
    const [sgd, hb] = experiment.dynamics as [SgdDynamics, HeavyBallDynamics];
    expect([sgd.kind, hb.kind]).toEqual(['sgd', 'heavy-ball']);
    expect(Math.abs((hb.lr as number) / (1 - hb.beta) - (sgd.lr as number))).toBeLessThan(1e-12);
    const A = (experiment.objective as QuadraticObjective).A;
    const tr = A[0][0] + A[1][1];
    const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
    const disc = Math.sqrt(tr * tr - 4 * det);
    expect((tr + disc) / (tr - disc)).toBeCloseTo(100, 9);
    expect(experiment.noise.kind).toBe('gaussian');
    expect(experiment.record.observables).toEqual(expect.arrayContaining(['loss', 'distance']));
  });
});
