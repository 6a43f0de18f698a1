#!/usr/bin/env node
// Launcher: runs the bundled CLI (dist/cli.mjs, built by `npm run build` and by `npm pack`). In a checkout of
// the meshfed repository without a build, it runs the TypeScript source through tsx (a dev dependency).
// It first starts Node once more with MESHFED_NODE_FLAGS (bin/node-flags.js says why and when not), passing
// the terminal through and ending as that process ends: same exit code, or the same signal.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MESHFED_NODE_FLAGS, relaunchArguments } from './node-flags.js';

const script = fileURLToPath(import.meta.url);
const again = relaunchArguments({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS, script, argv: process.argv.slice(2) });
if (again === undefined) await runHere();
else relaunch(again);

function relaunch(args) {
  let child;
  try {
    child = spawn(process.execPath, args, { stdio: 'inherit' });
  } catch (error) {
    runWithoutFlags(error);
    return;
  }
  // A terminal's Ctrl-C reaches both processes; a signal sent to this process alone (a CI runner cancelling a
  // step) is passed on. The meshfed process decides what a signal does; this one waits for it to end.
  const signals = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const s of signals) process.on(s, forward);
  const stopForwarding = () => {
    for (const s of signals) process.off(s, forward);
  };
  child.on('error', (error) => {
    // Once started, an error is a signal that could not be passed on: meshfed still runs there, so it must not
    // run here as well.
    if (child.pid !== undefined) {
      process.stderr.write(`meshfed: ${error.message}\n`);
      return;
    }
    stopForwarding();
    runWithoutFlags(error);
  });
  child.on('exit', (code, signal) => {
    stopForwarding();
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 70;
  });
}

/** Node could not be started again (no process slots, no memory): the flags only save time, so meshfed runs here. */
function runWithoutFlags(error) {
  process.stderr.write(`meshfed: could not start Node with ${MESHFED_NODE_FLAGS.join(' ')} (${error.message}); running without them\n`);
  runHere().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exitCode = 70;
  });
}

async function runHere() {
  const root = join(dirname(script), '..');
  const bundled = join(root, 'dist', 'cli.mjs');
  if (existsSync(bundled)) {
    await import(pathToFileURL(bundled).href);
    return;
  }
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
