import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const folders: string[] = [];
afterEach(() => {
  for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh folder in the system's temporary folder, removed after the test. */
export function scratchFolder(): string {
  const d = mkdtempSync(join(tmpdir(), 'meshfed-out-'));
  folders.push(d);
  return d;
}
