/**
 * The only WGSL generated from TypeScript: `const` declarations for the
 * structural numbers of a kernel (dimension, the word of every declared
 * parameter field and enum member — src/compose/param-layout.ts —, block sizes).
 * Everything else comes from files under shaders/.
 *
 * @example
 * wgslPreamble({ DIM: 3, QUADRATIC_A: 6 }) // "const DIM: u32 = 3u;\nconst QUADRATIC_A: u32 = 6u;\n"
 */
export function wgslPreamble(constants: Readonly<Record<string, number>>): string {
  return Object.entries(constants)
    .map(([name, value]) => {
      if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`preamble constant "${name}" must be UPPER_SNAKE_CASE`);
      if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
        throw new Error(`preamble constant ${name} = ${value} must be a u32`);
      }
      return `const ${name}: u32 = ${value}u;\n`;
    })
    .join('');
}
