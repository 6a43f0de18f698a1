/**
 * A mistake in how a command was called: an unknown command or option, a missing or malformed value (exit code 2).
 * `hint` says how to call it instead; the CLI adds where the command's help is.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The input is wrong (exit code 1): the federation, a folder, a file, a ref or a peer the command names. The
 * message says what and how to fix it; federation diagnostics were already printed.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** Anything unexpected: a bug in meshfed, or an environment failure it did not anticipate. */
export const EXIT_BUG = 70;
