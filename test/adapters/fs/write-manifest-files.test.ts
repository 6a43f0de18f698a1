import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_INDEX, writeManifestFiles } from '../../../src/adapters/fs/write-manifest-files.js';
import { MANIFEST_HEADER, manifestFiles, type ManifestFile } from '../../../src/core/render/output/manifest-files.js';
import { objectsToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import { compileFederation } from '../../../src/core/pipeline.js';
import { syntheticFederation } from '../../../bench/synthetic-federation.js';
import { scratchFolder } from './scratch-folder.js';

function file(path: string, body: string): ManifestFile {
  return { path, content: `${MANIFEST_HEADER}\n${body}\n` };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** Makes a file look modified after meshfed's index was written (as a later hand edit is). */
function touchLater(path: string, index: string): void {
  const later = new Date(statSync(index).mtimeMs + 5000);
  utimesSync(path, later, later);
}

describe('writeManifestFiles: the output folder holds exactly the rendered files, written at the speed of the disk', () => {
  it('GIVEN a fresh folder WHEN written twice THEN the first run writes every file and an index, the second writes nothing and touches no file', async () => {
    const out = scratchFolder();
    const files = [file('alpha/a.yaml', 'a: 1'), file('alpha/b.yaml', 'b: 2'), file('beta/c.yaml', 'c: 3')];
    expect(await writeManifestFiles(out, files)).toEqual({ written: 3, unchanged: 0, removed: 0 });
    expect(JSON.parse(readFileSync(join(out, OUTPUT_INDEX), 'utf8')).files['alpha/a.yaml'].size).toBe(Buffer.byteLength(files[0]?.content ?? ''));
    const mtimes = yamlFiles(out).map((p) => statSync(join(out, p)).mtimeMs);

    expect(await writeManifestFiles(out, files)).toEqual({ written: 0, unchanged: 3, removed: 0 });
    expect(yamlFiles(out).map((p) => statSync(join(out, p)).mtimeMs)).toEqual(mtimes);
  });

  it('GIVEN a file edited by hand to the same size WHEN written again THEN the edit is noticed and the file restored', async () => {
    const out = scratchFolder();
    const files = [file('alpha/a.yaml', 'port: 8080')];
    await writeManifestFiles(out, files);
    const target = join(out, 'alpha/a.yaml');
    writeFileSync(target, (files[0] as ManifestFile).content.replace('8080', '9090'));
    touchLater(target, join(out, OUTPUT_INDEX));

    expect(await writeManifestFiles(out, files)).toEqual({ written: 1, unchanged: 0, removed: 0 });
    expect(readFileSync(target, 'utf8')).toBe((files[0] as ManifestFile).content);
  });

  it('GIVEN stale files meshfed wrote, a foreign YAML file and a meshfed file replaced by hand WHEN written THEN only meshfed\'s own stale files are removed', async () => {
    const out = scratchFolder();
    await writeManifestFiles(out, [file('alpha/a.yaml', 'a: 1'), file('alpha/gone.yaml', 'g: 1'), file('alpha/taken.yaml', 't: 1')]);
    writeFileSync(join(out, 'alpha/mine.yaml'), 'kind: ConfigMap\n');
    const taken = join(out, 'alpha/taken.yaml');
    writeFileSync(taken, 'kind: Secret # now the operator\'s\n');
    touchLater(taken, join(out, OUTPUT_INDEX));

    expect(await writeManifestFiles(out, [file('alpha/a.yaml', 'a: 1')])).toEqual({ written: 0, unchanged: 1, removed: 1 });
    expect(yamlFiles(out)).toEqual(['alpha/a.yaml', 'alpha/mine.yaml', 'alpha/taken.yaml']);
  });

  it('GIVEN a folder written by an older meshfed (no index) WHEN written THEN identical files are recognised by content and stale ones by their header', async () => {
    const out = scratchFolder();
    await writeManifestFiles(out, [file('alpha/a.yaml', 'a: 1'), file('alpha/old.yaml', 'o: 1')]);
    rmSync(join(out, OUTPUT_INDEX));

    expect(await writeManifestFiles(out, [file('alpha/a.yaml', 'a: 1')])).toEqual({ written: 0, unchanged: 1, removed: 1 });
  });

  it('GIVEN a federation written with one file per object WHEN written again with one file per peer THEN each peer folder holds one multi-document file with the same objects and the per-object files are gone', async () => {
    const out = scratchFolder();
    const rendered = compileFederation(syntheticFederation(22)).rendered ?? new Map();
    await writeManifestFiles(out, manifestFiles(rendered, objectsToYaml, 'object'));
    expect(yamlFiles(out).length).toBe([...rendered.values()].reduce((n, o) => n + o.length, 0));

    const summary = await writeManifestFiles(out, manifestFiles(rendered, objectsToYaml, 'peer'));

    expect(yamlFiles(out)).toEqual([...rendered.keys()].sort().map((p) => `${p}/manifests.yaml`));
    expect(summary.written).toBe(rendered.size);
    const p0001 = readFileSync(join(out, 'p0001/manifests.yaml'), 'utf8');
    expect(p0001).toBe(`${MANIFEST_HEADER}\n${objectsToYaml(rendered.get('p0001') ?? [])}`);
  });
});

describe('writeManifestFiles: memory', () => {
  it('GIVEN files whose content is serialised when read (manifestFiles) WHEN written to a fresh folder and again THEN each content is serialised once per run and the bytes are those of the content', async () => {
    const out = scratchFolder();
    const reads = new Map<string, number>();
    const counted = (path: string, body: string): ManifestFile => ({
      path,
      get content() {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return `${MANIFEST_HEADER}\n${body}\n`;
      },
    });
    const files = [counted('alpha/a.yaml', 'a: 1'), counted('alpha/b.yaml', 'b: 2'), counted('beta/c.yaml', 'c: 3')];
    expect(await writeManifestFiles(out, files)).toEqual({ written: 3, unchanged: 0, removed: 0 });
    expect([...reads.values()]).toEqual([1, 1, 1]);
    expect(readFileSync(join(out, 'beta/c.yaml'), 'utf8')).toBe(`${MANIFEST_HEADER}\nc: 3\n`);
    expect(await writeManifestFiles(out, files)).toEqual({ written: 0, unchanged: 3, removed: 0 });
    expect([...reads.values()]).toEqual([2, 2, 2]);
  });

  it('GIVEN manifestFiles of a rendered federation WHEN its files are listed THEN no content is serialised until read', () => {
    const rendered = compileFederation(syntheticFederation(22)).rendered ?? new Map();
    let serialised = 0;
    const files = manifestFiles(rendered, (objects) => (serialised++, objectsToYaml(objects)), 'peer');
    expect(files).toHaveLength(22);
    expect(serialised).toBe(0);
    expect(files[0]?.content).toBe(files[0]?.content);
    expect(serialised).toBe(2);
  });
});
