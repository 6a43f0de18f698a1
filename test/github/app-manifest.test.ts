import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SUBSCRIBED_EVENTS } from '../../src/adapters/github/events/probot-app.js';

const manifest = parse(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8'), { schema: 'core' }) as {
  name: string;
  default_events: string[];
  default_permissions: Record<string, string>;
  hook_attributes: { url: string };
};

describe('app.yml (GitHub App manifest)', () => {
  it('GIVEN the manifest WHEN read THEN it asks for exactly the least privilege the bot uses', () => {
    expect(manifest.default_permissions).toEqual({
      contents: 'read',
      members: 'read',
      checks: 'write',
      pull_requests: 'write',
      issues: 'read',
      deployments: 'write',
      statuses: 'write',
      metadata: 'read',
    });
  });

  it('GIVEN the manifest WHEN read THEN it subscribes to exactly the events the app handles', () => {
    expect([...manifest.default_events].sort()).toEqual([...SUBSCRIBED_EVENTS].sort());
  });
});

describe('docs/github-app.md', () => {
  it('GIVEN the ruleset example WHEN checked against GitHub\'s API description THEN it is a valid request', async () => {
    const { checkRequest } = await import('./openapi-checker.js');
    const doc = readFileSync(new URL('../../docs/github-app.md', import.meta.url), 'utf8');
    const json = /rulesets --input - <<'JSON'\n([\s\S]*?)\nJSON/.exec(doc)?.[1];
    expect(json).toBeDefined();
    expect(checkRequest({ method: 'POST', url: 'https://api.github.com/repos/acme/federation/rulesets', body: JSON.parse(json ?? '{}') })).toEqual([]);
  });
});
