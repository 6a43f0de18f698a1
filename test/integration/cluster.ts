/** Reading and arranging the test cluster as an admin or another tool, never through meshfed's client. */
import { main } from '../../src/commands/main.js';
import { bufferPrinter } from '../../src/commands/print.js';
import { kubeCall, type KubeCredentials, type KubeObject } from '../envtest/kube-http.js';

/** Plural resource of each kind meshfed renders (the REST path segment). */
export const RESOURCES: Readonly<Record<string, { group: string; plural: string }>> = {
  DestinationRule: { group: 'networking.istio.io', plural: 'destinationrules' },
  Gateway: { group: 'networking.istio.io', plural: 'gateways' },
  ServiceEntry: { group: 'networking.istio.io', plural: 'serviceentries' },
  VirtualService: { group: 'networking.istio.io', plural: 'virtualservices' },
  WorkloadEntry: { group: 'networking.istio.io', plural: 'workloadentries' },
  AuthorizationPolicy: { group: 'security.istio.io', plural: 'authorizationpolicies' },
  PeerAuthentication: { group: 'security.istio.io', plural: 'peerauthentications' },
};

/** The REST path of an object (or, without a name, of its collection). */
export function objectPath(apiVersion: string, kind: string, namespace: string, name?: string): string {
  if (kind === 'ConfigMap') return `/api/v1/namespaces/${namespace}/configmaps${name ? `/${name}` : ''}`;
  const r = RESOURCES[kind];
  if (!r) throw new Error(`no resource known for kind ${kind}`);
  return `/apis/${apiVersion}/namespaces/${namespace}/${r.plural}${name ? `/${name}` : ''}`;
}

/** Every Istio object of the kinds meshfed renders in these namespaces, `Kind namespace/name` -> object. */
export async function istioObjects(admin: KubeCredentials, namespaces: Iterable<string>): Promise<Map<string, KubeObject>> {
  const out = new Map<string, KubeObject>();
  for (const ns of namespaces) {
    for (const [kind, r] of Object.entries(RESOURCES)) {
      const list = (await kubeCall(admin, 'GET', `/apis/${r.group}/v1/namespaces/${ns}/${r.plural}`)) as unknown as { items: KubeObject[] };
      for (const o of list.items) out.set(`${kind} ${ns}/${o.metadata.name}`, o);
    }
  }
  return out;
}

export function resourceVersions(objects: ReadonlyMap<string, KubeObject>): Map<string, string | undefined> {
  return new Map([...objects].map(([k, o]) => [k, o.metadata.resourceVersion]));
}

/** The production CLI (`meshfed ...` as bin/meshfed.js runs it), in `cwd`, with an empty environment. */
export async function meshfed(argv: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const printer = bufferPrinter();
  const code = await main(argv, { cwd, printer, env: {} });
  return { code, stdout: printer.stdout.join('\n'), stderr: printer.stderr.join('\n') };
}
