import { defineConfig } from 'vitest/config';

// Native code (Dawn's EGL) reads the real process environment, which vitest's
// workers do not share: set the surfaceless EGL platform here, in the main
// process, before any worker is forked (ENVIRONMENT.md, vitest notes).
process.env.EGL_PLATFORM ??= 'surfaceless';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
