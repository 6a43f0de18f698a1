/**
 * vitest globalSetup of the `integration` project: one control plane for all integration test files of a
 * run (each test isolates itself in fresh namespaces). Measured on the shared 2-core machine with the 5
 * integration files (22 tests), `/usr/bin/time npx vitest run --project integration`: one control plane here
 * took 40 s wall and 28 s CPU; one per file (each file's beforeAll starting its own) 71 s wall and 53 s CPU,
 * about 5 s of CPU per extra start (etcd, kube-apiserver, 15 CRDs Established). vitest runs it only when integration files are part
 * of the run, so `npx vitest run test/core` starts nothing. Without binaries it starts nothing either, and
 * the tests skip with the reason (kube-env.ts); a failed start with binaries present fails them instead.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startControlPlane, type ControlPlaneInfo } from './control-plane.js';
import { findKubeAssets } from './kube-assets.js';

export type KubeEnvState =
  | { readonly status: 'ready'; readonly info: ControlPlaneInfo }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    kubeEnv: KubeEnvState;
  }
}

const REPO = join(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const found = findKubeAssets(REPO, process.env);
  if (!found.ok) {
    process.stderr.write(`\nintegration tests against a real kube-apiserver are SKIPPED: ${found.reason}\n\n`);
    project.provide('kubeEnv', { status: 'skipped', reason: found.reason });
    return undefined;
  }
  try {
    const plane = await startControlPlane(found.assets);
    process.stderr.write(`\nintegration tests: kube-apiserver at ${plane.info.server}, ready with Istio's CRDs in ${plane.info.startMs} ms\n`);
    project.provide('kubeEnv', { status: 'ready', info: plane.info });
    return () => plane.stop();
  } catch (e) {
    const reason = `the test control plane did not start: ${(e as Error).message}`;
    process.stderr.write(`\n${reason}\n\n`);
    project.provide('kubeEnv', { status: 'failed', reason });
    return undefined;
  }
}
