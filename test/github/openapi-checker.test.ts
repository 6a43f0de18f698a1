import { describe, expect, it } from 'vitest';
import { checkRequest, operationFor } from './openapi-checker.js';

const API = 'https://api.github.com';

describe('the OpenAPI request checker the mocks rely on', () => {
  it('GIVEN requests the app makes WHEN checked THEN they map to GitHub operations', () => {
    expect(operationFor('POST', '/repos/a/b/check-runs')?.operationId).toBe('checks/create');
    expect(operationFor('GET', '/repos/a/b/tarball/abc')?.operationId).toBe('repos/download-tarball-archive');
    expect(operationFor('GET', '/repos/a/b/compare/x...y')?.operationId).toBe('repos/compare-commits-with-basehead');
  });

  it("GIVEN the bot's GraphQL query WHEN checked against GitHub's schema THEN there is nothing to report", () => {
    const query = 'query Q($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) { pullRequest(number: $number) { latestOpinionatedReviews(first: 100) { nodes { state commit { oid } } } comments(last: 100) { nodes { viewerDidAuthor } } } } }';
    expect(checkRequest({ method: 'POST', url: `${API}/graphql`, body: { query, variables: { owner: 'a', repo: 'b', number: 1 } } })).toEqual([]);
  });

  it('GIVEN a valid check run WHEN checked THEN there is nothing to report', () => {
    expect(checkRequest({ method: 'POST', url: `${API}/repos/a/b/check-runs`, body: { name: 'x', head_sha: 'abc', status: 'completed', conclusion: 'success', output: { title: 't', summary: 's' } } })).toEqual([]);
  });

  it.each([
    ['an unknown path', { method: 'GET', url: `${API}/repos/a/b/no-such-thing` }, /no such operation/],
    ['a wrong method', { method: 'DELETE', url: `${API}/repos/a/b/check-runs` }, /no such operation/],
    ['an unknown body property', { method: 'POST', url: `${API}/repos/a/b/check-runs`, body: { name: 'x', head_sha: 'a', colour: 'red' } }, /unknown property "colour"/],
    ['a missing required property', { method: 'POST', url: `${API}/repos/a/b/check-runs`, body: { name: 'x' } }, /required property "head_sha" missing/],
    ['a conclusion outside the enum', { method: 'POST', url: `${API}/repos/a/b/check-runs`, body: { name: 'x', head_sha: 'a', conclusion: 'passed' } }, /is not one of/],
    ['51 annotations in one request', { method: 'PATCH', url: `${API}/repos/a/b/check-runs/1`, body: { output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => ({ path: 'f', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' })) } } }, /more than 50 items/],
    ['an undeclared query parameter', { method: 'GET', url: `${API}/repos/a/b/pulls/1/reviews?per_page=100&colour=red` }, /undeclared query parameter "colour"/],
    ['a commit status state that does not exist', { method: 'POST', url: `${API}/repos/a/b/statuses/abc`, body: { state: 'done' } }, /is not one of/],
    ['a GraphQL field GitHub does not have', { method: 'POST', url: `${API}/graphql`, body: { query: 'query Q { viewer { login pusher } }' } }, /Cannot query field "pusher"/],
    ['a GraphQL body without a query', { method: 'POST', url: `${API}/graphql`, body: { variables: {} } }, /"query" is not a string/],
  ])('GIVEN %s WHEN checked THEN it is reported', (_what, req, message) => {
    expect(checkRequest(req).join('\n')).toMatch(message);
  });
});
