import { formatDiagnostic, type Diagnostic } from '../../../src/core/diagnostics.js';
import { compileFederation } from '../../../src/core/pipeline.js';
import type { SourceFile } from '../../../src/core/source-file.js';

/**
 * A small valid federation as in-memory files with fixed line layouts, so table-driven tests can override one
 * file and expect diagnostics at exact `file:line:col` positions. alpha exports echo to beta, beta bursts into it.
 */
export const FINGERPRINT =
  'SHA256:3F:9A:12:C4:7B:E0:55:91:AB:6D:2E:08:F1:C3:7A:94:0B:5E:D2:66:13:8F:A7:4C:E9:21:B0:5D:3A:C8:7F:16';

/** Strips the common indentation of a template literal and its first newline. */
export function y(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n').replace(/\s+$/, '\n');
}

export interface PeerOptions {
  owners?: string;
  trustDomain?: string;
  network?: string;
  clusterID?: string;
  address?: string;
  version?: string;
  namespaces?: string;
  name?: string;
}

/**
 * A Peer with a fixed layout. Positions (line:col of the value): owners 6:11, trustDomain 7:16, network 8:12,
 * clusterID 9:14, locality 10:13, eastWest.address 12:14, istio.version 14:14, namespaces 15:15.
 */
/** A documentation-range IP per folder: burst and failover need providers with IP gateway addresses. */
export function defaultAddress(folder: string): string {
  let h = 0;
  for (const c of folder) h = (h * 31 + c.charCodeAt(0)) % 240;
  return `203.0.113.${h + 10}`;
}

export function peerYaml(folder: string, o: PeerOptions = {}): string {
  return y`
    apiVersion: meshfed.io/v1alpha1
    kind: Peer
    metadata:
      name: ${o.name ?? folder}
    spec:
      owners: ${o.owners ?? `["@${folder}-org/mesh-admins"]`}
      trustDomain: ${o.trustDomain ?? `${folder}.example.org`}
      network: ${o.network ?? `${folder}-net`}
      clusterID: ${o.clusterID ?? `${folder}-1`}
      locality: {region: eu-west1, zone: eu-west1-b}
      eastWest:
        address: ${o.address ?? defaultAddress(folder)}
      istio:
        version: ${o.version ?? '"1.30.3"'}
      namespaces: ${o.namespaces ?? '[demo]'}
  `;
}

export const BASE_FILES: Readonly<Record<string, string>> = {
  'federation/federation.yaml': y`
    apiVersion: meshfed.io/v1alpha1
    kind: Federation
    metadata:
      name: demo
    spec:
      meshID: demo-mesh
      rootCA:
        fingerprint: "${FINGERPRINT}"
  `,
  'federation/peers/alpha/peer.yaml': peerYaml('alpha'),
  // Positions: service.namespace 6:36, ports[0] 8:7, consumers[0].peer 11:13.
  'federation/peers/alpha/echo.yaml': y`
    apiVersion: meshfed.io/v1alpha1
    kind: ServiceExport
    metadata:
      name: echo
    spec:
      service: {name: echo, namespace: demo}
      ports:
        - {name: http, number: 8080, protocol: HTTP}
      serviceAccounts: [echo]
      consumers:
        - peer: beta
  `,
  'federation/peers/beta/peer.yaml': peerYaml('beta'),
  // Positions: from.peer 6:16, from.export 6:31, burst 7:3 (key), burst.local 8:12.
  'federation/peers/beta/echo.yaml': y`
    apiVersion: meshfed.io/v1alpha1
    kind: ServiceImport
    metadata:
      name: echo
    spec:
      from: {peer: alpha, export: echo}
      burst:
        local: {maxConnections: 10}
  `,
};

/** BASE_FILES with some files replaced, added, or (value null) removed. */
export function federationFiles(overrides: Readonly<Record<string, string | null>> = {}): SourceFile[] {
  const all: Record<string, string | null> = { ...BASE_FILES, ...overrides };
  return Object.entries(all)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([path, content]) => ({ path, content }));
}

/** `code file:line:col` for every diagnostic of load + validate, sorted. */
export function diagnosticsOf(overrides: Readonly<Record<string, string | null>> = {}): string[] {
  return allDiagnostics(federationFiles(overrides)).map(short);
}

/** Load and validate diagnostics in one sorted list, as every entry point reports them. */
export function allDiagnostics(files: readonly SourceFile[]): readonly Diagnostic[] {
  return compileFederation(files).diagnostics;
}

export function short(d: Diagnostic): string {
  return `${d.code} ${d.file}:${d.line}:${d.col}`;
}

export function formatted(overrides: Readonly<Record<string, string | null>> = {}): string[] {
  return allDiagnostics(federationFiles(overrides)).map(formatDiagnostic);
}

/**
 * `file:line:col` of the `nth` occurrence of `needle` in `content`: tests state positions by what is written
 * there. A `^` in the needle marks the exact column (`'peer: ^alpha'`); otherwise the needle's start.
 */
export function at(file: string, content: string, needle: string, nth = 0): string {
  const mark = Math.max(0, needle.indexOf('^'));
  const text = needle.replace('^', '');
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = content.indexOf(text, offset + 1);
    if (offset < 0) throw new Error(`"${text}" occurs fewer than ${nth + 1} times in ${file}`);
  }
  offset += mark;
  const before = content.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${file}:${line}:${col}`;
}
