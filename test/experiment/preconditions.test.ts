/**
 * Mathematical and numerical preconditions checked before anything runs.
 * HA-SME's ηλ_max < 1 and PSD-diffusion refusals are tested in
 * test/dynamics/sgd-models.test.ts, hb-ode's overdamped regime in
 * test/dynamics/hb-ode.test.ts; this file covers the step-size stability warnings
 * and the run-length and range checks that the fuzzer (test/fuzz/) found missing.
 */
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/experiment/index';
import { MAX_CHECKPOINTS, MAX_STEPS } from '../../src/experiment/run-durations';
import { expectIssueAt, issuesOf, parseValid, validInput } from './fixtures';

/** A file on f = ½xᵀAx with A = diag(2, 1): λ_max = 2. */
const onQuadratic = (dynamics: unknown[], more: Record<string, unknown> = {}) =>
  validInput({ objective: { kind: 'quadratic', A: [[2, 0], [0, 1]] }, dynamics, ...more });

function warningsOf(input: unknown) {
  const result = parseExperiment(input);
  if (!result.ok) expect.fail(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.warnings;
}

describe('a step beyond the linear stability limit on a quadratic is warned about, not refused', () => {
  it('sgd: lr·λ_max ≥ 2 warns at $.dynamics[i].lr with the limit 1; lr = 0.99 does not', () => {
    const warnings = warningsOf(onQuadratic([{ kind: 'sgd', lr: 0.99 }, { kind: 'sgd', lr: 1.05 }]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe('$.dynamics[1].lr');
    expect(warnings[0].message).toMatch(/sgd with lr = 1\.05 is beyond its stability limit.*λ_max\(A\) = 2\.00000, so α < 1\.00000/);
  });

  it('heavy-ball: the limit is 2(1 + β)/λ_max, so lr = 1.5 is stable at β = 0.9 and warned at β = 0.4', () => {
    const warnings = warningsOf(onQuadratic([{ kind: 'heavy-ball', lr: 1.5, beta: 0.9 }, { kind: 'heavy-ball', lr: 1.5, beta: 0.4 }]));
    expect(warnings.map((w) => w.path)).toEqual(['$.dynamics[1].lr']);
    expect(warnings[0].message).toMatch(/α < 1\.40000/);
  });

  it('heavy-ball-sgd: heavy ball with α = ηθ, β = 1 − θ; θ = 0.5, η = 2.9 is within ηθ < 3/2 · … and η = 3.1 is not', () => {
    // Limit: ηθλ < 2(2 − θ) → η < 2(1.5)/(0.5·2) = 3.
    const warnings = warningsOf(onQuadratic([{ kind: 'heavy-ball-sgd', lr: 2.9, theta: 0.5 }, { kind: 'heavy-ball-sgd', lr: 3.1, theta: 0.5 }]));
    expect(warnings.map((w) => w.path)).toEqual(['$.dynamics[1].lr']);
  });

  it('gradient-sde: Euler–Maruyama with dt·λ_max ≥ 2 warns at dt, the exact integrator never does', () => {
    const sde = (dt: number, integrator: string) => ({ kind: 'gradient-sde', dt, sigma: 0.1, integrator });
    const warnings = warningsOf(onQuadratic([sde(1.2, 'euler-maruyama'), sde(1.2, 'exact')], { steps: 10 }));
    expect(warnings.map((w) => w.path)).toEqual(['$.dynamics[0].dt']);
  });

  it('a swept step beyond the limit is warned at the swept value', () => {
    const warnings = warningsOf(onQuadratic([{ kind: 'sgd', lr: 0.1 }], { sweep: { lr: [0.1, 0.5, 1.5] } }));
    expect(warnings.map((w) => w.path)).toEqual(['$.sweep.lr[2]']);
  });

  it('negative curvature only (a pure saddle), varying schedules and non-quadratic objectives are not warned', () => {
    expect(warningsOf(validInput({ objective: { kind: 'quadratic', A: [[-1, 0], [0, -2]] }, dynamics: [{ kind: 'sgd', lr: 5 }] }))).toEqual([]);
    expect(warningsOf(onQuadratic([{ kind: 'sgd', lr: { kind: 'inverse-power', scale: 5, power: 1 } }]))).toEqual([]);
    expect(warningsOf(validInput({ objective: { kind: 'double-well', dim: 2 }, dynamics: [{ kind: 'sgd', lr: 5 }] }))).toEqual([]);
  });

  it('a constant schedule with randomScale is judged by its largest factor', () => {
    const warnings = warningsOf(onQuadratic([{ kind: 'sgd', lr: { kind: 'constant', value: 0.8, randomScale: [0.5, 1.5] } }]));
    expect(warnings.map((w) => w.path)).toEqual(['$.dynamics[0].lr']);
    expect(warnings[0].message).toMatch(/lr = 1\.2000000000000002|lr = 1\.2/);
  });
});

describe('horizon: a whole number of every run\'s steps, whatever sets the step', () => {
  it('rejects a horizon that is no whole number of an sgd item\'s lr at $.horizon, naming the item', () => {
    expectIssueAt(issuesOf(onQuadratic([{ kind: 'sgd', lr: 0.3 }], { steps: undefined, horizon: 1 })), '$.horizon', /whole number of steps of \$\.dynamics\[0\] \(model time per step 0\.3\).*3\.33/);
  });

  it('accepts a horizon that is a whole number of the lr (1 / 0.25 = 4 steps)', () => {
    parseValid(onQuadratic([{ kind: 'sgd', lr: 0.25 }], { steps: undefined, horizon: 1 }));
  });

  it('checks swept lr values, naming the sweep value', () => {
    const issues = issuesOf(onQuadratic([{ kind: 'sgd', lr: 0.25 }], { steps: undefined, horizon: 1, sweep: { lr: [0.25, 0.3] } }));
    expectIssueAt(issues, '$.horizon', /\$\.dynamics\[0\] with \$\.sweep\.lr\[1\]/);
  });

  it('a schedule counts steps (model time 1 per step): horizon 0.5 is refused, horizon 7 is 7 steps', () => {
    const schedule = { kind: 'inverse-power', scale: 0.1, power: 0.5 };
    expectIssueAt(issuesOf(onQuadratic([{ kind: 'sgd', lr: schedule }], { steps: undefined, horizon: 0.5 })), '$.horizon', /model time per step 1\b/);
    parseValid(onQuadratic([{ kind: 'sgd', lr: schedule }], { steps: undefined, horizon: 7 }));
  });

  it(`refuses runs of more than ${MAX_STEPS} steps, given as steps or reached by a horizon`, () => {
    expectIssueAt(issuesOf(onQuadratic([{ kind: 'sgd', lr: 0.1 }], { steps: 2 ** 32 })), '$.steps', /at most 4294967295 steps/);
    expectIssueAt(issuesOf(validInput({ steps: undefined, horizon: 1e9, dynamics: [{ kind: 'gradient-sde', dt: 0.01, sigma: 1 }] })), '$.horizon', /at most 4294967295 steps/);
  });

  it(`refuses a record interval that asks for more than ${MAX_CHECKPOINTS} checkpoints, with the count`, () => {
    expectIssueAt(issuesOf(onQuadratic([{ kind: 'sgd', lr: 0.1 }], { steps: 2 ** 21, record: { every: 1 } })), '$.record.every', /at most 1048576 checkpoints per run, found 2097153 \(2097152 steps recorded every 1\)/);
  });
});

describe('numbers the GPU cannot hold', () => {
  it('refuses a number beyond the float32 range where it is written', () => {
    expectIssueAt(issuesOf(validInput({ x0: [1e39, 0] })), '$.x0[0]', /float32 range/);
    expectIssueAt(issuesOf(onQuadratic([{ kind: 'sgd', lr: 1e300 }])), '$.dynamics[0].lr');
  });

  it('refuses derived parameters that overflow float32 (the exact OU transition\'s shift c ≈ dt·b = 3e40 for a flat direction), at the item', () => {
    const objective = { kind: 'quadratic', A: [[1e-6, 0], [0, 1]], b: [3e38, 0] };
    const issues = issuesOf(validInput({ objective, dynamics: [{ kind: 'gradient-sde', dt: 100, sigma: 1, integrator: 'exact' }] }));
    expectIssueAt(issues, '$.dynamics[0]', /gradient-sde parameters overflow the float32 range/);
  });

  it('"distance" on an A that Cholesky accepts but is too ill-conditioned to solve is refused, not thrown', () => {
    const input = validInput({ objective: { kind: 'quadratic', A: [[2 ** 53, 0.5], [0.5, 0.5]] }, record: { observables: ['distance'] } });
    expectIssueAt(issuesOf(input), '$.record.observables[0]', /unique minimizer/);
  });
});
