// The esbuild options of every meshfed bundle (scripts/build.mjs), shared with the bench so that what it measures
// is built exactly like what is shipped.

// Bundled CommonJS dependencies call require(), __filename and __dirname: give ESM output real ones.
const banner = [
  "import { createRequire as __meshfedCreateRequire } from 'node:module';",
  "import { fileURLToPath as __meshfedFileURLToPath } from 'node:url';",
  "import { dirname as __meshfedDirname } from 'node:path';",
  'const require = __meshfedCreateRequire(import.meta.url);',
  'const __filename = __meshfedFileURLToPath(import.meta.url);',
  'const __dirname = __meshfedDirname(__filename);',
].join('\n');

/** @type {import('esbuild').BuildOptions} */
export const BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.18',
  minify: true,
  // No keepNames: it wraps every function and class definition in a `__name(fn, "...")` call that runs each time
  // the definition is evaluated (every closure in a hot loop), about a tenth of a large federation's compile
  // (issue 10's profile). Nothing meshfed runs reads `.name` of a minified function: errors set `name` themselves.
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'linked',
  banner: { js: banner },
  // Optional packages Probot loads lazily and meshfed never uses (Redis clustering, the smee.io dev proxy).
  external: ['ioredis', 'smee-client'],
  logLevel: 'warning',
};
