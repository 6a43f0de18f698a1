/**
 * Child processes of the test control plane, each in its own process group so that stopping it stops
 * everything it started, and a reaper that stops them when the test process dies without cleaning up
 * (killed by a timeout, SIGKILL, a crash): no etcd or kube-apiserver outlives the run that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

export interface Daemon {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Set once the process has exited. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/**
 * Start `command` in its own process group, stdout and stderr to `<dir>/<name>.log`; the group is recorded in
 * `<dir>/process-groups` for the reaper.
 */
export function startDaemon(name: string, command: string, args: readonly string[], dir: string): Daemon {
  const logFile = join(dir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, [...args], { detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid !== undefined) appendFileSync(join(dir, 'process-groups'), `${child.pid}\n`);
    const daemon: Daemon = { name, child, logFile, exited: undefined };
    child.on('exit', (code, signal) => {
      daemon.exited = { code, signal };
    });
    child.on('error', (e) => {
      daemon.exited = { code: null, signal: null };
      (daemon as { startError?: Error }).startError = e;
    });
    return daemon;
  } finally {
    closeSync(fd);
  }
}

export function logTail(d: Daemon, lines = 30): string {
  try {
    return readFileSync(d.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function signalGroup(d: Daemon, signal: NodeJS.Signals): void {
  if (d.child.pid === undefined || d.exited) return;
  try {
    process.kill(-d.child.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM the daemon's process group, SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopDaemon(d: Daemon, graceMs = 5_000): Promise<void> {
  if (d.child.pid === undefined || d.exited) return;
  const exited = new Promise<void>((resolve) => {
    if (d.exited) resolve();
    else d.child.once('exit', () => resolve());
  });
  signalGroup(d, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(d, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Synchronous last resort, for process 'exit' handlers. */
export function killDaemonNow(d: Daemon): void {
  signalGroup(d, 'SIGKILL');
}

/** A loopback TCP port free right now (the envtest way: bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A detached Node process that watches `parentPid` from before the first daemon starts: once the parent is
 * gone (SIGKILL, a crash, a worker torn down at a timeout), it SIGKILLs every process group listed in
 * `<dir>/process-groups` (startDaemon appends each one as it starts) and removes `dir`. It exits by itself
 * when `dir` is removed, which a clean stop does last.
 */
export function startReaper(parentPid: number, dir: string): ChildProcess {
  const script = `
const fs = require('node:fs');
const [parent, dir] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!fs.existsSync(dir)) process.exit(0);
  if (alive(Number(parent))) return;
  let groups = [];
  try { groups = fs.readFileSync(dir + '/process-groups', 'utf8').split('\\n').filter(Boolean); } catch {}
  for (const g of groups) { try { process.kill(-Number(g), 'SIGKILL'); } catch {} }
  try { fs.rmSync(dir, { recursive: true, force: true }); } catch {}
  process.exit(0);
}, 500);
`;
  const child = spawn(process.execPath, ['-e', script, String(parentPid), dir], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}
