import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['tests/parity/rust-kernel.global-setup.ts'],
    setupFiles: ['tests/setup/fast-check.ts'],
  },
});
