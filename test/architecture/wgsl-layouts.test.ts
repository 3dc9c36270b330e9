/**
 * Parameter layouts come from one declaration (src/compose/param-layout.ts): a
 * descriptor names its fields, aux words and enums once, the host packs them in
 * that order and the composer writes their offsets into the preamble. These
 * tests keep the WGSL side honest: no shader locates a block by hand, every
 * declared field is read by the module that declares it, and no shader spells
 * out an enum the host declares.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveIncludes } from '../../src/compose/include-resolver';
import { SHADER_LIBRARY } from '../../src/compose/shader-library';
import { BATCH_MAP_KIND } from '../../src/dynamics/batch-maps';
import type { DynamicsDescriptor } from '../../src/dynamics/dynamics-descriptor';
import { DYNAMICS_LIST, NOISE_LIST, OBJECTIVE_LIST } from '../../src/registry';
import { SCHEDULE_KIND } from '../../src/schedules/schedule';
import { REGION_KIND } from '../../src/stats/region-params';

const SHADERS = join(__dirname, '../../shaders');

function wgslFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? wgslFiles(path) : name.endsWith('.wgsl') ? [path] : [];
  });
}

/** The module's text with every library it includes (what the composer will see of it). */
function withIncludes(module: { path: string; source: string }): string {
  return resolveIncludes(module.path, { ...SHADER_LIBRARY, [module.path]: module.source });
}

/** Code without comments: a name mentioned in a comment is not a read. */
const code = (text: string) => text.replace(/\/\/.*$/gm, '');

const DESCRIPTORS = [
  ...(DYNAMICS_LIST as readonly DynamicsDescriptor[]).map((d) => ({ role: 'dynamics', kind: d.kind, shader: d.shader, names: [...d.params.names, ...(d.aux?.names ?? [])], enums: d.params.enums })),
  ...OBJECTIVE_LIST.map((d) => ({ role: 'objective', kind: d.kind, shader: d.shader, names: d.params.names, enums: d.params.enums })),
  ...NOISE_LIST.map((d) => ({ role: 'noise', kind: d.kind, shader: d.shader, names: d.params.names, enums: d.params.enums })),
];

describe('WGSL parameter layouts', () => {
  it('no shader names a parameter block’s start (the *_OFFSET constants are gone): fields are read by their declared names', () => {
    const offenders = wgslFiles(SHADERS).filter((file) => /\b[A-Z][A-Z0-9_]*_OFFSET\b/.test(code(readFileSync(file, 'utf8'))));
    expect(offenders.map((f) => relative(SHADERS, f))).toEqual([]);
  });

  it('no shader derives a parameter constant from another by hand (const X: u32 = Y + …)', () => {
    const derived = wgslFiles(SHADERS).flatMap((file) =>
      [...code(readFileSync(file, 'utf8')).matchAll(/^const\s+([A-Z][A-Z0-9_]*)\s*:\s*u32\s*=\s*([^;]*[A-Z][A-Z0-9_]*[^;]*);/gm)]
        .filter((m) => /\b[A-Z][A-Z0-9_]*(?:_LR|_THETA|_OWN|_TABLE|_DATA|_PARAMS)\b/.test(m[2]))
        .map((m) => `${relative(SHADERS, file)}: ${m[0]}`),
    );
    expect(derived).toEqual([]);
  });

  it.each(DESCRIPTORS.map((d) => [`${d.role} ${d.kind}`, d] as const))('%s reads every field it declares', (_name, d) => {
    const text = code(withIncludes(d.shader));
    const unread = d.names.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(unread).toEqual([]);
  });

  it('no shader defines a constant of an enum the host declares (batch maps, regions, schedules)', () => {
    const enumNames = new Set(
      [BATCH_MAP_KIND, REGION_KIND, SCHEDULE_KIND, ...DESCRIPTORS.flatMap((d) => d.enums)].flatMap((e) => Object.keys(e.constants)),
    );
    const redefined = wgslFiles(SHADERS).flatMap((file) =>
      [...code(readFileSync(file, 'utf8')).matchAll(/^const\s+([A-Z][A-Z0-9_]*)\s*:/gm)].filter((m) => enumNames.has(m[1])).map((m) => `${relative(SHADERS, file)}: ${m[1]}`),
    );
    expect(redefined).toEqual([]);
  });
});
