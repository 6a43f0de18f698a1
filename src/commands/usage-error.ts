/** A mistake in how a command was called (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The input federation is invalid (exit code 1); the details were already printed. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** Anything unexpected: a bug in meshfed, or an environment failure it did not anticipate. */
export const EXIT_BUG = 70;
