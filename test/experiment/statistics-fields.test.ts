import { describe, expect, it } from 'vitest';
import { expectIssueAt, issuesOf, parseValid, validInput } from './fixtures';

const histogram = { bins: 16, range: [-2, 2] };

describe('record: observables, histogram and regions', () => {
  it('accepts every observable with histogram settings and named regions, and normalizes them', () => {
    const experiment = parseValid(
      validInput({
        record: {
          every: 5,
          observables: ['mean', 'variance', 'covariance', 'loss', 'distance', 'histogram'],
          histogram: { range: [-2, 2], lossRange: [0, 3] },
          regions: { basin: { kind: 'ball', center: [0, 0], radius: 1 }, side: { kind: 'halfspace', normal: [1, 0], offset: 0.5 }, low: { kind: 'level', value: 1 } },
        },
      }),
    );
    expect(experiment.record.histogram).toEqual({ bins: 64, range: [-2, 2], lossRange: [0, 3] });
    expect(Object.keys(experiment.record.regions!)).toEqual(['basin', 'side', 'low']);
  });

  it('rejects "histogram" without settings, and settings without "histogram", at $.record.histogram', () => {
    expectIssueAt(issuesOf(validInput({ record: { observables: ['histogram'] } })), '$.record.histogram', /settings.*"range"/);
    expectIssueAt(issuesOf(validInput({ record: { histogram } })), '$.record.histogram', /not in record\.observables/);
  });

  it('rejects an empty or reversed histogram range and too many bins, naming the field', () => {
    const input = (h: object) => validInput({ record: { observables: ['histogram'], histogram: { ...histogram, ...h } } });
    expectIssueAt(issuesOf(input({ range: [1, 1] })), '$.record.histogram.range', /lo < hi.*\[1, 1\]/);
    expectIssueAt(issuesOf(input({ lossRange: [3, 0] })), '$.record.histogram.lossRange', /lo < hi/);
    expectIssueAt(issuesOf(input({ bins: 5000 })), '$.record.histogram.bins', /≤ 4096/);
    expectIssueAt(issuesOf(input({ range: [0] })), '$.record.histogram.range');
  });

  it('rejects a region of the wrong dimension, a zero normal and an unknown kind, at the region’s path', () => {
    const regions = (r: object) => validInput({ record: { regions: { r } } });
    expectIssueAt(issuesOf(regions({ kind: 'ball', center: [0, 0, 0], radius: 1 })), '$.record.regions.r.center', /expected 2 entries.*found 3/);
    expectIssueAt(issuesOf(regions({ kind: 'halfspace', normal: [0, 0], offset: 1 })), '$.record.regions.r.normal', /non-zero/);
    expectIssueAt(issuesOf(regions({ kind: 'ball', center: [0, 0], radius: 0 })), '$.record.regions.r.radius', /> 0/);
    expect(issuesOf(regions({ kind: 'sphere', center: [0, 0] })).some((i) => i.path.startsWith('$.record.regions.r'))).toBe(true);
  });

  it('rejects "distance" when the objective has no unique minimizer (indefinite quadratic, double well)', () => {
    expectIssueAt(
      issuesOf(validInput({ objective: { kind: 'quadratic', A: [[1, 0], [0, -1]] }, record: { observables: ['distance'] } })),
      '$.record.observables[0]',
      /unique minimizer.*not positive definite/,
    );
    expectIssueAt(
      issuesOf(validInput({ objective: { kind: 'double-well', dim: 2 }, record: { observables: ['mean', 'distance'] } })),
      '$.record.observables[1]',
      /unique minimizer/,
    );
  });

  it('rejects covariance above d = 64 at its place in the list', () => {
    const A = Array.from({ length: 65 }, (_, i) => Array.from({ length: 65 }, (_, j) => (i === j ? 1 : 0)));
    expectIssueAt(issuesOf(validInput({ objective: { kind: 'quadratic', A }, x0: new Array(65).fill(0), record: { observables: ['covariance'] } })), '$.record.observables[0]', /d = 64.*d = 65/);
  });
});

describe('escape', () => {
  it('defaults stop and bridge to true and keeps the region', () => {
    const experiment = parseValid(validInput({ escape: { kind: 'ball', center: [0, 0], radius: 2 } }));
    expect(experiment.escape).toEqual({ region: { kind: 'ball', center: [0, 0], radius: 2 }, stop: true, bridge: true });
  });

  it('accepts a level set and a halfspace with stop and bridge off', () => {
    expect(parseValid(validInput({ escape: { kind: 'level', value: 3, stop: false } })).escape!.stop).toBe(false);
    expect(parseValid(validInput({ escape: { kind: 'halfspace', normal: [1, 1], offset: 1, bridge: false } })).escape!.bridge).toBe(false);
  });

  it('rejects a wrong-length center, a non-boolean stop and an unknown key, at their paths', () => {
    expectIssueAt(issuesOf(validInput({ escape: { kind: 'ball', center: [0], radius: 1 } })), '$.escape.center', /expected 2 entries/);
    expectIssueAt(issuesOf(validInput({ escape: { kind: 'level', value: 1, stop: 'yes' } })), '$.escape.stop', /true or false.*"yes"/);
    expectIssueAt(issuesOf(validInput({ escape: { kind: 'level', value: 1, radius: 2 } })), '$.escape.radius');
  });
});

describe('step-size schedules', () => {
  it('rejects a randomScale with lo > hi on sgd and heavy-ball, at the lr path', () => {
    const lr = { kind: 'inverse-power', scale: 0.1, power: 0.6, randomScale: [2, 1] };
    expectIssueAt(issuesOf(validInput({ dynamics: [{ kind: 'sgd', lr }] })), '$.dynamics[0].lr.randomScale', /lo ≤ hi.*\[2, 1\]/);
    expectIssueAt(issuesOf(validInput({ dynamics: [{ kind: 'heavy-ball', lr, beta: 0.9 }] })), '$.dynamics[0].lr.randomScale', /lo ≤ hi/);
  });

  it('accepts numbers and every schedule kind for sgd', () => {
    for (const lr of [0.1, { kind: 'step', initial: 0.1, every: 10, factor: 0.5 }, { kind: 'inverse-power', scale: 0.1, power: 0.5 }, { kind: 'polynomial', initial: 0.1, power: 2, total: 100 }]) {
      expect(parseValid(validInput({ dynamics: [{ kind: 'sgd', lr }] })).dynamics[0].kind).toBe('sgd');
    }
  });
});
