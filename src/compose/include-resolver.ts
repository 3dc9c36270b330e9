import type { ShaderSources } from './shader-library';

/** A composition error that names the WGSL file and line at fault. */
export class ShaderCompositionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShaderCompositionError';
  }
}

const INCLUDE = /^\s*\/\/\s*#include\s+(?:"([^"]+)"|<([a-z_]+)>)\s*$/;

/**
 * Expands `// #include "path"` (a file under shaders/) and `// #include <role>`
 * (the module bound to a role: objective, dynamics, observer) recursively.
 * Each file is included once, at its first mention, so library modules can
 * state their own dependencies without duplicate definitions.
 */
export function resolveIncludes(entry: string, sources: ShaderSources, roles: Readonly<Record<string, string>> = {}): string {
  const included = new Set<string>();
  const visit = (path: string, from: string): string => {
    if (included.has(path)) return '';
    const text = sources[path];
    if (text === undefined) throw new ShaderCompositionError(`${from}: cannot include "${path}": no such shader module`);
    included.add(path);
    const lines = text.split('\n');
    const out: string[] = [`// ---- ${path}`];
    lines.forEach((line, i) => {
      const m = INCLUDE.exec(line);
      if (!m) {
        out.push(line);
        return;
      }
      const where = `${path}:${i + 1}`;
      let target = m[1];
      if (target === undefined) {
        target = roles[m[2]];
        if (target === undefined) throw new ShaderCompositionError(`${where}: no module is bound to role <${m[2]}>`);
      }
      out.push(visit(target, where));
    });
    return out.join('\n');
  };
  return visit(entry, 'compose');
}
