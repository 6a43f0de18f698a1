import { evaluateConsent } from '../../../src/core/consent/evaluate-consent.js';
import type { ConsentInput, ConsentOptions, ConsentResult, Review } from '../../../src/core/consent/consent-types.js';
import type { FederationModel } from '../../../src/core/model/federation-model.js';
import { planFederation } from '../../../src/core/plan/plan-federation.js';
import type { RenderedObject } from '../../../src/core/render/rendered-object.js';
import { federationModel, renderedFor, renderedObject, type FederationSketch, type PeerSketch } from './model-builder.js';

export const HEAD = '9f1c2e0d4b6a8c0e2f4a6b8d0c2e4f6a8b0d2c4e';
export const OLD = '1111111111111111111111111111111111111111';

/**
 * The federation most scenarios start from:
 * alpha owned by @alice and team @acme/alpha-team (carol), beta by @bob, gamma by team @acme/gamma-admins (gina).
 * beta exports `echo` to alpha; alpha imports it.
 */
export const PEERS: Readonly<Record<string, PeerSketch>> = {
  alpha: { owners: ['@alice', '@acme/alpha-team'], imports: [{ name: 'echo', from: 'beta', export: 'echo' }] },
  beta: { owners: ['@Bob'], exports: [{ name: 'echo', consumers: ['alpha'] }] },
  gamma: { owners: ['@acme/gamma-admins'] },
};
export const BASE: FederationSketch = { peers: PEERS };

export const TEAMS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['@acme/alpha-team', new Set(['carol'])],
  ['@acme/gamma-admins', new Set(['gina'])],
]);

export const approve = (login: string, commitId: string | null = HEAD): Review => ({ login, commitId, state: 'APPROVED' });
export const review = (login: string, state: Review['state'], commitId: string | null = HEAD): Review => ({ login, commitId, state });

export interface Scenario {
  readonly base?: FederationSketch;
  /** Default: the base. */
  readonly head?: FederationSketch;
  readonly changedFiles: readonly string[];
  /** Peers whose rendered output differs between base and head. */
  readonly outputChanged?: readonly string[];
  readonly author: string;
  readonly reviews?: readonly Review[];
  readonly teams?: ReadonlyMap<string, ReadonlySet<string>>;
  readonly options?: ConsentOptions;
  readonly headPushedBy?: ConsentInput['headPushedBy'];
}

export function models(s: Scenario): { base: FederationModel; head: FederationModel } {
  const base = federationModel(s.base ?? BASE);
  return { base, head: s.head === undefined ? base : federationModel(s.head) };
}

export function runScenario(s: Scenario): ConsentResult {
  const { base, head } = models(s);
  const changedObject = (peer: string): RenderedObject[] => [
    renderedObject(peer, 'PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } }),
    renderedObject(peer, 'DestinationRule', 'changed-by-this-pr', { host: 'echo.demo.svc.cluster.local' }),
  ];
  const overrides = Object.fromEntries((s.outputChanged ?? []).filter((p) => head.peers.has(p)).map((p) => [p, changedObject(p)]));
  const plan = planFederation(renderedFor(base), renderedFor(head, overrides));
  return evaluateConsent({
    base,
    head,
    plan,
    changedFiles: s.changedFiles,
    headSha: HEAD,
    author: s.author,
    reviews: s.reviews ?? [],
    teamMembers: s.teams ?? TEAMS,
    ...(s.options === undefined ? {} : { options: s.options }),
    ...(s.headPushedBy === undefined ? {} : { headPushedBy: s.headPushedBy }),
  });
}

/** One line per requirement: `alpha [x] folder-touched,output-changed <- alice(author), carol`. */
export function summarize(r: ConsentResult): string[] {
  const lines = r.peers.map(
    (p) =>
      `${p.peer} [${p.satisfied ? 'x' : ' '}] ${p.reasons.join(',')}` +
      (p.approvals.length > 0 ? ` <- ${p.approvals.map((a) => (a.via === 'author' ? `${a.login}(author)` : a.login)).join(', ')}` : ''),
  );
  const a = r.admission;
  if (a !== undefined) {
    lines.push(`admission ${a.newPeers.join(',')} [${a.satisfied ? 'x' : ' '}] ${a.policy} ${a.approvingPeers.length}/${a.needed} of ${a.existingPeers.length}`);
  }
  return lines;
}

/** A sketch with `extra` peers added to (or replacing some of) `PEERS`. */
export function withPeers(extra: Readonly<Record<string, PeerSketch>>, admission?: FederationSketch['admission']): FederationSketch {
  return { ...(admission === undefined ? {} : { admission }), peers: { ...PEERS, ...extra } };
}

/** `PEERS` without `name`. */
export function withoutPeer(name: string): FederationSketch {
  return { peers: Object.fromEntries(Object.entries(PEERS).filter(([n]) => n !== name)) };
}
