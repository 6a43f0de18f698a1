import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['test/setup/no-network.ts'],
    // @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node 20 rejects: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
