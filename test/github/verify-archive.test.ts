import { afterAll, describe, expect, it } from 'vitest';
import { selectionMatcher } from '../../src/adapters/github/snapshot/read-repo-snapshot.js';
import { extractTarGz } from '../../src/adapters/github/snapshot/tar-gz-reader.js';
import { archiveDifferences } from '../../src/adapters/github/snapshot/verify-archive.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { createGitRepo } from './fixtures/git-repo.js';

const repo = createGitRepo();
afterAll(() => repo.remove());
const want = selectionMatcher({ root: 'federation', extraPaths: ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.github/workflows/', '.github/actions/'] });

async function differences(files: Map<string, string>): Promise<string[]> {
  const commit = repo.commit(files);
  const archived = await extractTarGz(repo.archive(commit), want);
  return archiveDifferences(archived.blobs, repo.tree(commit) as never, want);
}

describe('the archive GitHub serves is checked against the commit (git archive, real .gitattributes)', () => {
  it('GIVEN a commit without archive attributes WHEN verified THEN nothing differs', async () => {
    expect(await differences(notesChange().head)).toEqual([]);
  });

  it.each([
    ['a root .gitattributes hides a new export and itself', '.gitattributes', '/federation/peers/peer-000/zz-admin.yaml export-ignore\n/.gitattributes export-ignore\n', [
      '.gitattributes is in the commit but missing from the archive',
      'federation/peers/peer-000/zz-admin.yaml is in the commit but missing from the archive',
    ]],
    ['a nested .gitattributes hides a file of its folder', 'federation/peers/peer-000/.gitattributes', 'zz-admin.yaml export-ignore\n', [
      'federation/peers/peer-000/zz-admin.yaml is in the commit but missing from the archive',
    ]],
    ['a .gitattributes hides a new workflow', '.gitattributes', '.github/workflows/evil.yml export-ignore\n', [
      '.github/workflows/evil.yml is in the commit but missing from the archive',
    ]],
  ])('GIVEN %s WHEN verified THEN the missing files are named', async (_what, path, attributes, expected) => {
    const files = new Map(notesChange().head);
    files.set('federation/peers/peer-000/zz-admin.yaml', 'apiVersion: meshfed.io/v1alpha1\nkind: ServiceExport\n');
    files.set('.github/workflows/evil.yml', 'on: push\n');
    files.set(path, attributes);
    expect(await differences(files)).toEqual(expected);
  });

  it('GIVEN export-subst on an intent file WHEN verified THEN its rewritten bytes are reported', async () => {
    const files = new Map(notesChange().head);
    files.set('.gitattributes', 'federation/federation.yaml export-subst\n');
    files.set('federation/federation.yaml', `${files.get('federation/federation.yaml') ?? ''}# $Format:%H$\n`);
    const found = await differences(files);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^federation\/federation\.yaml has other content in the archive than in the commit/);
  });
});
