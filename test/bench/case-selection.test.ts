import { describe, expect, it } from 'vitest';
import { BENCH_CASES, BenchSelectionError, selectBenchCases } from '../../bench/case-selection';

describe('sdeflow bench --only picks cases by exact id, exact name or an id pattern', () => {
  it('"ou" alone names no case (it must not pick the double well by substring): an error listing the ids', () => {
    expect(() => selectBenchCases('ou')).toThrow(BenchSelectionError);
    expect(() => selectBenchCases('ou')).toThrow(/ids: ou-d1, ou-d3, sgd-d10/);
  });

  it('"ou-*" picks the three OU cases and nothing else', () => {
    expect([...selectBenchCases('ou-*')].sort()).toEqual(['ou-d1', 'ou-d256', 'ou-d3']);
  });

  it('an id and a full name (any case) pick exactly their cases; no --only picks all of them', () => {
    expect([...selectBenchCases('double-well-escape, OU EM d=3')].sort()).toEqual(['double-well-escape', 'ou-d3']);
    expect([...selectBenchCases('DIFFEQGPU')]).toEqual(['diffeqgpu']);
    expect(selectBenchCases(undefined).size).toBe(BENCH_CASES.length);
    expect(selectBenchCases(' , ').size).toBe(BENCH_CASES.length);
  });

  it('case ids are unique, lower case and free of spaces', () => {
    const ids = BENCH_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
  });
});
