export class RefNotFoundError extends Error {
  constructor(
    readonly ref: string,
    options?: { cause?: unknown },
  ) {
    super(`commit ${ref} is not in the repository any more (force-pushed, or its branch was deleted)`, options);
    this.name = 'RefNotFoundError';
  }
}
