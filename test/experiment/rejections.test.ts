import { describe, expect, it } from 'vitest';
import { gradientSdeFormat as gradientSde } from '../../src/dynamics/gradient-sde';
import { expectIssueAt, issuesOf, validInput } from './fixtures';

const quadratic = (A: unknown, b?: unknown) => ({ kind: 'quadratic', A, ...(b === undefined ? {} : { b }) });
const sde = (fields: Record<string, unknown>) => ({ kind: 'gradient-sde', dt: 0.1, sigma: 1, ...fields });

describe('trajectories', () => {
  it('rejects a wrong type ("many") at $.trajectories, quoting what was found', () => {
    expectIssueAt(issuesOf(validInput({ trajectories: 'many' })), '$.trajectories', /positive integer.*found "many"/);
  });

  it('rejects a negative count at $.trajectories', () => {
    expectIssueAt(issuesOf(validInput({ trajectories: -5 })), '$.trajectories', /positive integer.*found -5/);
  });

  it('rejects a non-integer count at $.trajectories', () => {
    expectIssueAt(issuesOf(validInput({ trajectories: 2.5 })), '$.trajectories', /positive integer.*found 2\.5/);
  });

  it('rejects a count above 2^32 - 1 at $.trajectories', () => {
    expectIssueAt(issuesOf(validInput({ trajectories: 2 ** 32 })), '$.trajectories', /≤ 4294967295/);
  });

  it('rejects a missing count at $.trajectories', () => {
    expectIssueAt(issuesOf(validInput({ trajectories: undefined })), '$.trajectories', /missing/);
  });

  it('rejects reference trajectories above trajectories at $.reference.trajectories', () => {
    expectIssueAt(issuesOf(validInput({ reference: { trajectories: 2000 } })), '$.reference.trajectories', /at most.*1024.*found 2000/);
  });
});

describe('objective', () => {
  it('rejects a non-symmetric A at the first offending entry, quoting both values', () => {
    const A = [[1, 2, 3], [2, 1, 4], [3, 4.5, 1]];
    const issue = expectIssueAt(issuesOf(validInput({ objective: quadratic(A), x0: [0, 0, 0] })), '$.objective.A[1][2]');
    expect(issue.message).toMatch(/symmetric.*A\[1\]\[2\] = 4 .*A\[2\]\[1\] = 4\.5/);
  });

  it('rejects a non-square A at the row of the wrong length', () => {
    const issues = issuesOf(validInput({ objective: quadratic([[1, 0], [0, 1, 0]]) }));
    expectIssueAt(issues, '$.objective.A[1]', /row of 2 entries.*square.*found 3/);
  });

  it('rejects an empty A at $.objective.A', () => {
    expectIssueAt(issuesOf(validInput({ objective: quadratic([]) })), '$.objective.A', /at least 1 entry, found 0/);
  });

  it('rejects b whose length is not d at $.objective.b', () => {
    expectIssueAt(issuesOf(validInput({ objective: quadratic([[1, 0], [0, 1]], [1, 2, 3]) })), '$.objective.b', /expected 2 entries.*found 3/);
  });

  it('rejects an unknown objective kind at $.objective.kind, listing the known kinds', () => {
    expectIssueAt(issuesOf(validInput({ objective: { kind: 'rosenbrock' } })), '$.objective.kind', /"quadratic".*found "rosenbrock"/);
  });

  it('rejects the exact integrator for a non-quadratic objective at the integrator path', () => {
    const issues = gradientSde.check({ integrator: 'exact', sigma: 1 }, ['dynamics', 3], { dimSource: '$.objective.A', objectiveKind: 'double-well' });
    expect(issues).toEqual([
      { path: '$.dynamics[3].integrator', message: expect.stringMatching(/"exact" requires .*"quadratic".*found \$\.objective\.kind = "double-well"/) },
    ]);
  });
});

describe('x0', () => {
  it('rejects a point x0 whose length is not d at $.x0', () => {
    expectIssueAt(issuesOf(validInput({ x0: [1, 2, 3] })), '$.x0', /expected 2 entries.*\$\.objective\.A.*found 3/);
  });

  it('rejects a gaussian x0 whose mean length is not d at $.x0.mean', () => {
    expectIssueAt(issuesOf(validInput({ x0: { kind: 'gaussian', mean: [1], std: 1 } })), '$.x0.mean', /expected 2 entries.*found 1/);
  });

  it('rejects a negative gaussian std at $.x0.std', () => {
    expectIssueAt(issuesOf(validInput({ x0: { kind: 'gaussian', mean: 0, std: -1 } })), '$.x0.std', /≥ 0.*found -1/);
  });
});

describe('dynamics', () => {
  it('rejects a sigma vector whose length is not d at the sigma path', () => {
    expectIssueAt(issuesOf(validInput({ dynamics: [sde({ sigma: [1, 1, 1] })] })), '$.dynamics[0].sigma', /expected 2 entries.*found 3/);
  });

  it('rejects a sigma matrix with the wrong number of rows at the sigma path', () => {
    expectIssueAt(issuesOf(validInput({ dynamics: [sde({ sigma: [[1, 0]] })] })), '$.dynamics[0].sigma', /2×2 matrix.*found 1 rows/);
  });

  it('rejects a sigma matrix row of the wrong length at that row', () => {
    expectIssueAt(issuesOf(validInput({ dynamics: [sde({ sigma: [[1, 0], [0]] })] })), '$.dynamics[0].sigma[1]', /row of 2 entries.*found 1/);
  });

  it('rejects a negative scalar sigma and negative diagonal entries at their paths', () => {
    expectIssueAt(issuesOf(validInput({ dynamics: [sde({ sigma: -0.5 })] })), '$.dynamics[0].sigma', /≥ 0.*found -0\.5/);
    expectIssueAt(issuesOf(validInput({ dynamics: [sde({ sigma: [1, -2] })] })), '$.dynamics[0].sigma[1]', /≥ 0.*found -2/);
  });

  it('accepts negative entries in a sigma matrix (it is a general diffusion coefficient)', () => {
    expect(issuesOf(validInput({ dynamics: [sde({ sigma: [[1, 0], [-1, 1]] })], trajectories: 0 })).map((i) => i.path)).toEqual(['$.trajectories']);
  });

  it('rejects a non-positive dt at the dt path', () => {
    expectIssueAt(issuesOf(validInput({ dynamics: [sde({}), sde({ dt: 0 })] })), '$.dynamics[1].dt', /> 0.*found 0/);
  });

  it('rejects an unknown integrator, listing the supported ones', () => {
    expectIssueAt(issuesOf(validInput({ dynamics: [sde({ integrator: 'rk4' })] })), '$.dynamics[0].integrator', /"euler-maruyama", "exact".*found "rk4"/);
  });

  it('rejects an empty dynamics list at $.dynamics', () => {
    expectIssueAt(issuesOf(validInput({ dynamics: [] })), '$.dynamics', /at least 1 entry, found 0/);
  });
});

describe('unknown keys', () => {
  it('rejects a top-level typo (trajectores) at its own path, suggesting the intended key', () => {
    expectIssueAt(issuesOf(validInput({ trajectores: 10 })), '$.trajectores', /unknown key "trajectores" \(did you mean "trajectories"\?\)/);
  });

  it('rejects unknown nested keys in objective, dynamics items, x0 and record', () => {
    const issues = issuesOf(
      validInput({
        objective: { ...quadratic([[1, 0], [0, 1]]), c: 1 },
        dynamics: [sde({ stepsize: 0.1 })],
        x0: { kind: 'gaussian', mean: 0, std: 1, sd: 1 },
        record: { evry: 2 },
      }),
    );
    expectIssueAt(issues, '$.objective.c', /unknown key/);
    expectIssueAt(issues, '$.dynamics[0].stepsize', /unknown key/);
    expectIssueAt(issues, '$.x0.sd', /unknown key/);
    expectIssueAt(issues, '$.record.evry', /did you mean "every"/);
  });
});

describe('steps, horizon and record', () => {
  it('rejects both steps and horizon at $.horizon', () => {
    expectIssueAt(issuesOf(validInput({ horizon: 1 })), '$.horizon', /exactly one of steps and horizon, found both/);
  });

  it('rejects neither steps nor horizon at $.steps', () => {
    expectIssueAt(issuesOf(validInput({ steps: undefined })), '$.steps', /found neither/);
  });

  it('rejects a horizon that is not a whole number of steps at $.horizon, naming the dt', () => {
    const issues = issuesOf(validInput({ steps: undefined, horizon: 1, dynamics: [sde({}), sde({ dt: 0.03 })] }));
    expectIssueAt(issues, '$.horizon', /whole number of steps of dt = 0\.03 \(\$\.dynamics\[1\]\.dt\).*33\.3/);
  });

  it('rejects an unsupported observable, listing the supported ones', () => {
    expectIssueAt(issuesOf(validInput({ record: { observables: ['mean', 'skewness'] } })), '$.record.observables[1]', /"skewness".*"mean", "variance"/);
  });

  it('rejects a repeated observable at the repeat', () => {
    expectIssueAt(issuesOf(validInput({ record: { observables: ['mean', 'mean'] } })), '$.record.observables[1]', /once.*first at index 0/);
  });

  it('rejects a non-positive record interval at $.record.every', () => {
    expectIssueAt(issuesOf(validInput({ record: { every: 0 } })), '$.record.every', /positive integer.*found 0/);
  });
});

describe('sweep', () => {
  it('rejects a parameter that is not shared by every dynamics item, suggesting the closest', () => {
    expectIssueAt(issuesOf(validInput({ sweep: { sigm: [1, 2] } })), '$.sweep.sigm', /"sigm" \(did you mean "sigma"\?\).*dt, sigma/);
  });

  it('validates each swept value like the parameter itself, at its index', () => {
    const issues = issuesOf(validInput({ sweep: { sigma: [1, [1, -1], [1, 2, 3]] } }));
    expectIssueAt(issues, '$.sweep.sigma[1][1]', /≥ 0.*found -1/);
    expectIssueAt(issues, '$.sweep.sigma[2]', /expected 2 entries.*found 3/);
    expectIssueAt(issuesOf(validInput({ sweep: { dt: [0.1, -0.1] } })), '$.sweep.dt[1]', /> 0.*found -0\.1/);
  });

  it('checks horizon against every swept dt instead of the items\' own', () => {
    const issues = issuesOf(validInput({ steps: undefined, horizon: 1, dynamics: [sde({ dt: 0.03 })], sweep: { dt: [0.1, 0.3] } }));
    expect(issues).toHaveLength(1);
    expectIssueAt(issues, '$.horizon', /dt = 0\.3 \(\$\.sweep\.dt\[1\]\)/);
  });

  it('rejects sweeping two parameters at once and an empty value list', () => {
    expectIssueAt(issuesOf(validInput({ sweep: { dt: [0.1], sigma: [1] } })), '$.sweep.sigma', /exactly one parameter.*found 2/);
    expectIssueAt(issuesOf(validInput({ sweep: { dt: [] } })), '$.sweep.dt', /at least 1 entry, found 0/);
  });
});

describe('non-finite numbers', () => {
  it('rejects Infinity and NaN given programmatically, at their paths', () => {
    const issues = issuesOf(validInput({ objective: quadratic([[1, 0], [0, Infinity]]), dynamics: [sde({ dt: NaN })] }));
    expectIssueAt(issues, '$.objective.A[1][1]', /finite number.*found Infinity/);
    expectIssueAt(issues, '$.dynamics[0].dt', /found NaN/);
  });
});

describe('several problems at once', () => {
  it('reports every structural and cross-field problem in one pass', () => {
    const issues = issuesOf({
      objective: quadratic([[1, 2], [3, 1]], [0]),
      dynamics: [sde({ dt: -1, sigma: [1, 2, 3] })],
      x0: [0],
      trajectories: 'many',
      steps: 10,
      horizon: 2,
      trajectores: 3,
    });
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        '$.dynamics[0].dt',
        '$.dynamics[0].sigma',
        '$.horizon',
        '$.objective.A[0][1]',
        '$.objective.b',
        '$.trajectores',
        '$.trajectories',
        '$.x0',
      ].sort(),
    );
  });

  it('rejects a document that is not an object at $', () => {
    expect(issuesOf([1, 2])).toEqual([{ path: '$', message: 'expected an object, found an array of 2 entries' }]);
  });
});
