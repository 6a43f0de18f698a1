import type { ValidationContext } from './validation-context.js';

/** `federation/missing`: the federation needs its Federation intent (duplicates are the loader's). */
export function checkFederation(ctx: ValidationContext): void {
  if (ctx.model.federation !== undefined) return;
  const file = `${ctx.prefix}federation.yaml`;
  // A broken federation.yaml (or a federation.yml to rename) was reported by the loader already.
  if (ctx.mayBeRejected(undefined, 'Federation', undefined, (f) => f.toLowerCase() === file || f.toLowerCase() === `${ctx.prefix}federation.yml`)) return;
  ctx.atPosition(
    file,
    { line: 1, col: 1 },
    'federation/missing',
    'the federation has no Federation intent',
    `create ${file} with kind: Federation, metadata.name, spec.meshID and spec.rootCA.fingerprint (see docs/intents.md)`,
  );
}
