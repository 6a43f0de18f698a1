// Entry point: `npm run dev`, a long-lived Probot server (webhook proxy via WEBHOOK_PROXY_URL, app setup flow
// from app.yml on first start). Wiring only.
import { run } from 'probot';
import meshfedApp from './app.js';
import { meshfedOctokitClass } from './adapters/github/github-client.js';

await run(meshfedApp, { Octokit: meshfedOctokitClass() });
