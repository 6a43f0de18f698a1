import { describe, expect, it } from 'vitest';
import { ApiException } from '@kubernetes/client-node';
import { inventoryManifest, inventoryStateOf } from '../../src/adapters/kubernetes/inventory-configmap.js';
import { describeKubeError, toKubeApiError } from '../../src/adapters/kubernetes/kube-api-error.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/adapters/kubernetes/retry.js';
import { toLiveObject } from '../../src/core/apply/live-object.js';
import { ALPHA } from './helpers.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('toKubeApiError', () => {
  it('GIVEN a client-node ApiException for 429 with Retry-After as an HTTP date THEN the wait is until that date', () => {
    const e = toKubeApiError(new ApiException(429, 'Unsuccessful HTTP Request', { kind: 'Status', message: 'slow down', reason: 'TooManyRequests' }, { 'retry-after': 'Sun, 01 Jun 2025 12:00:07 GMT' }), 'apply x', NOW);
    expect(e).toMatchObject({ status: 429, reason: 'TooManyRequests', retryAfterMs: 7000, retryable: true });
    expect(e.message).toBe('apply x: slow down');
  });

  it('GIVEN a Status with details.retryAfterSeconds and no header THEN that is used', () => {
    const e = toKubeApiError(new ApiException(503, 'x', { message: 'etcd leader changed', details: { retryAfterSeconds: 2 } }, {}), 'get', NOW);
    expect(e.retryAfterMs).toBe(2000);
  });

  it.each([
    [{ name: 'FetchError', code: 'ECONNRESET', type: 'system', message: 'socket hang up' }, 'ECONNRESET', true],
    [{ name: 'AbortError', type: 'aborted', message: 'The user aborted a request.' }, 'TIMEOUT', true],
    [{ name: 'FetchError', code: 'CERT_HAS_EXPIRED', type: 'system', message: 'certificate has expired' }, 'CERT_HAS_EXPIRED', false],
  ])('GIVEN a network error %j THEN code %s, retryable %s', (raw, code, retryable) => {
    const e = toKubeApiError(Object.assign(new Error(raw.message), raw), 'list');
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
  });

  it('GIVEN the 500 a real kube-apiserver sends for a field a CRD does not declare THEN it is invalid input, not retried', () => {
    // Seen against kube-apiserver 1.32 with Istio's CRDs (test/integration/strict-acceptance.test.ts).
    const message = 'failed to create typed patch object (echo/x; networking.istio.io/v1, Kind=DestinationRule): .spec.tls: field not declared in schema';
    const e = toKubeApiError(new ApiException(500, 'x', { kind: 'Status', status: 'Failure', message, code: 500 }, {}), 'apply x');
    expect(e.retryable).toBe(false);
    expect(describeKubeError(e)).toBe(`rejected as invalid by the API server: a field is not in the CRD's schema (apply x: ${message})`);
    expect(toKubeApiError(new ApiException(500, 'x', { message: 'etcdserver: request timed out' }, {}), 'apply').retryable).toBe(true);
  });

  it.each([400, 403, 404, 409, 422])('GIVEN HTTP %i THEN it is not retried', (status) => {
    expect(toKubeApiError(new ApiException(status, 'x', { message: 'no' }, {}), 'apply').retryable).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0 };
  it('GIVEN no Retry-After THEN exponential backoff with jitter, capped', () => {
    const e = toKubeApiError(new ApiException(500, 'x', {}, {}), 'x');
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(e, n, policy))).toEqual([125, 250, 500, 1000, 2000, 4000, 4000, 4000]);
  });
  it('GIVEN an absurd Retry-After THEN it is capped at maxRetryAfterMs', () => {
    const e = toKubeApiError(new ApiException(429, 'x', {}, { 'retry-after': '86400' }), 'x');
    expect(retryDelayMs(e, 1, policy)).toBe(60_000);
  });
});

describe('inventory ConfigMap', () => {
  const entries = [{ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', namespace: 'demo', name: 'echo' }];
  const cm = () => toLiveObject(structuredClone(inventoryManifest(ALPHA, entries)));

  it('GIVEN the manifest meshfed writes THEN it reads back as the same entries', () => {
    expect(inventoryStateOf(cm(), 'alpha')).toEqual({ status: 'ok', entries });
    expect(inventoryManifest(ALPHA, entries).metadata).toMatchObject({ name: 'meshfed-inventory-alpha', namespace: 'istio-system' });
  });

  it('GIVEN no held-back prune THEN the ConfigMap has the older format (no pendingPrune key); with one THEN it reads back and its checksum covers it', () => {
    expect(Object.keys(inventoryManifest(ALPHA, entries).data as object)).toEqual(['peer', 'objects', 'checksum']);
    const withPending = () => toLiveObject(structuredClone(inventoryManifest(ALPHA, entries, entries)));
    expect(inventoryStateOf(withPending(), 'alpha')).toEqual({ status: 'ok', entries, pendingPrune: entries });
    const dropped = withPending();
    delete (dropped.body.data as Record<string, string>).pendingPrune;
    expect(inventoryStateOf(dropped, 'alpha')).toMatchObject({ status: 'corrupted', reason: expect.stringMatching(/checksum/) });
    const added = cm();
    (added.body.data as Record<string, string>).pendingPrune = 'networking.istio.io/v1 DestinationRule demo echo\n';
    expect(inventoryStateOf(added, 'alpha')).toMatchObject({ status: 'corrupted', reason: expect.stringMatching(/checksum/) });
  });

  it('GIVEN no ConfigMap THEN missing; a tampered one THEN corrupted', () => {
    expect(inventoryStateOf(undefined, 'alpha')).toEqual({ status: 'missing' });
    const tampered = cm();
    (tampered.body.data as Record<string, string>).objects += 'networking.istio.io/v1 DestinationRule demo other\n';
    expect(inventoryStateOf(tampered, 'alpha')).toMatchObject({ status: 'corrupted', reason: expect.stringMatching(/checksum/) });
  });
});
