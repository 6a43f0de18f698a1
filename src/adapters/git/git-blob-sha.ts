import { createHash } from 'node:crypto';

/** git's object id of a blob with this content (SHA-1 of `blob <size>\0<bytes>`). */
export function gitBlobSha(content: Uint8Array | string): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
