/** A promise's outcome as a value. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * `p`'s outcome, never rejected: work started early (git in its own process while the CLI compiles) and awaited
 * later must not become an unhandled rejection meanwhile. `valueOf` gives the value back or throws the error.
 */
export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export async function valueOf<T>(settled: Promise<Settled<T>>): Promise<T> {
  const s = await settled;
  if (!s.ok) throw s.error;
  return s.value;
}
