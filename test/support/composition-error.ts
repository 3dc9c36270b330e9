import { expect } from 'vitest';
import { ShaderCompositionError } from '../../src/compose';

/** Runs `f`, expects a ShaderCompositionError, and returns its message. */
export function compositionErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShaderCompositionError);
    return (e as Error).message;
  }
  return expect.fail('expected a ShaderCompositionError, but nothing was thrown');
}
