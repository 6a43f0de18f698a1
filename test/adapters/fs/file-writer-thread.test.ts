import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncFileSink, threadFileSink, type FileSink } from '../../../src/adapters/fs/file-writer-thread.js';
import { OUTPUT_INDEX, writeManifestFiles } from '../../../src/adapters/fs/write-manifest-files.js';
import { MANIFEST_HEADER, type ManifestFile } from '../../../src/core/render/output/manifest-files.js';
import { scratchFolder } from './scratch-folder.js';

const SINKS: readonly (readonly [string, () => FileSink])[] = [
  ['on this thread', syncFileSink],
  ['on a worker thread', threadFileSink],
];

describe('file sinks', () => {
  it.each(SINKS)('GIVEN 3,000 files (more than the worker holds in flight) written %s WHEN closed THEN every file is on disk with its content', async (_name, make) => {
    const dir = scratchFolder();
    const sink = make();
    for (let i = 0; i < 3000; i++) await sink.write(join(dir, `f${i}.yaml`), `n: ${i}\n`);
    await sink.close();
    expect(readdirSync(dir)).toHaveLength(3000);
    expect(readFileSync(join(dir, 'f2999.yaml'), 'utf8')).toBe('n: 2999\n');
  });

  it.each(SINKS)('GIVEN a path that is a folder WHEN written %s THEN the write or the close fails naming the path, and nothing after it is written', async (_name, make) => {
    const dir = scratchFolder();
    mkdirSync(join(dir, 'f5.yaml'));
    const sink = make();
    const attempt = async (): Promise<void> => {
      for (let i = 0; i < 300; i++) await sink.write(join(dir, `f${i}.yaml`), `n: ${i}\n`);
      await sink.close();
    };
    await expect(attempt()).rejects.toThrow(/f5\.yaml/);
    await sink.close().catch(() => undefined);
    expect(readdirSync(dir)).not.toContain('f6.yaml');
  });
});

describe('writeManifestFiles on a worker thread', () => {
  const files = (n: number): ManifestFile[] => Array.from({ length: n }, (_, i) => ({ path: `p${i % 7}/o${i}.yaml`, content: `${MANIFEST_HEADER}\nn: ${i}\n` }));

  it('GIVEN the same files written with and without the worker thread THEN the folders and indexes are the same, and a second run writes nothing', async () => {
    const [onThread, here] = [scratchFolder(), scratchFolder()];
    expect(await writeManifestFiles(onThread, files(700), { threadFromFiles: 0 })).toEqual({ written: 700, unchanged: 0, removed: 0 });
    expect(await writeManifestFiles(here, files(700), { threadFromFiles: Infinity })).toEqual({ written: 700, unchanged: 0, removed: 0 });
    const listing = (d: string) => readdirSync(d, { recursive: true }).map(String).sort();
    expect(listing(onThread)).toEqual(listing(here));
    expect(readFileSync(join(onThread, 'p3/o500.yaml'), 'utf8')).toBe(readFileSync(join(here, 'p3/o500.yaml'), 'utf8'));
    expect(readFileSync(join(onThread, OUTPUT_INDEX), 'utf8')).toBe(readFileSync(join(here, OUTPUT_INDEX), 'utf8'));
    expect(await writeManifestFiles(onThread, files(700), { threadFromFiles: 0 })).toEqual({ written: 0, unchanged: 700, removed: 0 });
  });

  it('GIVEN a file that cannot be written WHEN written on the worker thread THEN writeManifestFiles fails naming it and writes no index', async () => {
    const out = scratchFolder();
    mkdirSync(join(out, 'p2', 'o9.yaml'), { recursive: true });
    await expect(writeManifestFiles(out, files(700), { threadFromFiles: 0 })).rejects.toThrow(/could not write .*p2\/o9\.yaml/);
    expect(readdirSync(out)).not.toContain(OUTPUT_INDEX);
  });
});
