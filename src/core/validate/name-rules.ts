import type { Located, PeerModel } from '../model/federation-model.js';
import type { ValidationContext } from './validation-context.js';

/** `names/duplicate`: metadata.name is unique per kind within a peer (it names the rendered objects). */
export function checkNames(ctx: ValidationContext, p: PeerModel): void {
  const kinds: [string, readonly Located<{ metadata: { name: string } }>[]][] = [
    ['ServiceExport', p.exports],
    ['ServiceImport', p.imports],
    ['EdgeGateway', p.gateways],
  ];
  for (const [kind, intents] of kinds) {
    const first = new Map<string, Located<{ metadata: { name: string } }>>();
    for (const intent of intents) {
      const name = intent.value.metadata.name;
      const earlier = first.get(name);
      if (earlier) {
        ctx.at(
          intent,
          ['metadata', 'name'],
          'names/duplicate',
          `peer "${p.name}" already has ${article(kind)} ${kind} named "${name}" (${ctx.where(earlier, ['metadata', 'name'])})`,
          `rename one of them: ${article(kind)} ${kind} name must be unique within its peer`,
        );
      } else first.set(name, intent);
    }
  }
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}
