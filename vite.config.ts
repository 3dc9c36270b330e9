import { defineConfig } from 'vite';

// The demo app: `npx vite` serves demo/ on localhost (a secure context, so
// navigator.gpu exists); `npx vite build` bundles it with the shaders inlined.
export default defineConfig({
  root: 'demo',
  build: { outDir: '../dist/demo', emptyOutDir: true, target: 'es2022' },
});
