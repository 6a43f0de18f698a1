import { z } from 'zod';
import { MalformedPayloadError } from './malformed-payload-error.js';

/**
 * The parts of GitHub's webhook payloads the bot reads, checked before use: a payload without them is
 * reported as malformed (nothing is written), never half-handled. Unknown fields are allowed (GitHub adds
 * fields over time).
 */
const repository = z.object({
  name: z.string().min(1),
  full_name: z.string().min(1),
  default_branch: z.string().min(1).optional(),
  owner: z.object({ login: z.string().min(1) }),
});

const user = z.object({ login: z.string(), type: z.string().optional() });

export const pullRequestShape = z.object({
  number: z.number().int().positive(),
  state: z.string(),
  draft: z.boolean().nullish(),
  updated_at: z.string().nullish(),
  user: user.nullable(),
  head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/), repo: z.object({ full_name: z.string() }).nullish() }),
  base: z.object({
    sha: z.string().regex(/^[0-9a-f]{40}$/),
    ref: z.string(),
    repo: z.object({ full_name: z.string(), default_branch: z.string().nullish() }),
  }),
  requested_reviewers: z.array(z.object({ login: z.string().optional() }).nullable()).nullish(),
  requested_teams: z.array(z.object({ slug: z.string().optional() }).nullable()).nullish(),
});

export const pullRequestEvent = z.object({
  action: z.string(),
  repository,
  pull_request: pullRequestShape,
  /** `synchronize` only: the head after the push. */
  after: z.string().regex(/^[0-9a-f]{40}$/).optional(),
  sender: user.optional(),
});

export const checkRunEvent = z.object({
  action: z.string(),
  repository,
  check_run: z.object({
    name: z.string(),
    head_sha: z.string(),
    external_id: z.string().nullish(),
    pull_requests: z.array(z.object({ number: z.number().int() })).default([]),
  }),
  requested_action: z.object({ identifier: z.string() }).nullish(),
});

export const issueCommentEvent = z.object({
  action: z.string(),
  repository,
  issue: z.object({ number: z.number().int().positive(), pull_request: z.object({}).passthrough().nullish() }),
  comment: z.object({ body: z.string().nullish(), user: user.extend({ type: z.string() }) }),
});

export const pushEvent = z.object({
  ref: z.string(),
  before: z.string().regex(/^[0-9a-f]{40}$/),
  after: z.string().regex(/^[0-9a-f]{40}$/),
  deleted: z.boolean().default(false),
  repository,
});

export const deploymentStatusEvent = z.object({
  action: z.string().optional(),
  repository,
  deployment: z.object({ id: z.number().int(), sha: z.string(), environment: z.string(), payload: z.unknown() }),
  deployment_status: z.object({
    id: z.number().int(),
    state: z.string(),
    description: z.string().nullish(),
    log_url: z.string().nullish(),
    target_url: z.string().nullish(),
  }),
});

export function parsePayload<T>(schema: z.ZodType<T>, event: string, payload: unknown): T {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new MalformedPayloadError(event, issues);
}
