import { wgsl } from 'wgsl-preprocessor/wgsl-preprocessor.js';
import { ShaderCompositionError } from './include-resolver';

const DIRECTIVE = /#(if|elif)\s+\$\{([A-Z_][A-Z0-9_]*)\}/g;

/**
 * Applies `#if ${NAME}` / `#elif ${NAME}` / `#else` / `#endif` to composed WGSL
 * text with wgsl-preprocessor: the text is cut at each `${NAME}` and handed to
 * the tag as a template call whose substitutions are the define values. An
 * undefined NAME is an error naming it (a typo must not select a branch).
 */
export function applyConditionals(text: string, defines: Readonly<Record<string, boolean>>): string {
  const strings: string[] = [];
  const values: boolean[] = [];
  let last = 0;
  for (const m of text.matchAll(DIRECTIVE)) {
    const name = m[2];
    if (!(name in defines)) {
      const line = text.slice(0, m.index).split('\n').length;
      throw new ShaderCompositionError(`composed line ${line}: #${m[1]} uses undefined flag ${name} (defined: ${Object.keys(defines).join(', ') || 'none'})`);
    }
    strings.push(text.slice(last, m.index) + `#${m[1]} `);
    values.push(defines[name]);
    last = m.index + m[0].length;
  }
  strings.push(text.slice(last));
  const template = Object.assign([...strings], { raw: strings }) as unknown as TemplateStringsArray;
  try {
    return wgsl(template, ...values);
  } catch (e) {
    throw new ShaderCompositionError(`preprocessor: ${(e as Error).message}`);
  }
}
