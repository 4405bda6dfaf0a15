import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `server-only` marks modules the browser must never load; tests run them on the server side.
const alias = { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'node_modules/server-only/empty.js') };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          setupFiles: ['tests/helpers/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One database per run, shared by the files: run them one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
