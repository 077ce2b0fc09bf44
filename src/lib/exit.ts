// Exit codes, every command (contract): 0 all good · 1 a problem was found · 2 used wrongly.
export const EXIT = { OK: 0, PROBLEM: 1, USAGE: 2 } as const;

/** A mistake in how the command was called: message to stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  readonly yargsUsage = true;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A problem the user must fix that stops the command (exit 1), e.g. an unparseable file setup must not touch. */
export class ProblemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemError';
  }
}
