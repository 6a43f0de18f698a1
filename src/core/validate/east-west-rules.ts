import type { PeerModel } from '../model/federation-model.js';
import { classifyAddress } from './network-address.js';
import type { ValidationContext } from './validation-context.js';

/** Every other peer must reach `eastWest.address`: an IP address or a public DNS name, nothing else. */
export function checkEastWestAddresses(ctx: ValidationContext, p: PeerModel): void {
  const intent = p.peer;
  if (!intent) return;
  const address = intent.value.spec.eastWest.address;
  const path = ['spec', 'eastWest', 'address'];
  const v = classifyAddress(address);
  if (!v.ok) {
    ctx.at(intent, path, 'peer/east-west-address-invalid', `eastWest.address "${address}" ${v.problem}`, v.hint);
  } else if (v.unusable) {
    ctx.at(
      intent,
      path,
      'peer/east-west-address-unreachable',
      `eastWest.address "${address}" ${v.unusable}, which other peers cannot reach`,
      'write the external IP address or DNS name of the east-west gateway\'s load balancer, as shown by kubectl -n istio-system get svc istio-eastwestgateway',
    );
  } else if (v.internal) {
    ctx.at(
      intent,
      path,
      'peer/east-west-address-internal',
      `eastWest.address "${address}" ${v.internal}`,
      'write the external IP address or public DNS name of the east-west gateway\'s load balancer',
    );
  } else if (v.unqualified) {
    ctx.at(
      intent,
      path,
      'peer/east-west-address-unqualified',
      `eastWest.address "${address}" is a single-label name that other clusters are unlikely to resolve`,
      'write the fully qualified name, e.g. "eastwest.alpha.example.org", or the IP address',
      'warning',
    );
  }
}
