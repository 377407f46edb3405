import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Renderer tests are for its pure stores (*.test.ts, Node environment); components are covered by e2e.
    include: ['{shared,engine,app,electron,cli,scripts,test}/**/*.test.ts', 'renderer/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/services/global-setup.ts'],
  },
});
