#!/usr/bin/env node
// Launcher: runs the bundled CLI (dist/cli.mjs, built by `npm run build` and by `npm pack`). In a checkout of
// the meshfed repository without a build, it runs the TypeScript source through tsx (a dev dependency).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = join(root, 'dist', 'cli.mjs');
if (existsSync(bundled)) {
  await import(pathToFileURL(bundled).href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'meshfed: this installation has no dist/cli.mjs (it was installed from source without a build).\n' +
        'Install a packed release (npm pack; npm install --global ./meshfed-<version>.tgz), or run "npm ci && npm run build" in the meshfed checkout.\n',
    );
    process.exit(70);
  }
  register();
  await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
}
