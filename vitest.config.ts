import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Second entry: after every test file, validates every captured exchange against the official OpenAPI document.
    globalSetup: ['test/support/globalSetup.ts', 'test/support/conformanceGate.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
