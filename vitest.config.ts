import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['test/setup/no-network.ts'],
    // @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node 20 rejects: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/integration/**'] } },
      {
        extends: true,
        test: {
          // Against a real kube-apiserver (test/envtest/): one control plane per run, started only when these run.
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/envtest/global-setup.ts'],
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
