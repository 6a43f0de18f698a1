import { KubeConfig } from '@kubernetes/client-node';
import { peerScope, type PeerScope } from '../../src/core/apply/peer-scope.js';
import {
  ANNOTATION_SOURCE,
  LABEL_INTENT,
  LABEL_INTENT_KIND,
  LABEL_MANAGED_BY,
  LABEL_PEER,
  MANAGED_BY_VALUE,
  type RenderedObject,
} from '../../src/core/render/rendered-object.js';
import { createKubeApi } from '../../src/adapters/kubernetes/kube-client.js';
import type { KubeApi } from '../../src/adapters/kubernetes/kube-api.js';
import { DEFAULT_RETRY_POLICY } from '../../src/adapters/kubernetes/retry.js';
import { FAKE_SERVER, FAKE_TOKEN } from './fake-kube-api-server.js';

export const KUBECONFIG_YAML = `apiVersion: v1
kind: Config
clusters:
  - name: alpha
    cluster:
      server: ${FAKE_SERVER}
      insecure-skip-tls-verify: true
users:
  - name: meshfed-runner
    user:
      token: ${FAKE_TOKEN}
contexts:
  - name: alpha
    context:
      cluster: alpha
      user: meshfed-runner
current-context: alpha
`;

export function testKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(KUBECONFIG_YAML);
  return kc;
}

/** A KubeApi against the fake server whose retries do not wait: the delays are recorded instead. */
export function testKubeApi(options: { timeoutMs?: number } = {}): { api: KubeApi; delays: number[] } {
  const delays: number[] = [];
  const api = createKubeApi(testKubeConfig(), {
    fieldManager: 'meshfed',
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    retry: { ...DEFAULT_RETRY_POLICY, sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
  });
  return { api, delays };
}

export const ALPHA: PeerScope = peerScope('alpha', ['demo', 'istio-system'], 'istio-system');

export function labels(peer = 'alpha'): Record<string, string> {
  return {
    [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
    [LABEL_PEER]: peer,
    [LABEL_INTENT_KIND]: 'ServiceImport',
    [LABEL_INTENT]: `${peer}.echo`,
  };
}

export function destinationRule(name: string, host: string, options: { namespace?: string; peer?: string; maxConnections?: number } = {}): RenderedObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: {
      name,
      namespace: options.namespace ?? 'demo',
      labels: labels(options.peer),
      annotations: { [ANNOTATION_SOURCE]: `federation/peers/${options.peer ?? 'alpha'}/echo.yaml` },
    },
    spec: {
      host,
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: options.maxConnections ?? 100 } },
        tls: { mode: 'ISTIO_MUTUAL' },
      },
    },
  };
}

export function serviceEntry(name: string, hosts: string[], namespace = 'demo'): RenderedObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name, namespace, labels: labels(), annotations: {} },
    spec: { hosts, location: 'MESH_INTERNAL', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], resolution: 'STATIC' },
  };
}

/** The body a rendered object is applied with (what `seed` expects). */
export function body(o: RenderedObject): Record<string, unknown> {
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: { ...o.metadata }, spec: structuredClone(o.spec) };
}
