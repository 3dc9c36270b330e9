import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dispatchGrid,
  LEVEL_CONTROL_BYTES,
  LOOP_CANARY_TRIPS,
  packLevelControl,
  packReduceControl,
  packRunControl,
  RECORD_WORDS,
  REDUCE_CONTROL_BYTES,
  RUN_CONTROL_BYTES,
} from '../../src/ensemble/layout';

interface StructField {
  name: string;
  type: string;
  /** Byte offset stated by the field's comment: `(offset N)` or `(N)` at the end of the line. */
  commentOffset: number;
}

/** Fields of `struct NAME { … }` in a shader file, with the offsets their comments state. */
function structFields(shaderPath: string, structName: string): StructField[] {
  const text = readFileSync(new URL(`../../shaders/${shaderPath}`, import.meta.url), 'utf8');
  const body = new RegExp(`struct\\s+${structName}\\s*\\{([^}]*)\\}`).exec(text)?.[1];
  if (body === undefined) return expect.fail(`struct ${structName} not found in shaders/${shaderPath}`);
  const fields: StructField[] = [];
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^\s*(\w+)\s*:\s*([^,]+?)\s*,\s*\/\/.*\((?:offset\s+)?(\d+)\)\s*$/.exec(line);
    if (!m) return expect.fail(`shaders/${shaderPath}: struct ${structName} line without an offset comment: ${line}`);
    fields.push({ name: m[1], type: m[2], commentOffset: Number(m[3]) });
  }
  return fields;
}

/** Size and alignment of the WGSL types these structs use (WGSL §13.4 "Memory layout"). */
const WGSL_TYPES: Record<string, { size: number; align: number; words: number }> = {
  u32: { size: 4, align: 4, words: 1 },
  'vec2<u32>': { size: 8, align: 8, words: 2 },
  'vec4<u32>': { size: 16, align: 16, words: 4 },
};

/** Member offsets and struct size by the WGSL layout rules (uniform address space: these types need no extra padding). */
function wgslLayout(fields: StructField[]): { offsets: number[]; size: number } {
  let at = 0;
  let maxAlign = 1;
  const offsets = fields.map((f) => {
    const t = WGSL_TYPES[f.type];
    if (!t) return expect.fail(`no layout for WGSL type ${f.type}`);
    at = Math.ceil(at / t.align) * t.align;
    const offset = at;
    at += t.size;
    maxAlign = Math.max(maxAlign, t.align);
    return offset;
  });
  return { offsets, size: Math.ceil(at / maxAlign) * maxAlign };
}

/** The u32 words of a packed buffer at a byte offset, read little-endian (WebGPU's byte order). */
function wordsAt(packed: Uint32Array, byteOffset: number, words: number): number[] {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  return Array.from({ length: words }, (_, i) => view.getUint32(byteOffset + 4 * i, true));
}

const runFields = structFields('lib/ensemble_bindings.wgsl', 'RunControl');
const reduceFields = structFields('reduce/statistics.wgsl', 'ReduceControl');
const levelFields = structFields('reduce/level_difference.wgsl', 'LevelControl');

describe('RunControl layout', () => {
  it('states offsets in its comments that match the WGSL layout rules', () => {
    expect(runFields.map((f) => f.name)).toEqual(['key', 'offset_lo', 'offset_hi', 'count', 'step_begin', 'step_count', 'groups_x', 'canary_trips', 'probe', 'replica']);
    expect(runFields.map((f) => f.commentOffset)).toEqual(wgslLayout(runFields).offsets);
  });

  it('has RUN_CONTROL_BYTES equal to the WGSL struct size (11 u32 = 44 bytes, rounded up to the vec2 key\'s 8-byte alignment: 48)', () => {
    expect(wgslLayout(runFields).size).toBe(48);
    expect(RUN_CONTROL_BYTES).toBe(wgslLayout(runFields).size);
  });

  it('packs each field at the byte offset the WGSL comments state', () => {
    const packed = packRunControl({ key: [11, 22], offset: 2 ** 32 + 5, count: 33, stepBegin: 44, stepCount: 55, groupsX: 66, probe: true, replica: 77 });
    expect(packed.byteLength).toBe(RUN_CONTROL_BYTES);
    const expected: Record<string, number[]> = {
      key: [11, 22],
      offset_lo: [5],
      offset_hi: [1],
      count: [33],
      step_begin: [44],
      step_count: [55],
      groups_x: [66],
      canary_trips: [LOOP_CANARY_TRIPS],
      probe: [1],
      replica: [77],
    };
    expect(Object.keys(expected).sort()).toEqual(runFields.map((f) => f.name).sort());
    for (const f of runFields) {
      expect(wordsAt(packed, f.commentOffset, WGSL_TYPES[f.type].words), f.name).toEqual(expected[f.name]);
    }
  });

  it('splits a trajectory offset up to 2^53 − 1 into exact low and high words', () => {
    const lo = runFields.find((f) => f.name === 'offset_lo')!.commentOffset;
    const hi = runFields.find((f) => f.name === 'offset_hi')!.commentOffset;
    for (const offset of [0, 2 ** 32 - 1, 2 ** 32, 3 * 2 ** 32 + 7, Number.MAX_SAFE_INTEGER]) {
      const packed = packRunControl({ key: [0, 0], offset, count: 0, stepBegin: 0, stepCount: 0, groupsX: 0 });
      const [low] = wordsAt(packed, lo, 1);
      const [high] = wordsAt(packed, hi, 1);
      expect(high * 2 ** 32 + low, String(offset)).toBe(offset);
      expect(low, String(offset)).toBe(offset % 2 ** 32);
    }
  });
});

describe('ReduceControl layout', () => {
  it('states offsets in its comments that match the WGSL layout rules', () => {
    expect(reduceFields.map((f) => f.name)).toEqual(['count', 'groups_x', 'out_block', 'record_words', 'step', 'counters_at', 'last_checkpoint', 'canary_trips']);
    expect(reduceFields.map((f) => f.commentOffset)).toEqual(wgslLayout(reduceFields).offsets);
  });

  it('has REDUCE_CONTROL_BYTES equal to the WGSL struct size', () => {
    expect(REDUCE_CONTROL_BYTES).toBe(wgslLayout(reduceFields).size);
  });

  it('packs each field at the byte offset the WGSL comments state', () => {
    const packed = packReduceControl({ count: 33, groupsX: 44, outBlock: 55, step: 66, countersAt: 77, lastCheckpoint: true });
    expect(packed.byteLength).toBe(REDUCE_CONTROL_BYTES);
    const expected: Record<string, number[]> = {
      count: [33],
      groups_x: [44],
      out_block: [55],
      record_words: [RECORD_WORDS],
      step: [66],
      counters_at: [77],
      last_checkpoint: [1],
      canary_trips: [LOOP_CANARY_TRIPS],
    };
    expect(Object.keys(expected).sort()).toEqual(reduceFields.map((f) => f.name).sort());
    for (const f of reduceFields) {
      expect(wordsAt(packed, f.commentOffset, WGSL_TYPES[f.type].words), f.name).toEqual(expected[f.name]);
    }
  });
});

describe('LevelControl layout (multilevel Monte Carlo level reduction)', () => {
  it('states offsets in its comments that match the WGSL layout rules, and LEVEL_CONTROL_BYTES is its size', () => {
    expect(levelFields.map((f) => f.name)).toEqual(['count', 'groups_x', 'coarse_first', 'record_words', 'has_coarse', 'canary_trips', 'step', 'coarse_records_at']);
    expect(levelFields.map((f) => f.commentOffset)).toEqual(wgslLayout(levelFields).offsets);
    expect(LEVEL_CONTROL_BYTES).toBe(wgslLayout(levelFields).size);
  });

  it('packs each field at the byte offset the WGSL comments state', () => {
    const packed = packLevelControl({ count: 33, groupsX: 44, coarseFirst: 55, hasCoarse: true, step: 66, coarseRecordsAt: 77 });
    expect(packed.byteLength).toBe(LEVEL_CONTROL_BYTES);
    const expected: Record<string, number[]> = { count: [33], groups_x: [44], coarse_first: [55], record_words: [RECORD_WORDS], has_coarse: [1], canary_trips: [LOOP_CANARY_TRIPS], step: [66], coarse_records_at: [77] };
    expect(Object.keys(expected).sort()).toEqual(levelFields.map((f) => f.name).sort());
    for (const f of levelFields) {
      expect(wordsAt(packed, f.commentOffset, WGSL_TYPES[f.type].words), f.name).toEqual(expected[f.name]);
    }
  });
});

describe('dispatchGrid', () => {
  const LIMIT = 65535;

  function expectCovers(groups: number, limit: number) {
    const { x, y } = dispatchGrid(groups, limit);
    const label = `groups=${groups} limit=${limit} → ${x}×${y}`;
    expect(Number.isInteger(x) && Number.isInteger(y), label).toBe(true);
    expect(x, label).toBeGreaterThanOrEqual(1);
    expect(x, label).toBeLessThanOrEqual(limit);
    expect(y, label).toBeGreaterThanOrEqual(1);
    expect(y, label).toBeLessThanOrEqual(limit);
    expect(x * y, label).toBeGreaterThanOrEqual(groups);
    // Less than one row wasted: dropping a row would no longer cover the groups.
    expect(x * y - groups, label).toBeLessThan(x);
  }

  it('covers the groups within the per-dimension limit, wasting less than one row, at the edges of the 65,535 limit', () => {
    for (const groups of [1, 65535, 65536, 200000, 65535 * 65535]) expectCovers(groups, LIMIT);
  });

  it('stays 1-D up to the limit', () => {
    expect(dispatchGrid(1, LIMIT)).toEqual({ x: 1, y: 1 });
    expect(dispatchGrid(LIMIT, LIMIT)).toEqual({ x: LIMIT, y: 1 });
  });

  it('covers every group count up to the limit squared for a small limit', () => {
    const limit = 7;
    for (let groups = 1; groups <= limit * limit; groups++) expectCovers(groups, limit);
  });
});
