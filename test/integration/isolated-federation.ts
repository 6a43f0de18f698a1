/**
 * A copy of a real federation folder whose Kubernetes namespaces are renamed, so that every integration test
 * writes into namespaces of its own on the shared API server (a deleted namespace would stay Terminating:
 * there is no controller-manager). YAML-aware: only `namespace:` values, `namespaces:` items and the
 * gateway namespaces of Peer intents change; comments and everything else stay as written.
 *
 * Each peer also gets an istiod of its own as the runner's preflight reads it (docs/runners.md, "The preflight"):
 * a fresh namespace (its Peer's spec.istio.namespace) holding ConfigMap istio with the mesh config
 * `meshfed mesh-config` prints for that peer, and ConfigMap istio-ca-root-cert with the test root CA
 * (test/fixtures/mesh/), which federation.yaml's rootCA.fingerprint then names.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import { compileDirectory } from '../../src/commands/compile-directory.js';
import { meshRequirements } from '../../src/core/mesh/mesh-requirements.js';
import type { KubeEnv } from '../envtest/kube-env.js';
import { serverSideApply } from '../envtest/kube-http.js';
import { SHARED_ROOT_FINGERPRINT, SHARED_ROOT_PEM } from '../core/mesh/mesh-fixtures.js';
import { meshTextFromFragment } from '../core/preflight/preflight-fixtures.js';

export const REPO = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function rename(text: string, names: ReadonlyMap<string, string>): string {
  const docs = parseAllDocuments(text, { schema: 'core' });
  for (const doc of docs) {
    if ('empty' in doc) continue;
    visit(doc, {
      Pair(_, pair) {
        if (!isScalar(pair.key)) return;
        if (pair.key.value === 'namespace' && isScalar(pair.value) && names.has(String(pair.value.value))) {
          pair.value.value = names.get(String(pair.value.value));
        }
        if (pair.key.value === 'namespaces' && isSeq(pair.value)) {
          for (const item of pair.value.items) if (isScalar(item) && names.has(String(item.value))) item.value = names.get(String(item.value));
        }
      },
    });
    if (doc.get('kind') === 'Peer') {
      const gateways = names.get('istio-system');
      for (const key of ['eastWest', 'ingress']) {
        if (gateways && !doc.hasIn(['spec', key, 'namespace'])) {
          if (!isMap(doc.getIn(['spec', key]))) doc.setIn(['spec', key], doc.createNode({}));
          doc.setIn(['spec', key, 'namespace'], gateways);
        }
      }
    }
  }
  return docs.map((d) => d.toString()).join('');
}

export interface IsolatedFederation {
  /** The folder holding `federation/` (the CLI's cwd). */
  readonly cwd: string;
  /** The federation folder. */
  readonly dir: string;
  /** Original namespace name -> this copy's namespace (created in the API server). */
  readonly namespaces: ReadonlyMap<string, string>;
  /** Remove a file of the copy (relative to the federation folder), e.g. to drop a peer's intents. */
  remove(file: string): void;
  /** Remove one intent (by kind and name) from whichever file of the copy holds it; comments elsewhere stay. */
  removeIntent(kind: string, name: string): void;
  /** Peer -> its istiod namespace (spec.istio.namespace), holding ConfigMaps istio and istio-ca-root-cert. */
  readonly istioNamespaces: ReadonlyMap<string, string>;
  /** Replace a ConfigMap's data in a peer's istiod namespace, as istiod (field manager pilot-discovery) would. */
  setIstioConfigMap(peer: string, name: string, data: Record<string, string>): Promise<void>;
}

/** Give each peer of the copy its own istiod namespace, set spec.istio.namespace, and name the test root in federation.yaml. */
async function pointAtOwnIstiod(env: KubeEnv, dir: string): Promise<Map<string, string>> {
  const istio = new Map<string, string>();
  for (const file of yamlFiles(dir)) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'), { schema: 'core' });
    let changed = false;
    for (const doc of docs) {
      if ('empty' in doc) continue;
      if (doc.get('kind') === 'Peer') {
        const peer = String(doc.getIn(['metadata', 'name']));
        const ns = await env.namespace(`istio-${peer}`.slice(0, 40));
        istio.set(peer, ns);
        doc.setIn(['spec', 'istio', 'namespace'], ns);
        changed = true;
      }
      if (doc.get('kind') === 'Federation') {
        doc.setIn(['spec', 'rootCA', 'fingerprint'], `sha256 Fingerprint=${SHARED_ROOT_FINGERPRINT}`);
        changed = true;
      }
    }
    if (changed) writeFileSync(file, docs.map((d) => d.toString()).join(''));
  }
  return istio;
}

/**
 * Copy `source` (a federation folder) into a scratch folder, rename each namespace in `namespaces` to a fresh
 * one created in the API server, and return the copy. Namespaces in `missing` are renamed to fresh names
 * that are NOT created (to see what the runner does without them).
 */
export async function isolatedFederation(
  env: KubeEnv,
  source: string,
  namespaces: readonly string[],
  missing: readonly string[] = [],
): Promise<IsolatedFederation> {
  const cwd = env.scratch();
  const dir = join(cwd, 'federation');
  cpSync(source, dir, { recursive: true });
  const names = new Map<string, string>();
  for (const ns of namespaces) names.set(ns, await env.namespace(ns.slice(0, 40)));
  for (const ns of missing) names.set(ns, `${ns.slice(0, 40)}-missing-${randomBytes(4).toString('hex')}`);
  for (const file of yamlFiles(dir)) writeFileSync(file, rename(readFileSync(file, 'utf8'), names));
  const istioNamespaces = await pointAtOwnIstiod(env, dir);
  const setIstioConfigMap = async (peer: string, name: string, data: Record<string, string>) => {
    const ns = istioNamespaces.get(peer);
    if (ns === undefined) throw new Error(`no peer ${peer} in ${dir}`);
    const path = `/api/v1/namespaces/${ns}/configmaps/${name}`;
    await serverSideApply(env.admin(), path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data }, 'pilot-discovery');
  };
  const compiled = await compileDirectory({ repoDir: cwd, root: 'federation' });
  for (const peer of istioNamespaces.keys()) {
    const req = meshRequirements(compiled.model, peer);
    if (req === undefined) continue;
    await setIstioConfigMap(peer, 'istio', { mesh: meshTextFromFragment(req) });
    await setIstioConfigMap(peer, 'istio-ca-root-cert', { 'root-cert.pem': SHARED_ROOT_PEM });
  }
  const removeIntent = (kind: string, name: string) => {
    let found = 0;
    for (const file of yamlFiles(dir)) {
      const docs = parseAllDocuments(readFileSync(file, 'utf8'), { schema: 'core' });
      const kept = docs.filter((d) => 'empty' in d || !(d.get('kind') === kind && d.getIn(['metadata', 'name']) === name));
      if (kept.length === docs.length) continue;
      found += docs.length - kept.length;
      writeFileSync(file, kept.map((d) => d.toString()).join(''));
    }
    if (found !== 1) throw new Error(`${kind} ${name} is in ${found} documents of ${dir}, expected 1`);
  };
  return { cwd, dir, namespaces: names, remove: (file) => rmSync(join(dir, file)), removeIntent, istioNamespaces, setIstioConfigMap };
}

