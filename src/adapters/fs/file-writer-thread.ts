import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Where writeManifestFiles sends the files it writes (absolute paths; their folders exist). */
export interface FileSink {
  /** Resolves once the file is taken (written, or queued within the sink's bound); rejects on a failed write. */
  write(path: string, content: string): Promise<void>;
  /** Resolves when every file taken is on disk; rejects with the first failed write. */
  close(): Promise<void>;
}

/** Writes each file before `write` returns, on this thread. */
export function syncFileSink(): FileSink {
  return {
    write: (path, content) => {
      writeFileSync(path, content);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

/**
 * A worker thread that writes the files (plain CommonJS, evaluated: the CLI is one bundled file, so the worker's
 * code travels as a string). Each batch is acknowledged with the error of its first failed write, if any; after a
 * failure the worker writes nothing more.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');
let failed = false;
parentPort.on('message', ({ id, paths, contents }) => {
  let error;
  if (!failed) {
    for (let i = 0; i < paths.length; i++) {
      try {
        writeFileSync(paths[i], contents[i]);
      } catch (e) {
        failed = true;
        error = { path: paths[i], message: e.message, code: e.code };
        break;
      }
    }
  }
  parentPort.postMessage({ id, error });
});
`;

/** Files per message to the worker, and messages unacknowledged before `write` waits: ~1,000 files of ~1 KB held. */
const BATCH_FILES = 128;
const BATCHES_IN_FLIGHT = 8;

interface Ack {
  readonly id: number;
  readonly error?: { readonly path: string; readonly message: string; readonly code?: string };
}

/**
 * Writes files on a worker thread while this thread goes on (rendering and serialising the next ones). Why: a small
 * file costs three system calls (open, write, close) that a loop on this thread waits for, and through
 * `fs/promises` three round trips through libuv's thread pool, which cost more than the calls (write-manifest-files.ts).
 * On the worker the calls overlap the rendering: `meshfed render --out` of 1,000 peers, one file per object (79,000
 * files), into a fresh folder, 5.2 -> 4.2 s on this machine's disk and 4.2 -> 3.6 s in memory (docs/benchmarks.md,
 * "Writing output").
 */
export function threadFileSink(): FileSink {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  let nextId = 0;
  let paths: string[] = [];
  let contents: string[] = [];
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const inFlight: Promise<void>[] = [];
  let failure: Error | undefined;

  const fail = (e: Error): void => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (ack: Ack) => {
    const p = pending.get(ack.id);
    pending.delete(ack.id);
    if (ack.error !== undefined) {
      const cause = Object.assign(new Error(ack.error.message), { code: ack.error.code, path: ack.error.path });
      fail(new Error(`could not write ${ack.error.path}: ${ack.error.message}`, { cause }));
    }
    if (failure !== undefined) p?.reject(failure);
    else p?.resolve();
  });
  worker.on('error', (e) => fail(new Error(`the file-writing thread failed: ${e.message}`, { cause: e })));
  worker.on('exit', (code) => {
    if (pending.size > 0) fail(new Error(`the file-writing thread ended (exit code ${code}) before writing every file`));
  });

  const flush = (): void => {
    if (paths.length === 0) return;
    const id = nextId++;
    const done = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
    // Observed here and by whoever awaits it: a rejection is never unhandled.
    done.catch(() => undefined);
    inFlight.push(done);
    worker.postMessage({ id, paths, contents });
    paths = [];
    contents = [];
  };

  return {
    async write(path, content) {
      if (failure !== undefined) throw failure;
      paths.push(path);
      contents.push(content);
      if (paths.length < BATCH_FILES) return;
      flush();
      while (inFlight.length > BATCHES_IN_FLIGHT) await inFlight.shift();
    },
    async close() {
      try {
        flush();
        for (const done of inFlight.splice(0)) await done;
        if (failure !== undefined) throw failure;
      } finally {
        await worker.terminate();
      }
    },
  };
}
