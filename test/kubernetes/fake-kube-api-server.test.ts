import fetch from 'node-fetch';
import { describe, expect, it } from 'vitest';
import { FAKE_SERVER, FakeKubeApiServer } from './fake-kube-api-server.js';

describe('the fake API server guards the tests that use it', () => {
  it('GIVEN a request it does not serve (POST) THEN verify() fails the test', async () => {
    const fake = new FakeKubeApiServer().install();
    try {
      await fetch(`${FAKE_SERVER}/apis/networking.istio.io/v1/namespaces/demo/destinationrules`, { method: 'POST', body: '{}' }).catch(() => undefined);
      expect(() => fake.verify()).toThrow(/unmatched requests: POST/);
    } finally {
      fake.uninstall();
    }
  });

  it('GIVEN an injected fault no request triggered THEN verify() fails the test', () => {
    const fake = new FakeKubeApiServer().install();
    try {
      fake.inject({ method: 'PATCH', reply: { status: 500 } });
      expect(() => fake.verify()).toThrow(/unused injected faults/);
    } finally {
      fake.uninstall();
    }
  });
});
