import type { EdgeGatewayIntent } from '../intents/edge-gateway-schema.js';
import { dnsSubdomain } from '../intents/common-schema.js';
import type { Located } from '../model/federation-model.js';
import type { ValidationContext } from './validation-context.js';

const KUBERNETES_SCHEME = 'kubernetes://';

/**
 * `tls.credentialName`: required for SIMPLE and MUTUAL, and the bare name of a Secret in the namespace where the
 * peer's ingress gateway pods run (`Peer.spec.ingress.namespace`). That is where Istio looks: `credentialName`
 * becomes the SDS resource `kubernetes://<name>` (istio/istio `pilot/pkg/model/credentials/resource.go`
 * `ToResourceName`), which `ParseResourceName` resolves in the namespace of the proxy asking for it, the gateway
 * workload (`pilot/pkg/xds/sds.go` passes `proxy.VerifiedIdentity.Namespace`), and `filterAuthorizedResources`
 * refuses a Secret in any other namespace ("cross namespace secret reference requires ReferenceGrant", which the
 * Istio Gateway API does not have). The Gateway object's own namespace does not matter, only the pods'.
 */
export function checkCredentialName(ctx: ValidationContext, peer: string, g: Located<EdgeGatewayIntent>): void {
  const tls = g.value.spec.tls;
  const ns = ctx.peerSpec(peer)?.ingress.namespace ?? 'istio-system';
  const where = `namespace "${ns}", where peer "${peer}"'s ingress gateway pods run according to its spec.ingress.namespace`;
  const name = tls.credentialName;
  if (name === undefined || name.trim() === '') {
    ctx.atKey(
      g,
      ['spec', 'tls'],
      'gateway/credential-missing',
      `tls.mode ${tls.mode} needs tls.credentialName`,
      tls.mode === 'MUTUAL'
        ? `name a Secret holding tls.crt, tls.key and ca.crt, the CA that signs client certificates, in ${where}`
        : `name a Secret holding tls.crt and tls.key in ${where}, e.g. credentialName: ${g.value.metadata.name}-tls`,
    );
    return;
  }
  const path = ['spec', 'tls', 'credentialName'];
  const reference = name.startsWith(KUBERNETES_SCHEME) ? name.slice(KUBERNETES_SCHEME.length) : name;
  const slash = reference.indexOf('/');
  if (slash >= 0 && !reference.includes('://')) {
    const secretNamespace = reference.slice(0, slash);
    const secret = reference.slice(slash + 1);
    const fix = dnsSubdomain.safeParse(secret).success ? `credentialName: ${secret}` : 'credentialName: <the Secret\'s name>';
    ctx.at(
      g,
      path,
      'gateway/credential-namespace',
      secretNamespace === ns
        ? `credentialName "${name}" spells out the namespace; meshfed takes only the Secret's name, always read from ${where}`
        : `credentialName "${name}" points at namespace "${secretNamespace}", but Istio gives a gateway only Secrets from the namespace its own pods run in: ${where}`,
      secretNamespace === ns ? `write ${fix}` : `create the Secret in namespace "${ns}" and write ${fix}`,
    );
    return;
  }
  if (!dnsSubdomain.safeParse(name).success) {
    ctx.at(
      g,
      path,
      'gateway/credential-name-invalid',
      `credentialName "${name}" is not a Kubernetes Secret name`,
      `use the name of a Secret in ${where}: lowercase letters, digits, "-" and "."`,
    );
  }
}
