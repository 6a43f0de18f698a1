// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The pure core never does I/O (README "How it works"): enforce it mechanically.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:child_process', 'child_process', 'node:net', 'node:http', 'node:https'], message: 'src/core is pure: do I/O in src/adapters.' },
          { group: ['@octokit/*', 'octokit', 'probot', '@kubernetes/client-node', '**/adapters/**'], message: 'src/core never imports adapters or clients.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core never reads process.env or process.*: pass values in.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Rendered output must be deterministic.' }, { object: 'Math', property: 'random', message: 'Rendered output must be deterministic.' }],
    },
  },
);
