/**
 * The typed GitHub mock for tests (see github-mock.ts), with the per-test lifecycle: a fresh mock before each
 * test and `verify()` after it, which fails the test on any unmatched request, any unused mock and any request
 * GitHub's OpenAPI description does not allow. Modelled on renovate's test/http-mock.ts.
 */
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { GitHubMock } from './github-mock.js';

export { API, CODELOAD, GitHubMock, type DeepPartial, type MockReply, type RecordedRequest } from './github-mock.js';

/** A fresh GitHubMock per test, verified after it. */
export function useGitHubMock(): () => GitHubMock {
  let current: GitHubMock | undefined;
  beforeEach(() => {
    nock.cleanAll();
    current = new GitHubMock();
  });
  afterEach(() => {
    const m = current;
    current = undefined;
    m?.verify();
  });
  return () => {
    if (current === undefined) throw new Error('useGitHubMock: no mock outside a test');
    return current;
  };
}
