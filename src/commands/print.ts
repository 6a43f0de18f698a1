/** Where commands write: injectable so tests capture output without touching process streams. */
export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

/** The part of a process stream the printer uses (process.stdout, process.stderr). */
export interface OutputStream {
  write(text: string): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** Exit code when an output stream fails for another reason than its reader going away (see usage-error.ts). */
const EXIT_OUTPUT_FAILED = 70;

/**
 * Lines to two streams, with write errors handled once, here, for every command. When the reader goes away
 * (`meshfed render | head -1`: EPIPE), meshfed stops writing to that stream and says nothing, as Unix tools do;
 * the command still finishes, so files it writes are complete and its exit code keeps its meaning (drift's 2).
 * Node ignores SIGPIPE, so without this the failed write is an unhandled 'error' event: a stack trace, exit 1.
 * Any other write error (a full disk behind a redirection) is reported on the other stream and exits 70.
 */
export function streamPrinter(stdout: OutputStream, stderr: OutputStream, setExitCode: (code: number) => void): Printer {
  const closed = { out: false, err: false };
  const guard = (stream: OutputStream, which: 'out' | 'err', other: OutputStream) =>
    stream.on('error', (error) => {
      if (closed[which]) return;
      closed[which] = true;
      if (error.code === 'EPIPE') return;
      setExitCode(EXIT_OUTPUT_FAILED);
      const otherWhich = which === 'out' ? 'err' : 'out';
      if (!closed[otherWhich]) other.write(`meshfed: cannot write to standard ${which === 'out' ? 'output' : 'error'}: ${error.message}\n`);
    });
  guard(stdout, 'out', stderr);
  guard(stderr, 'err', stdout);
  return {
    out: (line) => void (closed.out || stdout.write(`${line}\n`)),
    err: (line) => void (closed.err || stderr.write(`${line}\n`)),
  };
}

export function bufferPrinter(): Printer & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
