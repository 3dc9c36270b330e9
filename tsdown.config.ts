import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'tsdown';

// The package build: `npm run build` writes dist/ — ESM JavaScript, bundled
// .d.ts and every WGSL module inlined as a string, so nothing needs a loader,
// tsx or vite at run time.
//
// Why tsdown: it bundles both the JavaScript and the declarations (through
// rolldown, the bundler vite 8 itself runs on) in one pass, and a `.d.ts`
// bundle is what lets a strict consumer type-check under every
// moduleResolution without seeing our sources. tsup is in maintenance mode
// and its declaration bundling goes through a second tool; vite's library
// mode emits no declarations.

/**
 * `import text from './x.wgsl?raw'` becomes a module whose default export is
 * the file's text: the same meaning vite gives `?raw` in the demo and in
 * vitest, so every consumer of the sources sees the same shaders.
 */
function inlineRawText() {
  return {
    name: 'sdeflow:inline-raw-text',
    resolveId(source: string, importer: string | undefined) {
      if (!source.endsWith('?raw') || !importer) return null;
      return `${resolve(dirname(importer), source.slice(0, -'?raw'.length))}?raw`;
    },
    async load(id: string) {
      if (!id.endsWith('?raw')) return null;
      const text = await readFile(id.slice(0, -'?raw'.length), 'utf8');
      return { code: `export default ${JSON.stringify(text)};`, moduleSideEffects: false };
    },
  };
}

const shared: UserConfig = {
  format: 'esm',
  target: 'node20',
  fixedExtension: false,
  sourcemap: false,
  plugins: [inlineRawText()],
  // Reading ~100 shader files is most of a short build: that is expected.
  inputOptions: { checks: { pluginTimings: false } },
};

// wgsl-preprocessor is 116 lines of ESM without types or an exports map:
// bundling it keeps consumers from resolving it at all.
const alwaysBundle = ['wgsl-preprocessor'];

export default defineConfig([
  {
    ...shared,
    // "." is the isomorphic core (browser-safe: no Node built-ins);
    // "./node" adds the Node device through the `webgpu` package;
    // "./oracles" holds the closed forms (isomorphic too).
    entry: { index: 'src/index.ts', node: 'src/node.ts', oracles: 'src/oracles/index.ts' },
    // 'node' only for resolving node: built-ins in ./node; the package tests
    // check that nothing reachable from dist/index.js imports one.
    platform: 'node',
    deps: { alwaysBundle },
    dts: { tsconfig: 'tsconfig.build.json' },
    // The public types speak of GPUDevice & co.: consumers get them from the
    // @webgpu/types dependency without configuring anything.
    banner: { dts: '/// <reference types="@webgpu/types" />' },
    clean: ['dist/index.*', 'dist/node.*', 'dist/oracles.*', 'dist/chunks'],
    outputOptions: { chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  {
    ...shared,
    // The command line (and the benchmarks it runs): Node only, no declarations.
    entry: { cli: 'src/cli/main.ts' },
    platform: 'node',
    // The browser rows of `sdeflow bench` drive chromium and serve the demo
    // from a repository clone; they load these only there (bench/browser/).
    deps: { alwaysBundle, neverBundle: ['vite', 'puppeteer-core'] },
    dts: false,
    clean: ['dist/cli.*', 'dist/cli-chunks'],
    outputOptions: { chunkFileNames: 'cli-chunks/[name]-[hash].js' },
  },
]);
