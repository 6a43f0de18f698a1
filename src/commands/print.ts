/** Where commands write: injectable so tests capture output without touching process streams. */
export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

export const consolePrinter: Printer = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function bufferPrinter(): Printer & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
