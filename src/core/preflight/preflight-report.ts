/**
 * The runner's preflight (`meshfed apply` before any write, `meshfed drift` read-only): whether the peer's
 * cluster can carry the federation's flows, and if not, what is missing and the exact fix.
 */
export const PREFLIGHT_CODES = [
  'preflight/mesh-config-missing',
  'preflight/mesh-config-unreadable',
  'preflight/trust-domain-mismatch',
  'preflight/consumer-trust-domain-rejected',
  'preflight/trust-domain-alias',
  'preflight/root-cert-missing',
  'preflight/root-cert-unreadable',
  'preflight/root-ca-mismatch',
  'preflight/foreign-destination-rule',
  'preflight/foreign-virtual-service',
] as const;

export type PreflightCode = (typeof PREFLIGHT_CODES)[number];

export interface PreflightProblem {
  readonly code: PreflightCode;
  /** What is wrong, naming the objects and values involved. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** A YAML fragment to add, when the fix is one (indented by the formatter). */
  readonly fragment?: string;
}

export type PreflightStatus = 'passed' | 'refused' | 'skipped' | 'failed';

export interface PreflightReport {
  readonly peer: string;
  /** passed: nothing missing; refused: problems found; skipped: --skip-preflight; failed: the cluster could not be read. */
  readonly status: PreflightStatus;
  readonly problems: readonly PreflightProblem[];
  readonly warnings: readonly string[];
  /** What was read, e.g. `ConfigMap istio-system/istio (key mesh)`, for the report. */
  readonly checked: readonly string[];
  /** For `failed`: why the cluster could not be read. */
  readonly error?: string;
}
