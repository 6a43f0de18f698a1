import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { compileFederation } from '../../../src/core/pipeline.js';
import { MAX_FILES, type SourceFile } from '../../../src/core/source-file.js';
import { exampleFiles, REPO_ROOT } from '../render/example-federations.js';

/** The paper example (federation/: peers gke and tein, tein bursts into gke's echo export), edited. */
function paper(edit: (files: Map<string, string>) => void): SourceFile[] {
  const files = new Map(exampleFiles(REPO_ROOT).map((f) => [f.path, f.content]));
  edit(files);
  return [...files].map(([path, content]) => ({ path, content }));
}

function diagnostics(files: readonly SourceFile[]): string[] {
  return compileFederation(files).diagnostics.map(formatDiagnostic);
}

function rename(files: Map<string, string>, from: string, to: string): void {
  files.set(to, files.get(from) as string);
  files.delete(from);
}

const GKE_PEER = 'federation/peers/gke/peer.yaml';
const GKE_EXPORT = 'federation/peers/gke/echo-export.yaml';

describe('one root cause, one diagnostic', () => {
  it('GIVEN a typo in the kind of gke\'s export WHEN compiled THEN only the kind is reported, not tein\'s import of it as well', () => {
    const files = paper((f) => f.set(GKE_EXPORT, (f.get(GKE_EXPORT) as string).replace('kind: ServiceExport', 'kind: ServiceExprot')));
    expect(diagnostics(files)).toEqual([
      `${GKE_EXPORT}:5:7: unknown kind "ServiceExprot" (did you mean "ServiceExport"? valid kinds: Federation, Peer, ServiceExport, ServiceImport, EdgeGateway) [intent/unknown-kind]`,
    ]);
  });

  it('GIVEN more files than meshfed reads WHEN compiled THEN only load/too-many-files, not "no Federation intent"', () => {
    const files = paper((f) => {
      for (let i = 0; i < MAX_FILES; i++) f.set(`federation/peers/gke/extra-${i}.yaml`, '');
    });
    expect(compileFederation(files).diagnostics.map((d) => d.code)).toEqual(['load/too-many-files']);
  });

  it.each([
    ['empty', ''],
    ['comment-only', '# the Peer of gke goes here\n'],
    ['CR-only', '\r\r\r'],
    ['comments and a document marker with CRLF', '# gke\r\n---\r\n# nothing yet\r\n'],
  ])('GIVEN an %s peer.yaml WHEN compiled THEN "the file holds no document", not "has no Peer intent (add peer.yaml)"', (_name, content) => {
    expect(diagnostics(paper((f) => f.set(GKE_PEER, content)))).toEqual([
      `${GKE_PEER}:1:1: the file holds no document: it is empty, or holds only comments (write peer "gke"'s Peer intent in it: apiVersion: meshfed.io/v1alpha1, kind: Peer, metadata.name: gke and its spec (see docs/intents.md)) [load/empty-file]`,
    ]);
  });

  it('GIVEN an empty federation.yaml WHEN compiled THEN the same, for the Federation', () => {
    expect(diagnostics(paper((f) => f.set('federation/federation.yaml', '')))).toEqual([
      'federation/federation.yaml:1:1: the file holds no document: it is empty, or holds only comments (write the Federation intent in it: apiVersion: meshfed.io/v1alpha1, kind: Federation, metadata.name, spec.meshID and spec.rootCA.fingerprint (see docs/intents.md)) [load/empty-file]',
    ]);
  });

  it('GIVEN an empty intent file beside others WHEN compiled THEN a warning: nothing in it is read', () => {
    const files = paper((f) => f.set('federation/peers/gke/notes.yaml', '# TODO: a second export\n'));
    expect(diagnostics(files)).toEqual([
      'federation/peers/gke/notes.yaml:1:1: warning: the file holds no document: it is empty, or holds only comments, so nothing in it is read (write intents in it, or delete it) [load/empty-file]',
    ]);
  });
});

describe('intent-looking files meshfed does not read', () => {
  it('GIVEN peer.yaml saved as peer.json WHEN compiled THEN a warning on it beside peer/missing; renamed as the hint says THEN valid', () => {
    const files = paper((f) => rename(f, GKE_PEER, 'federation/peers/gke/peer.json'));
    const found = diagnostics(files);
    expect(found).toContain(
      'federation/peers/gke/peer.json:1:1: warning: this file looks like an intent file, but meshfed reads only .yaml and .yml files, so it is not read (if it holds intents, rename it to federation/peers/gke/peer.yaml, since YAML reads JSON too; otherwise delete it) [load/file-not-read]',
    );
    expect(found.some((d) => d.includes('[peer/missing]'))).toBe(true);
    expect(diagnostics(paper(() => undefined))).toEqual([]);
  });

  it.each([
    ['a backup copy of an export', 'federation/peers/gke/echo-export.yaml.bak', 'delete it if federation/peers/gke/echo-export.yaml replaces it; otherwise move its intents into federation/peers/gke/echo-export.yaml'],
    ['an export saved as JSON text', 'federation/peers/gke/second-export.json', 'if it holds intents, rename it to federation/peers/gke/second-export.yaml, since YAML reads JSON too; otherwise delete it'],
  ])('GIVEN %s WHEN compiled THEN a warning naming the .yaml to use', (_name, path, hint) => {
    const files = paper((f) => f.set(path, f.get(GKE_EXPORT) as string));
    expect(compileFederation(files).diagnostics.map((d) => [d.file, d.code, d.severity, d.hint])).toEqual([[path, 'load/file-not-read', 'warning', hint]]);
  });

  it('GIVEN a README.md that quotes intents WHEN compiled THEN nothing: documentation is not an intent file', () => {
    const files = paper((f) => f.set('federation/peers/gke/README.md', `# gke\n\n\`\`\`yaml\n${f.get(GKE_EXPORT) as string}\`\`\`\n`));
    expect(diagnostics(files)).toEqual([]);
  });
});

describe('fix hints that are themselves valid', () => {
  it('GIVEN baseEjectionTime: 60 WHEN compiled THEN the hint proposes "60s", and "60s" is valid', () => {
    const burst = 'federation/peers/tein/echo-burst.yaml';
    const found = compileFederation(paper((f) => f.set(burst, (f.get(burst) as string).replace('baseEjectionTime: 1m', 'baseEjectionTime: 60')))).diagnostics;
    expect(found.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'schema/wrong-type',
        'spec.burst.ejection.baseEjectionTime: not a duration, got the number 60',
        'write the unit too, e.g. "60s" for 60 seconds; the units are ms, s, m and h; unquoted, YAML reads 60 as the number 60',
      ],
    ]);
    expect(diagnostics(paper((f) => f.set(burst, (f.get(burst) as string).replace('baseEjectionTime: 1m', 'baseEjectionTime: "60s"'))))).toEqual([]);
  });

  it('GIVEN an unquoted istio.version: 1.30 WHEN compiled THEN quoting is still the hint, since "1.30" is valid', () => {
    const found = compileFederation(paper((f) => f.set(GKE_PEER, (f.get(GKE_PEER) as string).replace('version: "1.30.3"', 'version: 1.30')))).diagnostics;
    expect(found.map((d) => d.hint)).toEqual(['quote the value, e.g. "1.30": unquoted, YAML reads 1.30 as the number 1.3']);
  });

  it('GIVEN gke\'s folder named Tyo-Lab, its Peer named tyo-lab, and tein importing from tyo-lab WHEN compiled THEN one error: rename the folder to tyo-lab; renamed THEN valid', () => {
    const toTyoLab = (f: Map<string, string>, folder: string) => {
      for (const path of [...f.keys()].filter((p) => p.startsWith('federation/peers/gke/'))) {
        rename(f, path, path.replace('peers/gke/', `peers/${folder}/`));
      }
      for (const [path, content] of f) f.set(path, content.replace(/name: gke$/m, 'name: tyo-lab').replace('peer: gke', 'peer: tyo-lab'));
    };
    expect(diagnostics(paper((f) => toTyoLab(f, 'Tyo-Lab')))).toEqual([
      'federation/peers/Tyo-Lab/echo-export.yaml:1:1: peer folder "Tyo-Lab" is not a DNS-1123 label, and a peer\'s name is its folder\'s name (rename the folder to federation/peers/tyo-lab: a DNS-1123 label is lowercase letters, digits and "-", at most 63 characters; the Peer\'s metadata.name must equal it, and it names the peer in rendered objects) [peer/folder-name-invalid]',
    ]);
    expect(diagnostics(paper((f) => toTyoLab(f, 'tyo-lab')))).toEqual([]);
  });
});
