/**
 * The API report: every name each public entry point exports, with its kind
 * and its declared signature, read from the built declarations (dist/*.d.ts)
 * with the TypeScript compiler — what a consumer's editor sees. docs/api.md is
 * this report; test/architecture/api-report.test.ts fails when the surface
 * changes without the report, so every change to the API is a visible diff.
 */
import { join } from 'node:path';
import ts from 'typescript';

export const API_ENTRIES = [
  { specifier: 'sdeflow', declarations: 'dist/index.d.ts' },
  { specifier: 'sdeflow/node', declarations: 'dist/node.d.ts' },
  { specifier: 'sdeflow/oracles', declarations: 'dist/oracles.d.ts' },
] as const;

export const API_REPORT_PATH = 'docs/api.md';
export const API_REPORT_COMMAND = 'npm run api-report';

function kindOf(symbol: ts.Symbol): string {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.Variable) return 'const';
  return 'other';
}

function signature(checker: ts.TypeChecker, symbol: ts.Symbol, kind: string): string {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return '';
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  if (kind === 'function') {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    return type.getCallSignatures().map((s) => checker.signatureToString(s, undefined, flags)).join('; ');
  }
  if (kind === 'const') return checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), undefined, flags);
  if (kind === 'class') {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const members = checker
      .getPropertiesOfType(instance)
      .filter((m) => !(ts.getCombinedModifierFlags(m.valueDeclaration ?? m.declarations![0]) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)))
      .map((m) => m.name);
    const statics = checker.getPropertiesOfType(type).filter((m) => m.name !== 'prototype').map((m) => `static ${m.name}`);
    return `{ ${[...statics, ...members].join(', ')} }`;
  }
  if (kind === 'interface' || kind === 'type') {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const properties = checker.getPropertiesOfType(type).map((p) => p.name);
    // Type aliases of whole file formats run to pages: TypeScript's own truncation keeps the line readable.
    return properties.length > 0 && kind === 'interface' ? `{ ${properties.join(', ')} }` : checker.typeToString(type, undefined, ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType);
  }
  return '';
}

/** The report as Markdown: one section per entry point, one line per exported name (sorted). */
export function apiReport(root: string): string {
  const files = API_ENTRIES.map((e) => join(root, e.declarations));
  const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] });
  const checker = program.getTypeChecker();
  const lines = [
    '# API',
    '',
    `<!-- Generated from the built declarations by \`${API_REPORT_COMMAND}\`; do not edit by hand. -->`,
    '',
    'Every name the package exports, by entry point, with its kind and signature as',
    "a consumer's TypeScript sees it. A change to the public surface changes this",
    'page, and the test suite fails until the page is regenerated: the surface only',
    'changes on purpose. `sdeflow/node` re-exports all of `sdeflow`; its section lists',
    'only what it adds.',
    '',
  ];
  const seen = new Set<string>();
  for (const [i, entry] of API_ENTRIES.entries()) {
    const source = program.getSourceFile(files[i]);
    if (!source) throw new Error(`${entry.declarations} is missing: build the package first (npm run build)`);
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
    const rows = exports
      .map((e) => {
        const symbol = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
        const kind = kindOf(symbol);
        return { name: e.name, kind, text: signature(checker, symbol, kind) };
      })
      .filter((r) => !(entry.specifier === 'sdeflow/node' && seen.has(`sdeflow:${r.name}`)))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const r of rows) seen.add(`${entry.specifier}:${r.name}`);
    lines.push(`## \`${entry.specifier}\` (${rows.length} names)`, '');
    for (const r of rows) lines.push(`- ${r.kind} **${r.name}**${r.text ? `: \`${r.text.replace(/\s+/g, ' ').replace(/`/g, "'")}\`` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}
