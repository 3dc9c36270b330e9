import { describe, expect, it } from 'vitest';
import { MAX_BATCH, MAX_BATCH_WITHOUT_REPLACEMENT } from '../../src/noise/minibatch';
import { expectIssueAt, issuesOf, parseValid } from '../experiment/fixtures';
import { minibatchInput } from './finite-sum-fixtures';

describe('mini-batch noise in experiment files', () => {
  it('parses with replacement false by default', () => {
    expect(parseValid(minibatchInput({ batchSize: 4 })).noise).toEqual({ kind: 'minibatch', batchSize: 4, replacement: false, stages: { every: 1, values: [4] } });
    expect(parseValid(minibatchInput({ batchSize: 20, replacement: true })).noise).toEqual({ kind: 'minibatch', batchSize: 20, replacement: true, stages: { every: 1, values: [20] } });
  });

  it('rejects mini-batches of an objective that is not a finite sum, at $.noise.kind', () => {
    const issues = issuesOf(minibatchInput({ batchSize: 4 }, 20, { objective: { kind: 'quadratic', A: [[1, 0], [0, 1]] } }));
    expectIssueAt(issues, '$.noise.kind', /need a finite-sum objective.*quadratic is not one/);
  });

  it('rejects a batch larger than N, at $.noise.batchSize (with or without replacement)', () => {
    expectIssueAt(issuesOf(minibatchInput({ batchSize: 21 })), '$.noise.batchSize', /at most the 20 samples.*found 21/);
    expectIssueAt(issuesOf(minibatchInput({ batchSize: 21, replacement: true })), '$.noise.batchSize', /at most the 20 samples.*found 21/);
  });

  it(`rejects more than ${MAX_BATCH_WITHOUT_REPLACEMENT} samples without replacement (Floyd's search is O(b²) a step), and accepts them with replacement`, () => {
    const b = MAX_BATCH_WITHOUT_REPLACEMENT + 1;
    expectIssueAt(issuesOf(minibatchInput({ batchSize: b }, 300)), '$.noise.batchSize', /without replacement hold at most 256 samples, found 257.*"replacement": true/);
    expect(parseValid(minibatchInput({ batchSize: MAX_BATCH_WITHOUT_REPLACEMENT }, 300)).noise).toMatchObject({ batchSize: 256 });
    expect(parseValid(minibatchInput({ batchSize: b, replacement: true }, 300)).noise).toMatchObject({ batchSize: 257 });
  });

  it.each([0, -1, 1.5, MAX_BATCH + 1, '4'])('rejects batchSize %j at $.noise.batchSize', (batchSize) => {
    expectIssueAt(issuesOf(minibatchInput({ batchSize }, 10000, { noise: { kind: 'minibatch', batchSize, replacement: true } })), '$.noise.batchSize', /positive integer ≤ 4096|whole number in \[1, 4096\]/);
  });

  it('rejects a missing batchSize, a non-boolean replacement and unknown keys', () => {
    expectIssueAt(issuesOf(minibatchInput({})), '$.noise.batchSize');
    expectIssueAt(issuesOf(minibatchInput({ batchSize: 4, replacement: 'yes' })), '$.noise.replacement', /true or false, found "yes"/);
    expectIssueAt(issuesOf(minibatchInput({ batchSize: 4, batchsize: 4 })), '$.noise.batchsize', /unknown key/);
  });

  it('rejects mini-batches for dynamics that bring their own noise (a gradient SDE), at $.dynamics[0].kind', () => {
    const issues = issuesOf(minibatchInput({ batchSize: 4 }, 20, { dynamics: [{ kind: 'gradient-sde', dt: 0.1, sigma: 1 }] }));
    expectIssueAt(issues, '$.dynamics[0].kind', /brings its own noise/);
  });
});
