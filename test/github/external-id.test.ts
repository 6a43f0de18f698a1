import { describe, expect, it } from 'vitest';
import { externalIdFor, parseExternalId, prNumberFromExternalId } from '../../src/adapters/github/publish/check-run-writer.js';

const SHA = 'a'.repeat(40);

describe("a check run's external_id: the pull request, and who GitHub said pushed the head", () => {
  it.each([
    ['the pull request only', externalIdFor(7), { prNumber: 7 }],
    ['with the pusher', externalIdFor(7, { login: 'owner-0', sha: SHA }), { prNumber: 7, pushedBy: { login: 'owner-0', sha: SHA } }],
    ['with a bot as pusher', externalIdFor(12, { login: 'dependabot[bot]', sha: SHA }), { prNumber: 12, pushedBy: { login: 'dependabot[bot]', sha: SHA } }],
  ])('GIVEN %s WHEN written and read back THEN it says the same', (_name, id, parsed) => {
    expect(parseExternalId(id)).toEqual(parsed);
    expect(prNumberFromExternalId(id)).toBe(parsed.prNumber);
  });

  it.each([
    ['a short SHA', `pr:7 pushed-by:owner-0@${SHA.slice(0, 7)}`],
    ['text after the SHA', `pr:7 pushed-by:owner-0@${SHA} pushed-by:mallory@${SHA}`],
    ['a login GitHub does not allow', `pr:7 pushed-by:-owner@${SHA}`],
    ['no pull request', `pushed-by:owner-0@${SHA}`],
    ['something else', 'deploy-42'],
  ])('GIVEN %s WHEN read THEN it is not taken', (_name, id) => {
    expect(parseExternalId(id)).toBeUndefined();
  });
});
