import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKubeApi, loadKubeConfig } from '../../src/adapters/kubernetes/kube-client.js';
import { describeError } from '../../src/adapters/kubernetes/kube-api-error.js';
import { compileDirectory } from '../../src/commands/compile-directory.js';
import { locateFederation } from '../../src/commands/federation-location.js';
import { kubeEnv } from '../envtest/kube-env.js';
import { meshfed } from './cluster.js';
import { isolatedFederation, REPO } from './isolated-federation.js';

const env = kubeEnv();

const EXAMPLES = ['federation', 'examples/three-peer-mesh/federation'];

/** Every peer of a federation folder with its rendered objects' namespaces (as the production compile renders them). */
async function rendered(dir: string): Promise<{ peers: Map<string, number>; namespaces: string[] }> {
  const compiled = await compileDirectory(await locateFederation(dir, REPO));
  if (!compiled.rendered) throw new Error(`${dir} does not render`);
  const peers = new Map([...compiled.rendered].map(([peer, objects]) => [peer, objects.length]));
  const namespaces = [...new Set([...compiled.rendered.values()].flat().map((o) => o.metadata.namespace)), 'istio-system'];
  return { peers, namespaces };
}

describe.skipIf(env.skip)(env.title('rendered objects against a real kube-apiserver with Istio\'s CRDs'), () => {
  it.each(EXAMPLES)('GIVEN the example %s THEN every rendered object of every peer passes the server-side dry run with fieldValidation=Strict', async (example) => {
    const { peers, namespaces } = await rendered(example);
    const fed = await isolatedFederation(env, join(REPO, example), namespaces);
    const kubeconfig = env.kubeconfig(env.admin());
    for (const [peer, count] of peers) {
      // `meshfed apply --dry-run` sends every object as a server-side apply with dryRun=All and fieldValidation=Strict:
      // the CRDs' OpenAPI schemas and CEL rules judge it, and an unknown or duplicate field is an error, not a warning.
      const r = await meshfed(['apply', '--peer', peer, '--dry-run', '--kubeconfig', kubeconfig], fed.cwd);
      expect(r.stderr, `${example} ${peer}`).toBe('');
      expect(r.stdout, `${example} ${peer}`).toContain(`summary: ${count} created, 0 configured, 0 unchanged, 0 pruned, 0 failed, 0 skipped`);
      expect(r.code).toBe(0);
    }
    expect(peers.size).toBeGreaterThanOrEqual(2);
  });

  it('GIVEN a DestinationRule with tls at spec level (the paper\'s Fig. 4) THEN the real server rejects it, and meshfed reports it as invalid without retrying', async () => {
    const ns = await env.namespace('strict');
    const api = createKubeApi(loadKubeConfig({ kubeconfig: env.kubeconfig(env.admin()) }), { fieldManager: 'meshfed' });
    const paperDr = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'echo', namespace: ns },
      spec: { host: 'echo.demo.svc.cluster.local', tls: { mode: 'ISTIO_MUTUAL' } },
    };
    const error = await api.apply(paperDr, { dryRun: true, force: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeError(error)).toMatch(/^rejected as invalid by the API server: a field is not in the CRD's schema .*\.spec\.tls: field not declared in schema/);
    expect(api.stats.retries).toBe(0);
  });
});
