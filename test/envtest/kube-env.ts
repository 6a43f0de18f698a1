/**
 * What an integration test file uses: the control plane global-setup.ts started (or why there is none),
 * admin access for arranging the cluster, fresh namespaces, and kubeconfig files for the production CLI.
 *
 *   const env = kubeEnv();
 *   describe.skipIf(env.skip)(env.title('apply against a real API server'), () => { ... });
 *
 * Skipped files carry the reason in their title and in each test's skip note, and the run prints it once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, inject } from 'vitest';
import { kubeCall, type KubeCredentials } from './kube-http.js';

export interface KubeEnv {
  /** True when there is no control plane because the binaries are absent (not when it failed to start). */
  readonly skip: boolean;
  /** `name`, plus the skip reason when skipped. */
  title(name: string): string;
  /** Admin credentials (O=system:masters). Throws when the control plane did not start. */
  admin(): KubeCredentials;
  /** A new namespace named `<prefix>-<random>`; a deleted namespace would stay Terminating (no controllers). */
  namespace(prefix: string): Promise<string>;
  /** A kubeconfig file for these credentials (removed after the file's tests). */
  kubeconfig(creds: KubeCredentials): string;
  /** A scratch folder removed after the file's tests. */
  scratch(): string;
}

export function kubeEnv(): KubeEnv {
  const state = inject('kubeEnv');
  const skip = state.status === 'skipped';
  const temps: string[] = [];
  if (state.status === 'ready') {
    const { port } = new URL(state.info.server);
    // no-network.ts turns the network off; this file talks to the local API server only.
    beforeAll(() => nock.enableNetConnect(`127.0.0.1:${port}`));
  }
  afterAll(() => {
    for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
  });
  let adminCreds: KubeCredentials | undefined;
  const admin = (): KubeCredentials => {
    if (state.status !== 'ready') throw new Error(state.reason);
    adminCreds ??= { server: state.info.server, ca: state.info.ca, cert: state.info.adminCert, key: state.info.adminKey };
    return adminCreds;
  };
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshfed-it-'));
    temps.push(dir);
    return dir;
  };
  return {
    skip,
    title: (name) => (state.status === 'skipped' ? `${name} [skipped: ${state.reason}]` : name),
    admin,
    async namespace(prefix) {
      const name = `${prefix}-${randomBytes(4).toString('hex')}`;
      await kubeCall(admin(), 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      return name;
    },
    kubeconfig(creds) {
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      const user = creds.token ? { token: creds.token } : { 'client-certificate-data': b64(creds.cert ?? ''), 'client-key-data': b64(creds.key ?? '') };
      const file = join(scratch(), 'kubeconfig');
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'envtest', cluster: { server: creds.server, 'certificate-authority-data': b64(creds.ca) } }],
        users: [{ name: 'envtest-user', user }],
        contexts: [{ name: 'envtest', context: { cluster: 'envtest', user: 'envtest-user' } }],
        'current-context': 'envtest',
      };
      writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
      return file;
    },
    scratch,
  };
}
