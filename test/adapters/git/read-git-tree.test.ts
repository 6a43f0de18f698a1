import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFederationDir } from '../../../src/adapters/fs/read-federation-dir.js';
import { readGitTree } from '../../../src/adapters/git/read-git-tree.js';
import { MAX_FILE_BYTES } from '../../../src/core/source-file.js';

let repo: string;
let first: string;

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: repo },
  }).trim();
}

async function put(rel: string, content: string | Buffer): Promise<void> {
  const abs = path.join(repo, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, content);
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'meshfed-git-'));
  git('init', '-q', '-b', 'main');
  await put('federation/federation.yaml', 'f: 1\n');
  await put('federation/peers/alpha/peer.yaml', 'a: 1\n');
  await put('README.md', '# repo\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  first = git('rev-parse', 'HEAD');
  await put('federation/peers/alpha/peer.yaml', 'a: 2\n');
  await put('federation/peers/beta/peer.yaml', 'b: 1\n');
  await put('federation/peers/beta/huge.yaml', Buffer.alloc(MAX_FILE_BYTES + 10, 0x62));
  await put('federation/peers/beta/latin1.yaml', Buffer.from([0x78, 0x3a, 0x20, 0xe9, 0x0a]));
  await put('federation/peers/beta/name with spaces.yaml', 'c: 1\n');
  await symlink('peer.yaml', path.join(repo, 'federation/peers/beta/link.yaml'));
  await symlink('../../../README.md', path.join(repo, 'federation/peers/beta/escape.yaml'));
  await put('federation-old/federation.yaml', 'old: 1\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'second');
  git('tag', 'v2');
}, 30_000);

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('readGitTree', () => {
  it('GIVEN an older commit WHEN read THEN the files are those of that commit, not of the working tree', async () => {
    expect(await readGitTree(repo, first)).toEqual([
      { path: 'federation/federation.yaml', content: 'f: 1\n' },
      { path: 'federation/peers/alpha/peer.yaml', content: 'a: 1\n' },
    ]);
  });

  it('GIVEN a tag WHEN read THEN sizes, encodings, odd names and links are handled like the local directory reader', async () => {
    const files = await readGitTree(repo, 'v2');
    expect(files.map((f) => f.path)).toEqual([
      'federation/federation.yaml',
      'federation/peers/alpha/peer.yaml',
      'federation/peers/beta/escape.yaml',
      'federation/peers/beta/huge.yaml',
      'federation/peers/beta/latin1.yaml',
      'federation/peers/beta/link.yaml',
      'federation/peers/beta/name with spaces.yaml',
      'federation/peers/beta/peer.yaml',
    ]);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get('federation/peers/beta/huge.yaml')).toEqual({ path: 'federation/peers/beta/huge.yaml', content: '', unread: { reason: 'too-large', bytes: MAX_FILE_BYTES + 10 } });
    expect(byPath.get('federation/peers/beta/latin1.yaml')?.content).toBe('x: \ufffd\n');
    expect(byPath.get('federation/peers/beta/link.yaml')?.content).toBe('b: 1\n');
    expect(byPath.get('federation/peers/beta/escape.yaml')?.unread).toEqual({ reason: 'symlink', target: '../../../README.md' });
    // The working tree at the same commit reads the same.
    expect(await readFederationDir(repo)).toEqual(files);
  });

  it('GIVEN files already in memory (the working tree, some of them changed since) WHEN a ref is read with them THEN the result is what git holds, byte for byte', async () => {
    const working = await readFederationDir(repo);
    const known = working.map((f) => (f.path.endsWith('alpha/peer.yaml') ? { ...f, content: 'a: changed in the working tree\n' } : f));
    expect(await readGitTree(repo, 'v2', undefined, { known })).toEqual(await readGitTree(repo, 'v2'));
    expect(await readGitTree(repo, first, undefined, { known })).toEqual(await readGitTree(repo, first));
  });

  it('GIVEN a ref that does not exist WHEN read THEN the error names the ref', async () => {
    await expect(readGitTree(repo, 'no-such-branch')).rejects.toThrow('git ref "no-such-branch" does not exist');
  });

  it('GIVEN a ref that looks like an option WHEN read THEN it is refused before git runs', async () => {
    await expect(readGitTree(repo, '--output=/tmp/x')).rejects.toThrow('is not a git ref');
  });

  it('GIVEN a directory that is not a git repository WHEN read THEN the error says so', async () => {
    const plain = await mkdtemp(path.join(tmpdir(), 'meshfed-nogit-'));
    try {
      await expect(readGitTree(plain, 'HEAD')).rejects.toThrow('is not a git repository');
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });

  it('GIVEN a root that does not exist at the ref WHEN read THEN there are no files', async () => {
    expect(await readGitTree(repo, first, 'infra')).toEqual([]);
  });
});
