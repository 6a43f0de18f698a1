import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFederationDir } from '../../../src/adapters/fs/read-federation-dir.js';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import { MAX_FILE_BYTES } from '../../../src/core/source-file.js';

let repo: string;
let outside: string;

beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'meshfed-fs-'));
  outside = await mkdtemp(path.join(tmpdir(), 'meshfed-outside-'));
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function put(rel: string, content: string | Buffer): Promise<void> {
  const abs = path.join(repo, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, content);
}

describe('readFederationDir', () => {
  it('GIVEN a federation folder WHEN read THEN every file under the root comes back with sorted repository-relative POSIX paths', async () => {
    await put('federation/peers/beta/peer.yaml', 'b: 1\n');
    await put('federation/federation.yaml', 'f: 1\n');
    await put('federation/peers/alpha/README.md', '# alpha\n');
    await put('other/ignored.yaml', 'x: 1\n');
    const files = await readFederationDir(repo);
    expect(files).toEqual([
      { path: 'federation/federation.yaml', content: 'f: 1\n' },
      { path: 'federation/peers/alpha/README.md', content: '# alpha\n' },
      { path: 'federation/peers/beta/peer.yaml', content: 'b: 1\n' },
    ]);
  });

  it('GIVEN a custom root WHEN read THEN paths stay relative to the repository', async () => {
    await put('infra/mesh/federation.yaml', 'f: 1\n');
    expect((await readFederationDir(repo, 'infra/mesh')).map((f) => f.path)).toEqual(['infra/mesh/federation.yaml']);
  });

  it('GIVEN no federation folder WHEN read THEN there are no files (the core then reports the missing Federation)', async () => {
    expect(await readFederationDir(repo)).toEqual([]);
  });

  it('GIVEN a file over 1 MiB WHEN read THEN it is handed over unread with its size, and the core reports it', async () => {
    await put('federation/peers/alpha/huge.yaml', Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    const files = await readFederationDir(repo);
    expect(files).toEqual([{ path: 'federation/peers/alpha/huge.yaml', content: '', unread: { reason: 'too-large', bytes: MAX_FILE_BYTES + 1 } }]);
    expect(loadFederation(files).diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`)).toEqual([
      'parse/file-too-large federation/peers/alpha/huge.yaml:1:1',
    ]);
  });

  it('GIVEN a file of exactly 1 MiB WHEN read THEN it is read', async () => {
    await put('federation/peers/alpha/big.yaml', Buffer.alloc(MAX_FILE_BYTES, 0x61));
    const [file] = await readFederationDir(repo);
    expect(file?.unread).toBeUndefined();
    expect(file?.content.length).toBe(MAX_FILE_BYTES);
  });

  it('GIVEN bytes that are not UTF-8 WHEN read THEN they become U+FFFD and the core reports the position', async () => {
    await put('federation/peers/alpha/latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const files = await readFederationDir(repo);
    expect(loadFederation(files).diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`)).toEqual(['parse/invalid-utf8 1:7']);
  });

  it('GIVEN symlinks WHEN read THEN only links to files inside the tree are followed', async () => {
    await put('federation/peers/alpha/real.yaml', 'a: 1\n');
    await writeFile(path.join(outside, 'secret.yaml'), 'password: hunter2\n');
    await symlink('real.yaml', path.join(repo, 'federation/peers/alpha/inside.yaml'));
    await symlink(path.join(outside, 'secret.yaml'), path.join(repo, 'federation/peers/alpha/outside.yaml'));
    await symlink('../../../../nowhere.yaml', path.join(repo, 'federation/peers/alpha/dangling.yaml'));
    await symlink(outside, path.join(repo, 'federation/peers/gamma'));
    const files = await readFederationDir(repo);
    expect(files).toEqual([
      { path: 'federation/peers/alpha/dangling.yaml', content: '', unread: { reason: 'symlink', target: '../../../../nowhere.yaml' } },
      { path: 'federation/peers/alpha/inside.yaml', content: 'a: 1\n' },
      { path: 'federation/peers/alpha/outside.yaml', content: '', unread: { reason: 'symlink', target: path.join(outside, 'secret.yaml') } },
      { path: 'federation/peers/alpha/real.yaml', content: 'a: 1\n' },
      { path: 'federation/peers/gamma', content: '', unread: { reason: 'symlink', target: outside } },
    ]);
    expect(JSON.stringify(files)).not.toContain('hunter2');
  });
});
