import { AuthorizationPolicy as AuthorizationPolicyV1 } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import { PeerAuthentication as PeerAuthenticationV1 } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import { AuthorizationPolicy as AuthorizationPolicyV1beta1 } from '@kubernetes-models/istio/security.istio.io/v1beta1/AuthorizationPolicy';
import { PeerAuthentication as PeerAuthenticationV1beta1 } from '@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication';
import { DestinationRule as DestinationRuleV1 } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import { Gateway as GatewayV1 } from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import { ServiceEntry as ServiceEntryV1 } from '@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry';
import { VirtualService as VirtualServiceV1 } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import { WorkloadEntry as WorkloadEntryV1 } from '@kubernetes-models/istio/networking.istio.io/v1/WorkloadEntry';
import { DestinationRule as DestinationRuleV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule';
import { Gateway as GatewayV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/Gateway';
import { ServiceEntry as ServiceEntryV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry';
import { VirtualService as VirtualServiceV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/VirtualService';
import { WorkloadEntry as WorkloadEntryV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/WorkloadEntry';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';

/**
 * Checks rendered objects against the Istio schemas that @kubernetes-models/istio ships, two ways:
 * 1. `new <Model>(obj).validate()`: the package's compiled JSON-schema validator (types, enums, required, formats).
 *    It does not reject unknown fields (the CRD schemas do not say additionalProperties: false; a real API server
 *    silently PRUNES them, which is how the paper's `spec.tls` lost mTLS).
 * 2. A strict walk: the package ships the same schemas as generated TypeScript declarations; the TypeScript
 *    checker reads them and every object type is treated as closed (additionalProperties: false), maps
 *    (`{[key: string]: T}`) stay open. A field in the wrong place fails here.
 */

type ModelClass = new (data: never) => { validate(): void };

const MODELS: Readonly<Record<string, ModelClass>> = {
  'networking.istio.io/v1/DestinationRule': DestinationRuleV1 as unknown as ModelClass,
  'networking.istio.io/v1/Gateway': GatewayV1 as unknown as ModelClass,
  'networking.istio.io/v1/ServiceEntry': ServiceEntryV1 as unknown as ModelClass,
  'networking.istio.io/v1/VirtualService': VirtualServiceV1 as unknown as ModelClass,
  'networking.istio.io/v1/WorkloadEntry': WorkloadEntryV1 as unknown as ModelClass,
  'security.istio.io/v1/AuthorizationPolicy': AuthorizationPolicyV1 as unknown as ModelClass,
  'security.istio.io/v1/PeerAuthentication': PeerAuthenticationV1 as unknown as ModelClass,
  'networking.istio.io/v1beta1/DestinationRule': DestinationRuleV1beta1 as unknown as ModelClass,
  'networking.istio.io/v1beta1/Gateway': GatewayV1beta1 as unknown as ModelClass,
  'networking.istio.io/v1beta1/ServiceEntry': ServiceEntryV1beta1 as unknown as ModelClass,
  'networking.istio.io/v1beta1/VirtualService': VirtualServiceV1beta1 as unknown as ModelClass,
  'networking.istio.io/v1beta1/WorkloadEntry': WorkloadEntryV1beta1 as unknown as ModelClass,
  'security.istio.io/v1beta1/AuthorizationPolicy': AuthorizationPolicyV1beta1 as unknown as ModelClass,
  'security.istio.io/v1beta1/PeerAuthentication': PeerAuthenticationV1beta1 as unknown as ModelClass,
};

export interface CheckableObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: unknown;
  readonly spec?: unknown;
}

/** Errors from the package's own validator (`validate()`); empty when valid. */
export function modelValidationErrors(o: CheckableObject): string[] {
  const Model = MODELS[`${o.apiVersion}/${o.kind}`];
  if (Model === undefined) return [`no model for ${o.apiVersion} ${o.kind}`];
  try {
    new Model(JSON.parse(JSON.stringify(o)) as never).validate();
    return [];
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PROBE_FILE = path.join(REPO_ROOT, '__meshfed_istio_schema_probe__.ts');

function probeSource(): string {
  const lines: string[] = [];
  const members: string[] = [];
  let i = 0;
  for (const key of Object.keys(MODELS)) {
    const [group, version, kind] = key.split('/') as [string, string, string];
    lines.push(`import type { I${kind} as T${i} } from '@kubernetes-models/istio/${group}/${version}/${kind}';`);
    members.push(`  '${key}': T${i};`);
    i++;
  }
  return `${lines.join('\n')}\nexport interface Probe {\n${members.join('\n')}\n}\n`;
}

export interface StrictChecker {
  /** Unknown fields and type mismatches of `o` against its kind's declared schema; empty when clean. */
  unknownFields(o: CheckableObject): string[];
}

let cached: StrictChecker | undefined;

/** Builds the checker once per test file (about a second: the TypeScript checker loads the declarations). */
export function strictChecker(): StrictChecker {
  cached ??= buildChecker();
  return cached;
}

function buildChecker(): StrictChecker {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const source = probeSource();
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (file, lang, ...rest) =>
    path.resolve(file) === PROBE_FILE ? ts.createSourceFile(file, source, lang) : getSourceFile(file, lang, ...rest);
  host.fileExists = (file) => path.resolve(file) === PROBE_FILE || fileExists(file);
  const program = ts.createProgram([PROBE_FILE], options, host);
  const checker = program.getTypeChecker();
  const probe = program.getSourceFile(PROBE_FILE);
  const decl = probe?.statements.find(ts.isInterfaceDeclaration);
  if (decl === undefined) throw new Error('schema probe did not compile');
  const probeType = checker.getTypeAtLocation(decl);
  const diagnostics = ts.getPreEmitDiagnostics(program, probe);
  if (diagnostics.length > 0) {
    throw new Error(`schema probe: ${ts.flattenDiagnosticMessageText(diagnostics[0]?.messageText ?? '', '\n')}`);
  }

  const walker = new TypeWalker(checker);
  return {
    unknownFields(o) {
      const prop = probeType.getProperty(`${o.apiVersion}/${o.kind}`);
      if (prop === undefined) return [`no schema for ${o.apiVersion} ${o.kind}`];
      const objectType = checker.getTypeOfSymbol(prop);
      const errors: string[] = [];
      walker.walk([objectType], { apiVersion: o.apiVersion, kind: o.kind, spec: o.spec }, '', errors);
      return errors;
    },
  };
}

class TypeWalker {
  constructor(private readonly checker: ts.TypeChecker) {}

  /** Flattens unions and drops undefined/null, keeping intersections whole (their properties merge). */
  private flatten(types: readonly ts.Type[]): ts.Type[] {
    const out = new Map<ts.Type, true>();
    const visit = (t: ts.Type): void => {
      if (t.isUnion()) return t.types.forEach(visit);
      if (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) return;
      out.set(t, true);
    };
    types.forEach(visit);
    return [...out.keys()];
  }

  walk(types: readonly ts.Type[], value: unknown, at: string, errors: string[]): void {
    const candidates = this.flatten(types);
    if (candidates.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
    const where = at === '' ? '(root)' : at;
    if (Array.isArray(value)) {
      const arrays = candidates
        .flatMap((t) => (t.isIntersection() ? t.types : [t]))
        .filter((t) => this.checker.isArrayType(t) || this.checker.isTupleType(t));
      if (arrays.length === 0) return void errors.push(`${where}: a list where the schema has no list`);
      const elements = arrays.flatMap((t) => this.checker.getTypeArguments(t as ts.TypeReference));
      value.forEach((v, i) => this.walk(elements, v, `${at}[${i}]`, errors));
      return;
    }
    if (value !== null && typeof value === 'object') {
      const objects = candidates.filter((t) => t.flags & ts.TypeFlags.Object || t.isIntersection());
      if (objects.length === 0) return void errors.push(`${where}: an object where the schema has none`);
      for (const [key, v] of Object.entries(value)) {
        const fieldTypes: ts.Type[] = [];
        for (const t of objects) {
          const prop = this.checker.getPropertyOfType(t, key);
          if (prop !== undefined) fieldTypes.push(this.checker.getTypeOfSymbol(prop));
          else {
            const index = this.checker.getIndexInfoOfType(t, ts.IndexKind.String);
            if (index !== undefined) fieldTypes.push(index.type);
          }
        }
        const path = at === '' ? key : `${at}.${key}`;
        if (fieldTypes.length === 0) errors.push(`${path}: unknown field`);
        else this.walk(fieldTypes, v, path, errors);
      }
      return;
    }
    this.checkScalar(candidates, value, where, errors);
  }

  private checkScalar(candidates: readonly ts.Type[], value: unknown, where: string, errors: string[]): void {
    const F = ts.TypeFlags;
    const accepts = candidates.some((t) => {
      if (typeof value === 'string') {
        if (t.flags & F.String) return true;
        return t.isStringLiteral() && t.value === value;
      }
      if (typeof value === 'number') {
        if (t.flags & F.Number) return true;
        return t.isNumberLiteral() && t.value === value;
      }
      if (typeof value === 'boolean') return (t.flags & (F.Boolean | F.BooleanLiteral)) !== 0;
      return false;
    });
    if (!accepts) {
      const expected = candidates.map((t) => this.checker.typeToString(t)).join(' | ');
      errors.push(`${where}: ${JSON.stringify(value)} is not ${expected.length > 120 ? `${expected.slice(0, 120)}...` : expected}`);
    }
  }
}
