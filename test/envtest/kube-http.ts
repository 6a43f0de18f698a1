/**
 * A minimal HTTPS client for the test control plane: what a test does *to* the cluster as someone other than
 * meshfed (an admin creating namespaces and RBAC, `kubectl edit`, another field manager). Deliberately not
 * the production Kubernetes client, so the code under test is never also the code checking it.
 */
import { Agent, request } from 'node:https';

export interface KubeCredentials {
  readonly server: string;
  readonly ca: string;
  /** Client certificate and key, or a bearer token. */
  readonly cert?: string;
  readonly key?: string;
  readonly token?: string;
}

export interface KubeResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type KubeObject = Record<string, unknown> & {
  metadata: Record<string, unknown> & { name: string; namespace?: string; resourceVersion?: string; managedFields?: unknown[] };
};

/** One keep-alive agent per credentials: a fresh TLS handshake per request costs ~40 ms on 2 cores. */
const agents = new WeakMap<KubeCredentials, Agent>();
function agentFor(creds: KubeCredentials): Agent {
  let agent = agents.get(creds);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 8, ca: creds.ca, ...(creds.cert ? { cert: creds.cert, key: creds.key } : {}) });
    agents.set(creds, agent);
  }
  return agent;
}

export async function kubeRequest(
  creds: KubeCredentials,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
  timeoutMs = 30_000,
): Promise<KubeResponse> {
  const url = new URL(path, creds.server);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: agentFor(creds),
        headers: {
          accept: 'application/json',
          ...(payload !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}),
          ...(creds.token ? { authorization: `Bearer ${creds.token}` } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON (e.g. /readyz): keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Like kubeRequest, but throws unless the status is 2xx; returns the body. */
export async function kubeCall(creds: KubeCredentials, method: string, path: string, body?: unknown, contentType?: string): Promise<KubeObject> {
  const r = await kubeRequest(creds, method, path, body, contentType);
  if (r.status < 200 || r.status > 299) {
    throw new Error(`${method} ${path}: HTTP ${r.status}: ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`);
  }
  return r.body as KubeObject;
}

/** Server-side apply as `manager` (forced: the fixture's own objects are its alone). */
export function serverSideApply(creds: KubeCredentials, path: string, object: unknown, manager: string, force = true): Promise<KubeObject> {
  const query = `fieldManager=${encodeURIComponent(manager)}&fieldValidation=Strict${force ? '&force=true' : ''}`;
  return kubeCall(creds, 'PATCH', `${path}?${query}`, object, 'application/apply-patch+yaml');
}
