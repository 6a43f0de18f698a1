import { createHash, hash } from 'node:crypto';

/** git's object id of a blob with this content (SHA-1 of `blob <size>\0<bytes>`). */
export function gitBlobSha(content: Uint8Array | string): string {
  // A string is hashed as its UTF-8 bytes without copying it into a Buffer first (3,000 files of a plan's head), in
  // one shot (compile-cache.ts contentHash).
  if (typeof content === 'string') return hash('sha1', `blob ${Buffer.byteLength(content, 'utf8')}\0${content}`, 'hex');
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}
