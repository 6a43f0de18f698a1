/**
 * A fake Kubernetes API server (transport-agnostic: `handle(method, uri, body, headers)`), modelling what meshfed relies on:
 * discovery, GET/LIST (label selectors), JSON Patch test/remove, server-side apply (content type, fieldManager, dryRun=All, force,
 * 409 conflicts naming the other manager, 422 with causes, 404 for a missing namespace), DELETE with a uid
 * precondition, bearer-token auth, and injected faults (429 + Retry-After, 5xx, connection resets).
 * fake-kube-api-server.ts serves it through nock (tests); bench/apply-bench.ts through a local HTTP server.
 */
import { isPlainObject } from '../../src/core/load/describe-value.js';
import { getPath, type FieldPath } from '../../src/core/apply/field-paths.js';
import { deletePath, managedFields, serverSideApply, update, type Ownership, type StoredObject } from './fake-ssa.js';

export const FAKE_SERVER = 'https://k8s.test:6443';
export const FAKE_TOKEN = 'meshfed-test-token';

interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  plural: string;
}

const RESOURCES: ResourceDef[] = [
  ...['DestinationRule', 'Gateway', 'ServiceEntry', 'VirtualService', 'WorkloadEntry'].map((kind) => ({
    group: 'networking.istio.io',
    version: 'v1',
    kind,
    plural: kind.endsWith('Entry') ? `${kind.toLowerCase().slice(0, -1)}ies` : `${kind.toLowerCase()}s`,
  })),
  { group: 'security.istio.io', version: 'v1', kind: 'AuthorizationPolicy', plural: 'authorizationpolicies' },
  { group: 'security.istio.io', version: 'v1', kind: 'PeerAuthentication', plural: 'peerauthentications' },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps' },
];

/** `reset`: the connection drops before the server acts; `reset-after`: it acts, then the answer is lost. */
export type FaultReply = 'reset' | 'reset-after' | { status: number; headers?: Record<string, string>; body?: unknown; /** Answer this late (for timeouts). */ delayMs?: number };
export interface Fault {
  method: 'GET' | 'PATCH' | 'DELETE';
  /** Substring of the request path. */
  path?: string;
  /** Only dry-run (true) or only real (false) requests. */
  dryRun?: boolean;
  times?: number;
  reply: FaultReply;
}

export interface RequestRecord {
  method: string;
  path: string;
  dryRun: boolean;
  status: number | 'reset';
  /** The request's Content-Type and query parameters (`fieldValidation`, `fieldManager`, `force`, ...). */
  contentType?: string | undefined;
  query?: Record<string, string>;
}

type Validator = (kind: string, body: Record<string, unknown>) => { field: string; reason: string; message: string }[];

/** Like an Istio CRD's schema: a DestinationRule needs spec.host, a VirtualService spec.hosts. */
export const istioLikeValidator: Validator = (kind, body) => {
  const spec = isPlainObject(body.spec) ? body.spec : undefined;
  if (kind === 'ConfigMap') return [];
  if (!spec) return [{ field: 'spec', reason: 'FieldValueRequired', message: 'Required value' }];
  if (kind === 'DestinationRule' && (typeof spec.host !== 'string' || spec.host === '')) {
    return [{ field: 'spec.host', reason: 'FieldValueRequired', message: 'Required value' }];
  }
  if (kind === 'VirtualService' && spec.hosts !== undefined && !Array.isArray(spec.hosts)) {
    return [{ field: 'spec.hosts', reason: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec.hosts in body must be of type array' }];
  }
  return [];
};

function status(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export class FakeKubeApi {
  readonly objects = new Map<string, StoredObject>();
  readonly requests: RequestRecord[] = [];
  /** When set, only these namespaces exist (applying elsewhere is a 404, like a real cluster). */
  namespaces: Set<string> | undefined;
  validator: Validator = istioLikeValidator;
  /** RBAC: when set, every request is authorized through it (403 otherwise), like the API server's authorizer. */
  authorizer: ((a: { verb: string; group: string; resource: string; namespace: string; name?: string }) => boolean) | undefined;
  /** Kinds the cluster does not serve (CRD not installed). */
  readonly unserved = new Set<string>();
  private readonly faults: (Fault & { left: number })[] = [];
  private rv = 1000;
  private uid = 0;

  /** Injected faults not triggered yet. */
  unusedFaults(): Fault[] {
    return this.faults.filter((f) => f.left > 0);
  }

  inject(fault: Fault): this {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  /** Requests that could persist something (apply or delete without dryRun). */
  get writes(): RequestRecord[] {
    return this.requests.filter((r) => (r.method === 'PATCH' || r.method === 'DELETE') && !r.dryRun);
  }

  get dryRuns(): RequestRecord[] {
    return this.requests.filter((r) => r.dryRun);
  }

  /** Store an object as if `manager` had server-side applied it. */
  seed(body: Record<string, unknown>, manager = 'meshfed', operation: Ownership['operation'] = 'Apply'): StoredObject {
    const def = this.def(String(body.apiVersion), String(body.kind));
    const meta = body.metadata as { name: string; namespace: string };
    const r = serverSideApply(undefined, body, manager, String(body.apiVersion), false);
    if ('conflicts' in r) throw new Error('unreachable');
    const o: StoredObject = {
      apiVersion: String(body.apiVersion),
      kind: String(body.kind),
      name: meta.name,
      namespace: meta.namespace,
      uid: `uid-${++this.uid}`,
      resourceVersion: String(++this.rv),
      generation: 1,
      view: r.view,
      owners: r.owners.map((x) => ({ ...x, operation })),
    };
    this.objects.set(this.storeKey(def, o.namespace, o.name), o);
    return o;
  }

  /** Someone else edits the object (kubectl edit, another controller): a plain update by `manager`. */
  edit(kind: string, namespace: string, name: string, mutate: (view: Record<string, unknown>) => void, manager = 'kubectl-edit'): void {
    const o = this.find(kind, namespace, name);
    if (!o) throw new Error(`no ${kind} ${namespace}/${name}`);
    if (update(o, mutate, manager)) o.resourceVersion = String(++this.rv);
  }

  find(kind: string, namespace: string, name: string): StoredObject | undefined {
    return [...this.objects.values()].find((o) => o.kind === kind && o.namespace === namespace && o.name === name);
  }

  resourceVersions(): Record<string, string> {
    return Object.fromEntries([...this.objects.entries()].map(([k, o]) => [k, o.resourceVersion]).sort());
  }

  private def(apiVersion: string, kind: string): ResourceDef {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const d = RESOURCES.find((r) => r.group === group && r.version === version && r.kind === kind);
    if (!d) throw new Error(`fake server does not know ${kind} ${apiVersion}`);
    return d;
  }

  private storeKey(d: ResourceDef, ns: string, name: string): string {
    return `${d.group || 'core'}/${d.plural}/${ns}/${name}`;
  }

  private toJson(o: StoredObject): Record<string, unknown> {
    const meta = isPlainObject(o.view.metadata) ? o.view.metadata : {};
    const body = { ...o.view };
    delete body.metadata;
    return {
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata: {
        name: o.name,
        namespace: o.namespace,
        uid: o.uid,
        resourceVersion: o.resourceVersion,
        generation: o.generation,
        creationTimestamp: '2025-01-01T00:00:00Z',
        ...meta,
        managedFields: managedFields(o.owners),
      },
      ...body,
    };
  }

  handle(
    method: string,
    uri: string,
    rawBody: unknown,
    headers: Record<string, string | string[] | undefined>,
  ): 'reset' | { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number } {
    const url = new URL(uri, FAKE_SERVER);
    const dryRun = url.searchParams.get('dryRun') === 'All';
    const fault = this.faults.find(
      (f) => f.left > 0 && f.method === method && (f.path === undefined || url.pathname.includes(f.path)) && (f.dryRun === undefined || f.dryRun === dryRun),
    );
    const contentType = headers['content-type'];
    const record: RequestRecord = {
      method,
      path: url.pathname,
      dryRun,
      status: 0,
      contentType: Array.isArray(contentType) ? contentType[0] : contentType,
      query: Object.fromEntries(url.searchParams),
    };
    this.requests.push(record);
    if (fault) {
      fault.left--;
      if (fault.reply === 'reset' || fault.reply === 'reset-after') {
        if (fault.reply === 'reset-after') this.route(method, url, rawBody, headers, dryRun);
        record.status = 'reset';
        return 'reset';
      }
      record.status = fault.reply.status;
      if (fault.reply.delayMs) {
        // A slow answer: the client gives up before it arrives; the answer is the normal one.
        return { ...this.route(method, url, rawBody, headers, dryRun), delayMs: fault.reply.delayMs };
      }
      return { status: fault.reply.status, body: fault.reply.body ?? status(fault.reply.status, 'InternalError', 'injected'), headers: fault.reply.headers ?? {} };
    }
    const reply = this.route(method, url, rawBody, headers, dryRun);
    record.status = reply.status;
    return reply;
  }

  private route(method: string, url: URL, rawBody: unknown, headers: Record<string, string | string[] | undefined>, dryRun: boolean) {
    if (headers.authorization !== `Bearer ${FAKE_TOKEN}`) return { status: 401, body: status(401, 'Unauthorized', 'Unauthorized') };
    const parts = url.pathname.split('/').filter(Boolean);
    const [root] = parts;
    const group = root === 'api' ? '' : parts[1] ?? '';
    const version = root === 'api' ? parts[1] : parts[2];
    const rest = parts.slice(root === 'api' ? 2 : 3);
    const served = RESOURCES.filter((r) => r.group === group && r.version === version && !this.unserved.has(r.kind));
    if (rest.length === 0 && method === 'GET') {
      if (served.length === 0) return { status: 404, body: status(404, 'NotFound', 'the server could not find the requested resource') };
      return {
        status: 200,
        body: {
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion: group ? `${group}/${version}` : version,
          resources: served.map((r) => ({ name: r.plural, singularName: r.kind.toLowerCase(), namespaced: true, kind: r.kind, verbs: ['delete', 'get', 'list', 'patch', 'create'] })),
        },
      };
    }
    const [nsWord, ns, plural, name] = rest;
    const def = served.find((r) => r.plural === plural);
    if (nsWord !== 'namespaces' || !ns || !def) return { status: 404, body: status(404, 'NotFound', 'the server could not find the requested resource') };
    const key = name ? this.storeKey(def, ns, name) : '';
    const existing = name ? this.objects.get(key) : undefined;
    const resourceName = `${def.plural}${def.group ? `.${def.group}` : ''}`;
    if (this.authorizer) {
      // Server-side apply of an object that does not exist yet is also authorized as create (kubernetes#66002).
      const verbs = method === 'GET' ? [name ? 'get' : 'list'] : method === 'DELETE' ? ['delete'] : existing ? ['patch'] : ['patch', 'create'];
      const denied = verbs.find((verb) => !this.authorizer?.({ verb, group: def.group, resource: def.plural, namespace: ns, ...(name ? { name } : {}) }));
      if (denied) {
        return {
          status: 403,
          body: status(403, 'Forbidden', `${resourceName}${name ? ` "${name}"` : ''} is forbidden: User "system:serviceaccount:meshfed-system:meshfed-runner" cannot ${denied} resource "${def.plural}" in API group "${def.group}" in the namespace "${ns}"`),
        };
      }
    }
    if (method === 'GET' && name === undefined) return this.list(def, ns, url.searchParams.get('labelSelector') ?? '', url.searchParams);
    if (!name) return { status: 405, body: status(405, 'MethodNotAllowed', 'method not allowed') };
    if (method === 'GET') {
      return existing ? { status: 200, body: this.toJson(existing) } : { status: 404, body: status(404, 'NotFound', `${resourceName} "${name}" not found`, { name, group: def.group, kind: def.plural }) };
    }
    if (method === 'DELETE') return this.remove(def, key, existing, rawBody, dryRun, resourceName, name);
    return this.apply(def, ns, name, key, existing, rawBody, headers, url, dryRun);
  }

  private list(def: ResourceDef, ns: string, selector: string, params: URLSearchParams) {
    const wanted = selector
      .split(',')
      .filter(Boolean)
      .map((s) => s.split('=') as [string, string]);
    const items = [...this.objects.values()]
      .filter((o) => o.kind === def.kind && o.namespace === ns)
      .filter((o) => {
        const labels = (isPlainObject(o.view.metadata) && isPlainObject(o.view.metadata.labels) ? o.view.metadata.labels : {}) as Record<string, string>;
        return wanted.every(([k, v]) => labels[k] === v);
      })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((o) => this.toJson(o));
    // Like the API server: pages only when the client sends `limit`, with a `continue` token for the rest.
    const limit = Number(params.get('limit') ?? Infinity);
    const start = Number(params.get('continue') ?? 0);
    const page = items.slice(start, start + limit);
    const next = start + limit < items.length ? String(start + limit) : undefined;
    return {
      status: 200,
      body: {
        apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
        kind: `${def.kind}List`,
        metadata: { resourceVersion: String(this.rv), ...(next ? { continue: next } : {}) },
        items: page,
      },
    };
  }

  private remove(def: ResourceDef, key: string, existing: StoredObject | undefined, rawBody: unknown, dryRun: boolean, resourceName: string, name: string) {
    if (!existing) return { status: 404, body: status(404, 'NotFound', `${resourceName} "${name}" not found`) };
    const body = typeof rawBody === 'string' && rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : (rawBody as Record<string, unknown> | undefined);
    const uid = isPlainObject(body?.preconditions) ? body.preconditions.uid : undefined;
    if (uid !== undefined && uid !== existing.uid) {
      return {
        status: 409,
        body: status(409, 'Conflict', `Operation cannot be fulfilled on ${resourceName} "${name}": Precondition failed: UID in precondition: ${String(uid)}, UID in object meta: ${existing.uid}`),
      };
    }
    if (!dryRun) this.objects.delete(key);
    return { status: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: def.group, kind: def.plural, uid: existing.uid } } };
  }

  /** JSON Patch (RFC 6902) with the two operations meshfed sends: `test` (of /metadata/resourceVersion) and `remove`. */
  private jsonPatch(def: ResourceDef, name: string, existing: StoredObject | undefined, rawBody: unknown, url: URL, dryRun: boolean) {
    const resourceName = `${def.plural}${def.group ? `.${def.group}` : ''}`;
    if (!existing) return { status: 404, body: status(404, 'NotFound', `${resourceName} "${name}" not found`) };
    const ops = (typeof rawBody === 'string' ? JSON.parse(rawBody) : rawBody) as { op: string; path: string; value?: unknown }[];
    // The API server's answer to a failed `test` or a `remove` of a missing path: 422 without details.
    const rejected = { status: 422, body: status(422, 'Invalid', 'the server rejected our request due to an error in our request') };
    const next = structuredClone(existing);
    const removed: FieldPath[] = [];
    for (const op of ops) {
      const path = op.path.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
      if (op.op === 'test') {
        if (op.path !== '/metadata/resourceVersion' || op.value !== existing.resourceVersion) return rejected;
      } else if (op.op === 'remove') {
        if (getPath(next.view, path) === undefined) return rejected;
        removed.push(path);
      } else {
        return { status: 400, body: status(400, 'BadRequest', `the fake supports only test and remove, not ${op.op}`) };
      }
    }
    const changed = update(next, (view) => removed.forEach((p) => deletePath(view, p)), url.searchParams.get('fieldManager') ?? 'unknown');
    if (changed) {
      next.resourceVersion = String(this.rv + 1);
      next.generation += 1;
    }
    if (!dryRun && changed) {
      this.rv++;
      this.objects.set(this.storeKey(def, next.namespace, next.name), next);
    }
    return { status: 200, body: this.toJson(next) };
  }

  private apply(
    def: ResourceDef,
    ns: string,
    name: string,
    key: string,
    existing: StoredObject | undefined,
    rawBody: unknown,
    headers: Record<string, string | string[] | undefined>,
    url: URL,
    dryRun: boolean,
  ) {
    if (headers['content-type'] === 'application/json-patch+json') return this.jsonPatch(def, name, existing, rawBody, url, dryRun);
    if (headers['content-type'] !== 'application/apply-patch+yaml') {
      return { status: 415, body: status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`) };
    }
    const dryRunParam = url.searchParams.get('dryRun');
    if (dryRunParam !== null && dryRunParam !== 'All') return { status: 400, body: status(400, 'BadRequest', `Invalid dry run value: ${dryRunParam}`) };
    const manager = url.searchParams.get('fieldManager');
    if (!manager) {
      return { status: 422, body: status(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch') };
    }
    const forceParam = url.searchParams.get('force');
    const body = (typeof rawBody === 'string' ? JSON.parse(rawBody) : rawBody) as Record<string, unknown>;
    const meta = isPlainObject(body.metadata) ? body.metadata : {};
    const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    if (body.apiVersion !== apiVersion || body.kind !== def.kind || meta.name !== name || (meta.namespace !== undefined && meta.namespace !== ns)) {
      return { status: 400, body: status(400, 'BadRequest', 'the body does not match the request path (apiVersion, kind, name or namespace)') };
    }
    if (this.namespaces && !this.namespaces.has(ns)) {
      return { status: 404, body: status(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' }) };
    }
    const causes = this.validator(def.kind, body);
    if (causes.length > 0) {
      const what = `${def.kind}${def.group ? `.${def.group}` : ''} "${name}"`;
      return {
        status: 422,
        body: status(422, 'Invalid', `${what} is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name, group: def.group, kind: def.kind, causes }),
      };
    }
    const r = serverSideApply(existing, body, manager, apiVersion, forceParam === 'true');
    if ('conflicts' in r) {
      const n = r.conflicts.length;
      const managers = [...new Set(r.conflicts.map((c) => c.manager))];
      const message =
        n === 1
          ? `Apply failed with 1 conflict: conflict with "${r.conflicts[0]?.manager}" using ${apiVersion}: ${r.conflicts[0]?.field}`
          : `Apply failed with ${n} conflicts: ${managers.map((m) => `conflicts with "${m}" using ${apiVersion}:\n${r.conflicts.filter((c) => c.manager === m).map((c) => `- ${c.field}`).join('\n')}`).join('\n')}`;
      return {
        status: 409,
        body: status(409, 'Conflict', message, {
          causes: r.conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${apiVersion}`, field: c.field })),
        }),
      };
    }
    const next: StoredObject = existing
      ? {
          ...existing,
          view: r.view,
          owners: r.owners,
          resourceVersion: r.changed ? String(this.rv + 1) : existing.resourceVersion,
          generation: r.specChanged ? existing.generation + 1 : existing.generation,
        }
      : { apiVersion, kind: def.kind, name, namespace: ns, uid: `uid-${this.uid + 1}`, resourceVersion: String(this.rv + 1), generation: 1, view: r.view, owners: r.owners };
    if (!dryRun) {
      if (r.changed) this.rv++;
      if (!existing) this.uid++;
      this.objects.set(key, next);
    }
    return { status: existing ? 200 : 201, body: this.toJson(next) };
  }
}
