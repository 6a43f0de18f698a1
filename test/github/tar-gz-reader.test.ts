import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAR_LIMITS, extractTarGz, gitBlobSha, MalformedArchiveError, stripTopFolder, TreeTooLargeError } from '../../src/adapters/github/snapshot/tar-gz-reader.js';
import { makeTarball } from './fixtures/make-tarball.js';

const all = (): boolean => true;

describe('tar.gz reader for GitHub archives', () => {
  it('GIVEN an archive like GitHub serves WHEN read THEN paths lose the top folder and only selected regular files are kept', async () => {
    const long = `federation/peers/${'a'.repeat(60)}/${'b'.repeat(60)}.yaml`;
    const archive = makeTarball([
      { path: 'federation/federation.yaml', content: 'kind: Federation\n' },
      { path: long, content: 'x: ü\n' },
      { path: 'src/app.js', content: 'evil()' },
      { path: 'federation/peers/a/link.yaml', symlink: '../../../etc/passwd' },
    ]);

    const r = await extractTarGz(archive, (p) => p.startsWith('federation/'));

    expect([...r.files.keys()].sort()).toEqual([long, 'federation/federation.yaml'].sort());
    expect(r.files.get(long)?.toString('utf8')).toBe('x: ü\n');
    expect(r.links).toEqual([{ path: 'federation/peers/a/link.yaml', target: '../../../etc/passwd' }]);
  });

  it('GIVEN selected files, an oversized one and a symlink WHEN read THEN each is hashed as git hashes the blob', async () => {
    const gitHash = (content: string): string => execFileSync('git', ['hash-object', '--stdin'], { input: content }).toString().trim();
    const archive = makeTarball([
      { path: 'federation/a.yaml', content: 'a: ü\n' },
      { path: 'federation/big.yaml', content: 'x'.repeat(2000) },
      { path: 'federation/link.yaml', symlink: 'a.yaml' },
    ]);
    const r = await extractTarGz(archive, all, { ...DEFAULT_TAR_LIMITS, maxFileBytes: 1000 });
    expect(Object.fromEntries([...r.blobs].map(([p, b]) => [p, b.blobSha]))).toEqual({
      'federation/a.yaml': gitHash('a: ü\n'),
      'federation/big.yaml': gitHash('x'.repeat(2000)),
      'federation/link.yaml': gitHash('a.yaml'),
    });
    expect(gitBlobSha('a: ü\n')).toBe(gitHash('a: ü\n'));
  });

  it('GIVEN a selected file over the size limit WHEN read THEN it is reported, not read', async () => {
    const archive = makeTarball([{ path: 'federation/big.yaml', content: 'x'.repeat(2000) }]);
    const r = await extractTarGz(archive, all, { ...DEFAULT_TAR_LIMITS, maxFileBytes: 1000 });
    expect(r.files.size).toBe(0);
    expect(r.oversized).toEqual([{ path: 'federation/big.yaml', size: 2000 }]);
  });

  it.each([
    ['maxFiles', { maxFiles: 2 }, /more than 2 files/],
    ['maxEntries', { maxEntries: 3 }, /more than 3 entries/],
    ['maxUncompressedBytes', { maxUncompressedBytes: 4096 }, /unpacks to more than/],
    ['maxCompressedBytes', { maxCompressedBytes: 10 }, /archive is .* more than/],
    ['maxKeptBytes', { maxKeptBytes: 5 }, /add up to more than/],
  ])('GIVEN the %s limit is exceeded WHEN read THEN TreeTooLargeError says which', async (limit, override, message) => {
    const archive = makeTarball(Array.from({ length: 5 }, (_, i) => ({ path: `federation/f${i}.yaml`, content: `n: ${i}\n`.repeat(200) })));
    const error = await extractTarGz(archive, all, { ...DEFAULT_TAR_LIMITS, ...override }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TreeTooLargeError);
    expect((error as TreeTooLargeError).limit).toBe(limit);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ['not gzip', Buffer.from('plain text')],
    ['gzip but not tar', gzipSync(Buffer.from('x'.repeat(600)))],
    ['truncated', makeTarball([{ path: 'federation/a.yaml', content: 'y'.repeat(3000) }]).subarray(0, 60)],
    ['a pax size that is not a number', makeTarball([{ path: 'federation/a.yaml', content: 'a: 1\n', pax: { size: 'abc' } }])],
    ['a pax size with a sign', makeTarball([{ path: 'federation/a.yaml', content: 'a: 1\n', pax: { size: '-5' } }])],
  ])('GIVEN %s WHEN read THEN MalformedArchiveError', async (_what, data) => {
    await expect(extractTarGz(data, all)).rejects.toBeInstanceOf(MalformedArchiveError);
  });

  it.each([
    ['owner-repo-abc/federation/a.yaml', 'federation/a.yaml'],
    ['owner-repo-abc/', undefined],
    ['pax_global_header', undefined],
    ['owner-repo-abc/../../etc/passwd', undefined],
    ['owner-repo-abc//etc/passwd', undefined],
  ])('GIVEN the entry %j WHEN mapped to a repository path THEN %j', (entry, path) => {
    expect(stripTopFolder(entry)).toBe(path);
  });
});
