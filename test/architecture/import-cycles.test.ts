import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, runtimeModuleGraph } from './module-graph';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('the module graph of src/', () => {
  it('has no runtime import cycles (type-only imports aside): every module loads after everything it needs', () => {
    const graph = runtimeModuleGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph)).toEqual([]);
  });

  it('the cycle finder finds a two-module cycle and a self-import, and nothing in a chain', () => {
    expect(importCycles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]))).toEqual([['a', 'b']]);
    expect(importCycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });
});
