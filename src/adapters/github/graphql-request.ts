import type { GitHubClient } from './github-client.js';

export class GraphqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphqlError';
  }
}

/**
 * One GraphQL query through the same `request` as every REST call (same retries, throttling and test checks).
 * GitHub answers GraphQL errors with HTTP 200 and an `errors` list, sometimes beside partial `data`: any error
 * fails the read (a partial answer is never used as if it were complete).
 */
export async function graphql<T>(client: GitHubClient, query: string, variables: Record<string, unknown>): Promise<T> {
  const { data } = (await client.request('POST /graphql', { query, variables })) as { data: { data?: T | null; errors?: { message?: string }[] } };
  if (data.errors !== undefined && data.errors.length > 0) {
    throw new GraphqlError(`GitHub's GraphQL API answered: ${data.errors.map((e) => e.message ?? 'error').slice(0, 3).join('; ')}`);
  }
  if (data.data == null) throw new GraphqlError("GitHub's GraphQL API answered without data");
  return data.data;
}
