import { createRequire } from 'node:module';

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];
/** A real `deployment` webhook payload, pointed at environment meshfed-alpha as the meshfed app creates it. */
export function deploymentEvent(environment = 'meshfed-alpha', payload: unknown = { meshfed: 1, peer: 'alpha' }): Record<string, unknown> {
  const base = structuredClone(examples.find((e) => e.name === 'deployment')?.examples[0]) as Record<string, Record<string, unknown>>;
  if (!base?.deployment) throw new Error('no deployment example');
  return { ...base, deployment: { ...base.deployment, environment, original_environment: environment, payload } };
}
