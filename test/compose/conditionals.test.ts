import { describe, expect, it } from 'vitest';
import { ShaderCompositionError } from '../../src/compose';
import { applyConditionals } from '../../src/compose/conditionals';

/** Non-blank lines: the preprocessor leaves the directives' line breaks behind. */
const kept = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

const CHAIN = ['first', '#if ${A}', 'branch_a', '#elif ${B}', 'branch_b', '#else', 'branch_else', '#endif', 'last'].join('\n');

const NESTED = [
  'outer_before',
  '#if ${A}',
  'a',
  '#if ${B}',
  'a_and_b',
  '#else',
  'a_not_b',
  '#endif',
  'a_end',
  '#elif ${C}',
  'c',
  '#else',
  'none',
  '#endif',
  'outer_after',
].join('\n');

describe('applyConditionals', () => {
  it('keeps the #if branch when its flag is true, whatever the later flags', () => {
    expect(kept(applyConditionals(CHAIN, { A: true, B: true }))).toEqual(['first', 'branch_a', 'last']);
    expect(kept(applyConditionals(CHAIN, { A: true, B: false }))).toEqual(['first', 'branch_a', 'last']);
  });

  it('keeps the #elif branch when only its flag is true', () => {
    expect(kept(applyConditionals(CHAIN, { A: false, B: true }))).toEqual(['first', 'branch_b', 'last']);
  });

  it('keeps the #else branch when no flag is true', () => {
    expect(kept(applyConditionals(CHAIN, { A: false, B: false }))).toEqual(['first', 'branch_else', 'last']);
  });

  it('selects nested branches by every combination of flags', () => {
    const expected = (A: boolean, B: boolean, C: boolean): string[] => {
      if (A) return ['outer_before', 'a', B ? 'a_and_b' : 'a_not_b', 'a_end', 'outer_after'];
      return ['outer_before', C ? 'c' : 'none', 'outer_after'];
    };
    for (const A of [false, true]) {
      for (const B of [false, true]) {
        for (const C of [false, true]) {
          expect(kept(applyConditionals(NESTED, { A, B, C })), `A=${A} B=${B} C=${C}`).toEqual(expected(A, B, C));
        }
      }
    }
  });

  it('leaves text without directives unchanged', () => {
    const text = 'fn f() -> u32 {\n  return 1u;\n}\n';
    expect(applyConditionals(text, {})).toBe(text);
  });

  it('throws naming an undefined flag and its composed line', () => {
    const text = 'x\ny\n#if ${EXACT_TRANSITON}\nz\n#endif\n';
    let error: unknown;
    try {
      applyConditionals(text, { EXACT_TRANSITION: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShaderCompositionError);
    expect((error as Error).message).toContain('EXACT_TRANSITON');
    expect((error as Error).message).toContain('line 3');
  });

  it('throws on an undefined flag even inside a branch that is not taken', () => {
    const text = '#if ${A}\n#elif ${TYPO}\n#endif\n';
    expect(() => applyConditionals(text, { A: true })).toThrow(/TYPO/);
  });

  it('reports an unbalanced #if as a ShaderCompositionError', () => {
    expect(() => applyConditionals('#if ${A}\nx\n', { A: true })).toThrow(ShaderCompositionError);
  });
});
