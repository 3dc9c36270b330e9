import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo app: `npm run demo` serves demo/ on localhost (a secure context, so
// navigator.gpu exists); `npm run build` bundles it, shaders inlined, into
// build/demo. Pages: index.html (the experiments), embed.html (the embedding
// example), bench.html (the browser half of `sdeflow bench`), leak-check.html
// (creates and disposes 200 ensembles, for the browser tests).
const root = fileURLToPath(new URL('.', import.meta.url));
const demo = (page: string) => resolve(root, 'demo', page);

export default defineConfig({
  root: 'demo',
  base: './',
  resolve: { alias: [{ find: /^sdeflow\/oracles$/, replacement: resolve(root, 'src/oracles/index.ts') }, { find: /^sdeflow$/, replacement: resolve(root, 'src/index.ts') }] },
  build: {
    outDir: '../build/demo',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: { index: demo('index.html'), embed: demo('embed.html'), bench: demo('bench.html'), 'leak-check': demo('leak-check.html') } },
  },
});
