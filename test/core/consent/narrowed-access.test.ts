import { describe, expect, it } from 'vitest';
import { narrowedAccess } from '../../../src/core/consent/narrowed-access.js';
import { compileFederation } from '../../../src/core/pipeline.js';
import { cloneFiles, exportYaml, peerName, ringFederation, sourceFiles, type RepoFiles } from '../../github/fixtures/federation-fixture.js';

const p0 = peerName(0);
const p1 = peerName(1);
const p2 = peerName(2);
const EXPORT = `federation/peers/${p0}/api-export.yaml`;
/** A four-peer ring: peer-000 exports `api` to peer-001, which imports it. */
const base = ringFederation({ peers: 4 });

function withExport(content: string | undefined): RepoFiles {
  const head = cloneFiles(base);
  if (content === undefined) head.delete(EXPORT);
  else head.set(EXPORT, content);
  return head;
}

const model = (files: RepoFiles) => compileFederation(sourceFiles(files), { root: 'federation' }).model;
const consumersBlock = `  consumers:\n    - peer: ${p1}\n`;

describe('narrowedAccess: what a provider takes away from the peers that import its exports', () => {
  it.each([
    ["peer-001's workloads narrowed to a service account that does not exist", exportYaml('api', [p1]).replace(consumersBlock, `  consumers:\n    - peer: ${p1}\n      serviceAccounts:\n        - namespace: apps\n          serviceAccount: ghost\n`), [`it admits only apps/ghost of ${p1}'s workloads, not all of them`]],
    ['peer-001 removed from the consumers', exportYaml('api', [p2]), [`${p1} is removed from its consumers`]],
    ['the only port renumbered', exportYaml('api', [p1]).replace('number: 8080', 'number: 9090'), ['port http 8080/HTTP is no longer offered']],
    ['the export removed', undefined, ['the export is removed']],
    ['another consumer added (widening)', exportYaml('api', [p1, p2]), []],
    ["the provider's own inbound cap lowered", exportYaml('api', [p1], 5), []],
  ])('GIVEN %s WHEN compared THEN the importing consumer loses %j', (_name, content, expected) => {
    const found = narrowedAccess(model(base), model(withExport(content)));
    expect(found.map((n) => n.what)).toEqual(expected);
    for (const n of found) expect(n).toMatchObject({ consumer: p1, provider: p0, export: 'api' });
  });

  it('GIVEN a listed consumer that imports nothing WHEN it is removed THEN nobody is named (it loses no traffic)', () => {
    const widened = cloneFiles(base);
    widened.set(EXPORT, exportYaml('api', [p1, p2]));
    expect(narrowedAccess(model(widened), model(withExport(exportYaml('api', [p1]))))).toEqual([]);
  });
});
