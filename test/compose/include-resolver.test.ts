import { describe, expect, it } from 'vitest';
import { resolveIncludes } from '../../src/compose/include-resolver';
import { compositionErrorOf } from '../support/composition-error';

/** Lines of the resolved text that are WGSL, not the `// ---- path` markers the resolver adds. */
const codeLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('// ---- '));

describe('resolveIncludes', () => {
  it('expands nested includes depth-first, in place of each include line', () => {
    const sources = {
      'top.wgsl': 'fn top_before() {}\n// #include "mid.wgsl"\nfn top_after() {}',
      'mid.wgsl': 'fn mid_before() {}\n// #include "leaf.wgsl"\nfn mid_after() {}',
      'leaf.wgsl': 'fn leaf() {}',
    };
    expect(codeLines(resolveIncludes('top.wgsl', sources))).toEqual([
      'fn top_before() {}',
      'fn mid_before() {}',
      'fn leaf() {}',
      'fn mid_after() {}',
      'fn top_after() {}',
    ]);
  });

  it('emits the shared file of a diamond include once, at its first mention', () => {
    const sources = {
      'top.wgsl': '// #include "left.wgsl"\n// #include "right.wgsl"\nfn top() {}',
      'left.wgsl': '// #include "shared.wgsl"\nfn left() {}',
      'right.wgsl': '   //   #include "shared.wgsl"   \nfn right() {}',
      'shared.wgsl': 'fn shared() {}',
    };
    const lines = codeLines(resolveIncludes('top.wgsl', sources));
    expect(lines.filter((l) => l === 'fn shared() {}')).toHaveLength(1);
    expect(lines).toEqual(['fn shared() {}', 'fn left() {}', 'fn right() {}', 'fn top() {}']);
  });

  it('includes a file that includes itself only once (a cycle ends)', () => {
    const sources = { 'self.wgsl': 'fn self_fn() {}\n// #include "self.wgsl"' };
    expect(codeLines(resolveIncludes('self.wgsl', sources))).toEqual(['fn self_fn() {}']);
  });

  it('binds a <role> include to the module the roles map names', () => {
    const sources = {
      'kernel.wgsl': 'fn before() {}\n// #include <objective>\nfn after() {}',
      'objectives/q.wgsl': 'fn objective_grad() {}',
      'objectives/other.wgsl': 'fn other_objective() {}',
    };
    const lines = codeLines(resolveIncludes('kernel.wgsl', sources, { objective: 'objectives/q.wgsl' }));
    expect(lines).toEqual(['fn before() {}', 'fn objective_grad() {}', 'fn after() {}']);
  });

  it('emits a role module once when it is also included by path', () => {
    const sources = {
      'kernel.wgsl': '// #include "objectives/q.wgsl"\n// #include <objective>',
      'objectives/q.wgsl': 'fn objective_grad() {}',
    };
    const lines = codeLines(resolveIncludes('kernel.wgsl', sources, { objective: 'objectives/q.wgsl' }));
    expect(lines).toEqual(['fn objective_grad() {}']);
  });

  it('leaves lines that only mention #include mid-line untouched', () => {
    const sources = { 'a.wgsl': 'let x = 1; // #include "nothing.wgsl"' };
    expect(codeLines(resolveIncludes('a.wgsl', sources))).toEqual(['let x = 1; // #include "nothing.wgsl"']);
  });

  it('names the file and line of a missing include', () => {
    const sources = {
      'top.wgsl': 'fn top() {}\n// #include "mid.wgsl"',
      'mid.wgsl': 'fn a() {}\nfn b() {}\n// #include "lib/absent.wgsl"',
    };
    const message = compositionErrorOf(() => resolveIncludes('top.wgsl', sources));
    expect(message).toContain('mid.wgsl:3');
    expect(message).toContain('lib/absent.wgsl');
  });

  it('names the file and line of an include of a role that no module is bound to', () => {
    const sources = { 'kernel.wgsl': '// header\n\n// #include <objective>\n// #include <dynamics>' };
    const message = compositionErrorOf(() => resolveIncludes('kernel.wgsl', sources, { objective: 'kernel.wgsl' }));
    expect(message).toContain('kernel.wgsl:4');
    expect(message).toContain('<dynamics>');
  });

  it('names a missing entry file', () => {
    const message = compositionErrorOf(() => resolveIncludes('kernels/absent.wgsl', {}));
    expect(message).toContain('kernels/absent.wgsl');
  });
});
