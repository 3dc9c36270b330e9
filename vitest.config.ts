import { defineConfig } from 'vitest/config';

// Native code (Dawn's EGL) reads the real process environment, which vitest's
// workers do not share: set the surfaceless EGL platform here, in the main
// process, before any worker is forked (docs/webgpu-without-a-gpu.md).
process.env.EGL_PLATFORM ??= 'surfaceless';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI and package tests run the built package: build dist/ first when
    // the sources are newer than it.
    globalSetup: ['test/support/build-package.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
