import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import type { FederationModel } from '../../../src/core/model/federation-model.js';
import { at, BASE_FILES, defaultAddress, federationFiles, peerYaml, short, y } from '../validate/federation-builder.js';

const BETA_PEER = 'federation/peers/beta/peer.yaml';
const IMPORT = 'federation/peers/beta/echo.yaml';

function load(overrides: Readonly<Record<string, string | null>> = {}, root?: string) {
  return loadFederation(federationFiles(overrides), root === undefined ? {} : { root });
}

function codes(overrides: Readonly<Record<string, string | null>>): string[] {
  return load(overrides).diagnostics.map(short);
}

/** A comparable picture of a model: everything but the locate functions. */
function snapshot(model: FederationModel): unknown {
  const strip = (l: { value: unknown; source: { file: string; docIndex: number } } | undefined) =>
    l && { value: l.value, file: l.source.file, doc: l.source.docIndex };
  return {
    root: model.root,
    federation: strip(model.federation),
    peers: [...model.peers.entries()].map(([name, p]) => ({
      name,
      peer: strip(p.peer),
      exports: p.exports.map(strip),
      imports: p.imports.map(strip),
      gateways: p.gateways.map(strip),
      files: p.files,
    })),
    rejected: model.rejected,
  };
}

describe('loadFederation: the model', () => {
  it('GIVEN the base federation WHEN loaded THEN every intent is in the model with its source and defaults applied', () => {
    const { model, diagnostics } = load({ 'federation/peers/beta/README.md': '# beta\n' });
    expect(diagnostics).toEqual([]);
    expect(model.root).toBe('federation');
    expect(model.federation?.value.spec.admission.newPeer).toBe('all');
    expect([...model.peers.keys()]).toEqual(['alpha', 'beta']);
    const beta = model.peers.get('beta');
    expect(beta?.peer?.value.spec.eastWest.port).toBe(15443);
    expect(beta?.files).toEqual(['federation/peers/beta/README.md', IMPORT, BETA_PEER]);
    expect(beta?.imports.map((i) => [i.value.metadata.name, i.source.file, i.source.docIndex])).toEqual([['echo', IMPORT, 0]]);
    expect(beta?.imports[0]?.source.locate(['spec', 'from', 'export'])).toEqual({ line: 6, col: 31 });
    expect(model.rejected).toBeUndefined();
  });

  it('GIVEN the same files in another order WHEN loaded THEN model and diagnostics are identical', () => {
    const files = federationFiles({ 'federation/peers/alpha/bad.yaml': 'kind: Nope\n', 'federation/peers/beta/more.yaml': '---\nb: [\n' });
    const a = loadFederation(files);
    const b = loadFederation([...files].reverse());
    expect(snapshot(b.model)).toEqual(snapshot(a.model));
    expect(b.diagnostics).toEqual(a.diagnostics);
  });

  it('GIVEN several documents per file WHEN loaded THEN intents are sorted by file then document', () => {
    const two = `${BASE_FILES[IMPORT]}---\n${(BASE_FILES[IMPORT] ?? '').replace('name: echo', 'name: echo-b').replace('burst:\n    local: {maxConnections: 10}', 'failover: {}')}`;
    const { model, diagnostics } = load({ 'federation/peers/beta/a.yaml': two, [IMPORT]: null });
    expect(diagnostics).toEqual([]);
    expect(model.peers.get('beta')?.imports.map((i) => `${i.source.file}#${i.source.docIndex}`)).toEqual([
      'federation/peers/beta/a.yaml#0',
      'federation/peers/beta/a.yaml#1',
    ]);
  });

  it('GIVEN a custom root WHEN loaded THEN only files under it are read and paths stay repository-relative', () => {
    const files = federationFiles().map((f) => ({ ...f, path: f.path.replace(/^federation\//, 'infra/mesh/') }));
    const { model, diagnostics } = loadFederation([...files, { path: 'federation/stray.yaml', content: 'not: read\n' }], { root: './infra/mesh/' });
    expect(diagnostics).toEqual([]);
    expect(model.root).toBe('infra/mesh');
    expect(model.peers.get('alpha')?.peer?.source.file).toBe('infra/mesh/peers/alpha/peer.yaml');
  });

  it('GIVEN an intent that fails its schema WHEN loaded THEN it is left out of the model and recorded as rejected', () => {
    const { model } = load({ [BETA_PEER]: peerYaml('beta', { network: 'Beta Net' }) });
    expect(model.peers.get('beta')?.peer).toBeUndefined();
    expect(model.rejected).toEqual([{ file: BETA_PEER, peer: 'beta', kind: 'Peer', name: 'beta' }]);
  });

  it('GIVEN a peer folder holding only a README WHEN loaded THEN it is not a peer', () => {
    expect([...load({ 'federation/peers/docs/README.md': 'notes\n' }).model.peers.keys()]).toEqual(['alpha', 'beta']);
  });
});

describe('loadFederation: where intents may live', () => {
  const cases: readonly (readonly [string, Record<string, string | null>, readonly string[]])[] = [
    ['a YAML file directly under peers/', { 'federation/peers/stray.yaml': 'a: 1\n' }, ['load/misplaced-file federation/peers/stray.yaml:1:1']],
    ['a YAML file in a sub-folder of a peer', { 'federation/peers/beta/old/echo.yaml': 'a: 1\n' }, ['load/misplaced-file federation/peers/beta/old/echo.yaml:1:1']],
    ['federation.yml instead of federation.yaml', { 'federation/federation.yaml': null, 'federation/federation.yml': BASE_FILES['federation/federation.yaml'] ?? '' }, ['load/misplaced-file federation/federation.yml:1:1']],
    ['another YAML file at the root', { 'federation/settings.yaml': 'a: 1\n' }, ['load/misplaced-file federation/settings.yaml:1:1']],
    ['files outside the root and non-YAML files', { '.github/workflows/ci.yml': 'on: push\n', 'federation/README.md': '# hi\n', 'federation/peers/beta/notes.txt': 'x' }, []],
    ['a Federation in a peer folder', { 'federation/peers/beta/fed.yaml': BASE_FILES['federation/federation.yaml'] ?? '' }, ['load/kind-misplaced federation/peers/beta/fed.yaml:2:7']],
    ['a Peer outside peer.yaml', { 'federation/peers/beta/extra.yaml': peerYaml('beta') }, ['load/kind-misplaced federation/peers/beta/extra.yaml:2:7']],
    ['a second Peer in peer.yaml', { [BETA_PEER]: `${peerYaml('beta')}---\n${peerYaml('beta')}` }, ['load/duplicate-peer federation/peers/beta/peer.yaml:18:7']],
    ['a Peer in federation.yaml', { 'federation/federation.yaml': `${BASE_FILES['federation/federation.yaml'] ?? ''}---\n${peerYaml('beta')}` }, ['load/kind-misplaced federation/federation.yaml:11:7']],
  ];
  it.each(cases)('GIVEN %s WHEN loaded THEN %j', (_what, files, expected) => {
    expect(codes(files)).toEqual(expected);
  });

  it('GIVEN a misplaced file WHEN reported THEN the hint says where intents may live', () => {
    const [d] = load({ 'federation/settings.yaml': 'a: 1\n' }).diagnostics;
    expect(d?.hint).toBe('intents live in federation/federation.yaml (the Federation) and federation/peers/<peer>/*.yaml (everything else)');
  });
});

describe('loadFederation: apiVersion and kind first, then the schema, at the offending field', () => {
  const doc = (body: string) => ({ 'federation/peers/beta/x.yaml': body });
  const X = 'federation/peers/beta/x.yaml';

  it('GIVEN a kind in the wrong case WHEN loaded THEN the valid kinds are listed with a suggestion', () => {
    const { diagnostics } = load(doc('apiVersion: meshfed.io/v1alpha1\nkind: serviceimport\nmetadata: {name: x}\n'));
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${X}:2:7: unknown kind "serviceimport" (did you mean "ServiceImport"? valid kinds: Federation, Peer, ServiceExport, ServiceImport, EdgeGateway) [intent/unknown-kind]`,
    ]);
  });

  it('GIVEN an Istio object pasted into a peer folder WHEN loaded THEN the hint says meshfed renders those', () => {
    const [d] = load(doc('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: x}\n')).diagnostics;
    expect(d?.code).toBe('intent/unknown-kind');
    expect(d?.hint).toContain('meshfed renders Istio objects from intents');
  });

  const envelopeCases: readonly (readonly [string, string, readonly string[]])[] = [
    ['no kind', 'apiVersion: meshfed.io/v1alpha1\nmetadata: {name: x}\n', [`intent/missing-kind ${X}:1:1`]],
    ['no apiVersion', 'kind: ServiceImport\nmetadata: {name: x}\nspec: {from: {peer: alpha, export: echo}, failover: {}}\n', [`intent/missing-api-version ${X}:1:1`]],
    [
      'an old apiVersion (schema checks still run)',
      'apiVersion: meshfed.io/v1beta1\nkind: ServiceImport\nmetadata: {name: x}\nspec: {from: {peer: alpha}, failover: {}}\n',
      [`intent/wrong-api-version ${X}:1:13`, `schema/missing-field ${X}:4:8`],
    ],
    ['a list instead of a mapping', '- apiVersion: meshfed.io/v1alpha1\n  kind: ServiceImport\n', [`intent/not-a-mapping ${X}:1:1`]],
    ['a plain string', 'hello\n', [`intent/not-a-mapping ${X}:1:1`]],
  ];
  it.each(envelopeCases)('GIVEN %s WHEN loaded THEN %j', (_what, body, expected) => {
    expect(load(doc(body)).diagnostics.map(short)).toEqual(expected);
  });

  it('GIVEN an unknown field WHEN loaded THEN it is reported at the key with the closest valid name', () => {
    const body = BASE_FILES[BETA_PEER]?.replace('clusterID:', 'clusterId:') ?? '';
    const { diagnostics } = load({ [BETA_PEER]: body });
    expect(diagnostics.map(short)).toEqual([`schema/missing-field ${BETA_PEER}:5:1`, `schema/unknown-field ${at(BETA_PEER, body, 'clusterId')}`]);
    const d = diagnostics[1];
    expect(d?.message).toBe('spec: unknown field "clusterId"');
    expect(d?.hint).toMatch(/^did you mean "clusterID"\? valid fields here: clusterID, eastWest, ingress, istio, locality, namespaces, network, owners, trustDomain$/);
  });

  it('GIVEN metadata.namespace WHEN loaded THEN the hint explains intents are not namespaced', () => {
    const body = BASE_FILES[IMPORT]?.replace('  name: echo\n', '  name: echo\n  namespace: demo\n') ?? '';
    const [d] = load({ [IMPORT]: body }).diagnostics;
    expect(short(d!)).toBe(`schema/unknown-field ${IMPORT}:5:3`);
    expect(d?.hint).toContain('intents are not namespaced');
  });

  it('GIVEN a missing required field WHEN loaded THEN it is reported at the parent key with what to add', () => {
    const body = BASE_FILES[BETA_PEER]?.replace(`  eastWest:\n    address: ${defaultAddress('beta')}\n`, '  eastWest: {port: 15443}\n') ?? '';
    const [d] = load({ [BETA_PEER]: body }).diagnostics;
    expect(short(d!)).toBe(`schema/missing-field ${at(BETA_PEER, body, 'eastWest')}`);
    expect(d?.message).toBe('spec.eastWest: missing required field "address"');
    expect(d?.hint).toContain('add address: IP address or DNS name of this peer\'s east-west gateway');
  });

  it('GIVEN an unquoted version that YAML reads as a number WHEN loaded THEN the hint quotes what was written', () => {
    const [d] = load({ [BETA_PEER]: peerYaml('beta', { version: '1.30' }) }).diagnostics;
    expect(short(d!)).toBe(`schema/wrong-type ${BETA_PEER}:14:14`);
    expect(d?.message).toBe('spec.istio.version: expected text, got the number 1.3');
    expect(d?.hint).toBe('quote the value, e.g. "1.30": unquoted, YAML reads 1.30 as the number 1.3');
  });

  const schemaCases: readonly (readonly [string, string, string, string])[] = [
    ['a quoted port number', 'number: 8080', 'number: "8080"', 'schema/wrong-type'],
    ['an enum in the wrong case', 'protocol: HTTP', 'protocol: http', 'schema/invalid-value'],
    ['a number out of range', 'number: 8080', 'number: 80800', 'schema/too-big'],
    ['an empty list', 'serviceAccounts: [echo]', 'serviceAccounts: []', 'schema/too-small'],
    ['a malformed name', 'name: echo', 'name: Echo_Server', 'schema/invalid-format'],
    ['an empty value', 'serviceAccounts: [echo]', 'serviceAccounts:', 'schema/wrong-type'],
  ];
  it.each(schemaCases)('GIVEN %s in an export WHEN loaded THEN %s is reported at the value', (_what, from, to, code) => {
    const file = 'federation/peers/alpha/echo.yaml';
    const body = (BASE_FILES[file] ?? '').replace(from, to);
    const result = load({ [file]: body });
    expect(result.diagnostics.map(short)[0]).toMatch(new RegExp(`^${code.replace('/', '\\/')} ${file}:\\d+:\\d+$`));
    const key = to.split(':')[0] ?? '';
    const [line] = result.diagnostics.map((d) => d.line);
    expect(body.split('\n')[(line ?? 1) - 1]).toContain(key);
  });

  it('GIVEN a record key that is not a label key WHEN loaded THEN it is reported at the key', () => {
    const body = (BASE_FILES[BETA_PEER] ?? '').replace(`    address: ${defaultAddress('beta')}\n`, `    address: ${defaultAddress('beta')}\n    selector: {"Istio Gateway": eastwest}\n`);
    const [d] = load({ [BETA_PEER]: body }).diagnostics;
    expect(short(d!)).toBe(`schema/invalid-key ${at(BETA_PEER, body, '"Istio Gateway"')}`);
  });

  it('GIVEN yes for httpsRedirect WHEN loaded THEN the hint explains YAML 1.2 reads it as text', () => {
    const gw = y`
      apiVersion: meshfed.io/v1alpha1
      kind: EdgeGateway
      metadata: {name: web}
      spec:
        hosts: [echo.beta.example.org]
        tls: {mode: SIMPLE, credentialName: echo-tls}
        httpsRedirect: yes
        routes:
          - to: {service: echo, namespace: demo, port: 8080}
    `;
    const [d] = load({ 'federation/peers/beta/web.yaml': gw }).diagnostics;
    expect(short(d!)).toBe('schema/wrong-type federation/peers/beta/web.yaml:7:18');
    expect(d?.hint).toBe('write true or false without quotes: YAML 1.2 reads "yes" as text, not as a boolean');
  });
});
