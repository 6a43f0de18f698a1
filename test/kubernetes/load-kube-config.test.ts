import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKubeConfig } from '../../src/adapters/kubernetes/kube-client.js';

const SAVED = ['HOME', 'KUBECONFIG', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT'] as const;

describe('loadKubeConfig', () => {
  let home: string;
  const saved: Partial<Record<(typeof SAVED)[number], string>> = {};
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'meshfed-kubeconfig-'));
    for (const k of SAVED) {
      if (process.env[k] !== undefined) saved[k] = process.env[k];
      delete process.env[k];
    }
    process.env.HOME = home;
  });
  afterEach(() => {
    for (const k of SAVED) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('GIVEN no kubeconfig anywhere and not in a cluster WHEN loaded THEN the error says what to configure (not a TLS message)', () => {
    expect(() => loadKubeConfig({})).toThrow(/no Kubernetes cluster is configured: pass --kubeconfig FILE/);
  });

  it('GIVEN a kubeconfig file WHEN loaded THEN its current cluster is used', () => {
    const file = join(home, 'config');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Config\nclusters:\n- name: alpha\n  cluster: {server: "https://alpha.example.org:6443"}\nusers:\n- name: runner\n  user: {token: t}\ncontexts:\n- name: alpha\n  context: {cluster: alpha, user: runner}\ncurrent-context: alpha\n',
    );
    expect(loadKubeConfig({ kubeconfig: file }).getCurrentCluster()?.server).toBe('https://alpha.example.org:6443');
  });

  it('GIVEN a context that is not in the kubeconfig WHEN loaded THEN the known contexts are listed', () => {
    const file = join(home, 'config');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts:\n- name: alpha\n  context: {cluster: alpha, user: runner}\n');
    expect(() => loadKubeConfig({ kubeconfig: file, context: 'beta' })).toThrow(/context "beta" is not in the kubeconfig \(known: alpha\)/);
  });

  it('GIVEN a kubeconfig file without a current context WHEN loaded THEN the error names the file and how to pick a context (not "pass --kubeconfig")', () => {
    const file = join(home, 'config');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Config\nclusters:\n- name: alpha\n  cluster: {server: "https://alpha.example.org:6443"}\nusers:\n- name: runner\n  user: {token: t}\ncontexts:\n- name: alpha\n  context: {cluster: alpha, user: runner}\n',
    );
    expect(() => loadKubeConfig({ kubeconfig: file })).toThrow(
      new RegExp(`the kubeconfig ${file} has no current context with a cluster: set current-context in it, or pass --context NAME \\(contexts: alpha\\)`),
    );
  });
});
