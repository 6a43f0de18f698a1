import { parseDocument } from 'yaml';

/**
 * The parts of Istio's MeshConfig (istio/api mesh/v1alpha1/config.proto) the preflight reads, after istiod's
 * defaults (istio/istio pkg/config/mesh/mesh.go, DefaultMeshConfig and ApplyMeshConfig: fields the YAML sets
 * replace the defaults; `trustDomain` defaults to `cluster.local`, `rootNamespace` to `istio-system`).
 */
export interface IstioMeshConfig {
  readonly trustDomain: string;
  readonly trustDomainAliases: readonly string[];
  readonly caCertificates: readonly {
    readonly trustDomains: readonly string[];
    readonly hasPem: boolean;
    readonly certSigners: readonly string[];
  }[];
  /** defaultConfig.meshId (values.global.meshID); undefined when unset, and Istio then uses the trust domain. */
  readonly meshId: string | undefined;
  readonly rootNamespace: string;
}

export type ParsedMeshConfig = { readonly ok: true; readonly config: IstioMeshConfig } | { readonly ok: false; readonly error: string };

const DEFAULT_TRUST_DOMAIN = 'cluster.local';
const DEFAULT_ROOT_NAMESPACE = 'istio-system';

/**
 * Parse the `mesh` key of ConfigMap `istio` (or `istio-<revision>`). istiod reads it with protobuf's JSON
 * mapping (pkg/util/protomarshal ApplyYAML), which accepts a field's JSON name and its proto name: both
 * `trustDomain` and `trust_domain`. An absent or empty text is Istio's default mesh config.
 */
export function parseIstioMeshConfig(text: string | undefined): ParsedMeshConfig {
  let raw: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    const doc = parseDocument(text, { schema: 'core', merge: false, uniqueKeys: true, strict: true, logLevel: 'silent', prettyErrors: false });
    const error = doc.errors[0];
    if (error !== undefined) return { ok: false, error: `it is not valid YAML (${error.message.split('\n')[0]})` };
    raw = doc.toJS({ maxAliasCount: 100 });
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'it is not a YAML mapping' };
  const m = raw as Record<string, unknown>;
  const field = (o: Record<string, unknown>, json: string, proto: string): unknown => (json in o ? o[json] : o[proto]);
  const strings = (v: unknown, what: string): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`${what} is not a list of strings`);
    return v as string[];
  };
  try {
    const td = field(m, 'trustDomain', 'trust_domain');
    if (td !== undefined && td !== null && typeof td !== 'string') throw new Error('trustDomain is not a string');
    const rootNs = field(m, 'rootNamespace', 'root_namespace');
    const certs = field(m, 'caCertificates', 'ca_certificates');
    if (certs !== undefined && certs !== null && !Array.isArray(certs)) throw new Error('caCertificates is not a list');
    const caCertificates = ((certs as unknown[] | null | undefined) ?? []).map((c, i) => {
      if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new Error(`caCertificates[${i}] is not a mapping`);
      const entry = c as Record<string, unknown>;
      return {
        trustDomains: strings(field(entry, 'trustDomains', 'trust_domains'), `caCertificates[${i}].trustDomains`),
        hasPem: typeof entry.pem === 'string' && entry.pem.trim() !== '',
        certSigners: strings(field(entry, 'certSigners', 'cert_signers'), `caCertificates[${i}].certSigners`),
      };
    });
    const defaults = field(m, 'defaultConfig', 'default_config');
    const meshIdRaw = defaults !== null && typeof defaults === 'object' ? field(defaults as Record<string, unknown>, 'meshId', 'mesh_id') : undefined;
    return {
      ok: true,
      config: {
        trustDomain: typeof td === 'string' && td !== '' ? td : DEFAULT_TRUST_DOMAIN,
        trustDomainAliases: strings(field(m, 'trustDomainAliases', 'trust_domain_aliases'), 'trustDomainAliases'),
        caCertificates,
        meshId: typeof meshIdRaw === 'string' && meshIdRaw !== '' ? meshIdRaw : undefined,
        rootNamespace: typeof rootNs === 'string' && rootNs !== '' ? rootNs : DEFAULT_ROOT_NAMESPACE,
      },
    };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * The trust domains an inbound mTLS handshake accepts: the mesh's own, its aliases and every
 * `caCertificates[].trustDomains` entry, in that order, without duplicates or empty strings. A port of istio/istio
 * pilot/pkg/networking/plugin/authn/util.go, TrustDomainsForValidation (its cases are Istio's util_test.go
 * TestTrustDomainsForValidation, see test/core/mesh/istio-mesh-config.test.ts). Istio returns nothing, i.e.
 * accepts every domain, when istiod runs with PILOT_SKIP_VALIDATE_TRUST_DOMAIN=true: an environment variable of
 * istiod that the preflight cannot see, so it assumes the default (false).
 */
export function trustDomainsForValidation(config: Pick<IstioMeshConfig, 'trustDomain' | 'trustDomainAliases' | 'caCertificates'>): string[] {
  const all = [config.trustDomain, ...config.trustDomainAliases, ...config.caCertificates.flatMap((c) => c.trustDomains)];
  return [...new Set(all.filter((td) => td !== ''))];
}
