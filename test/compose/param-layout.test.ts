import { describe, expect, it } from 'vitest';
import { fieldWords, layoutConstants, paramLayout, recordConstants, sharedDerivation, wgslEnum, wordLayout } from '../../src/compose/param-layout';
import { packParams } from '../../src/ensemble/kernels';
import { assertExperiment, ensembleSpec, expandRuns } from '../../src/internal';

describe('paramLayout', () => {
  const layout = paramLayout<[item: { lr: number; table: number[]; count: number }]>({
    DEMO_LR: (item) => item.lr,
    DEMO_TABLE: (item) => item.table,
    DEMO_COUNT: { u32: (item) => item.count },
  });

  it('packs the fields in declaration order and gives each field its offset in the block', () => {
    expect(layout.names).toEqual(['DEMO_LR', 'DEMO_TABLE', 'DEMO_COUNT']);
    expect(layout.layOut({ lr: 0.1, table: [1, 2, 3], count: 7 })).toEqual({ words: [0.1, 1, 2, 3, 7], offsets: { DEMO_LR: 0, DEMO_TABLE: 1, DEMO_COUNT: 4 } });
    expect(layout.pack({ lr: 0.1, table: [], count: 0 })).toEqual([0.1, 0]);
  });

  it('refuses a u32 field that is not an integer f32 holds exactly, naming the field', () => {
    expect(() => layout.pack({ lr: 1, table: [], count: 2.5 })).toThrow(/DEMO_COUNT holds 2.5/);
    expect(() => layout.pack({ lr: 1, table: [], count: 2 ** 24 + 1 })).toThrow(/DEMO_COUNT/);
    expect(() => layout.pack({ lr: 1, table: [], count: -1 })).toThrow(/DEMO_COUNT/);
  });

  it('refuses names that are not UPPER_SNAKE_CASE WGSL names', () => {
    expect(() => paramLayout({ lr: () => 1 })).toThrow(/"lr" must be an UPPER_SNAKE_CASE WGSL name/);
    expect(() => wordLayout({ 'A-B': () => 1 })).toThrow(/"A-B"/);
  });

  it('reads a field back for a float64 twin up to the next field, empty fields included', () => {
    const laid = paramLayout<[]>({ A: () => [1, 2], EMPTY: () => [], B: () => 3 }).layOut();
    expect(fieldWords(laid, 'A')).toEqual([1, 2]);
    expect(fieldWords(laid, 'EMPTY')).toEqual([]);
    expect(fieldWords(laid, 'B')).toEqual([3]);
    expect(() => fieldWords(laid, 'C')).toThrow(/no parameter field C \(fields: A, EMPTY, B\)/);
  });
});

describe('layout constants', () => {
  it('place each block’s fields at the block’s start, and refuse one name declared by two layouts', () => {
    expect(layoutConstants([{ start: 10, offsets: { X_A: 0, X_B: 3 } }, { start: 20, offsets: { Y_A: 0 } }])).toEqual({ X_A: 10, X_B: 13, Y_A: 20 });
    expect(() => layoutConstants([{ start: 0, offsets: { SAME: 0 } }, { start: 5, offsets: { SAME: 0 } }])).toThrow(/SAME is declared twice/);
  });

  it('give an enum’s members codes in order under PREFIX_MEMBER names', () => {
    const kinds = wgslEnum('SHAPE', ['ball', 'half-space']);
    expect(kinds.codes).toEqual({ ball: 0, 'half-space': 1 });
    expect(layoutConstants([], [kinds])).toEqual({ SHAPE_BALL: 0, SHAPE_HALF_SPACE: 1 });
  });

  it('give a record’s field offsets and its length', () => {
    const record = paramLayout<[n: number]>({ R_CODE: () => 0, R_VECTOR: (n) => new Array<number>(n).fill(1) });
    expect(recordConstants(record, 'R_WORDS', 3)).toEqual({ R_CODE: 0, R_VECTOR: 1, R_WORDS: 4 });
  });

  it('derive a value shared by several fields once per packing', () => {
    let calls = 0;
    const derived = sharedDerivation((item: { x: number }) => (calls++, { a: item.x, b: 2 * item.x }));
    const shared = paramLayout<[item: { x: number }]>({ S_A: (item) => derived(item).a, S_B: (item) => derived(item).b });
    expect(shared.pack({ x: 3 })).toEqual([3, 6]);
    expect(calls).toBe(1);
    shared.pack({ x: 4 });
    expect(calls).toBe(2);
  });
});

describe('packParams', () => {
  it('locates every field of every block by its declared name: the lr schedule, β and the escape region of a heavy-ball run', () => {
    const experiment = assertExperiment({
      name: 'layout',
      seed: 1,
      objective: { kind: 'quadratic', A: [[2, 0], [0, 1]], b: [1, 0] },
      noise: { kind: 'gaussian', cov: 0.25 },
      dynamics: [{ kind: 'heavy-ball', lr: 0.1, beta: 0.7 }],
      x0: { kind: 'gaussian', mean: [1, -1], std: 0.5 },
      trajectories: 256,
      steps: 10,
      escape: { kind: 'ball', center: [0, 0], radius: 3 },
    });
    const spec = ensembleSpec(experiment, expandRuns(experiment)[0]);
    const { values, fields } = packParams(spec);
    expect(Array.from(values.slice(fields.INIT_MEAN, fields.INIT_MEAN + 2))).toEqual([1, -1]);
    expect(values[fields.MOMENTUM_BETA]).toBeCloseTo(0.7, 7);
    expect(values[fields.MOMENTUM_LR + fields.SCHEDULE_CODE]).toBe(fields.SCHEDULE_CONSTANT);
    expect(values[fields.MOMENTUM_LR + fields.SCHEDULE_ARGS]).toBeCloseTo(0.1, 7);
    expect(values[fields.QUADRATIC_B]).toBe(1);
    expect(values[fields.NOISE_FACTOR]).toBe(0.5);
    expect(values[fields.ESCAPE_REGION + fields.REGION_CODE]).toBe(fields.REGION_BALL);
    expect(values[fields.ESCAPE_REGION + fields.REGION_SCALAR]).toBe(3);
    // The aux words: the velocity first, then the lr's randomScale factor.
    expect([fields.MOMENTUM_V, fields.MOMENTUM_LR_FACTOR]).toEqual([0, 2]);
  });
});
