/** Exit codes of the command line (docs/architecture.md, "Command line"). */
export const EXIT = {
  done: 0,
  failed: 1,
  invalidInput: 2,
  interrupted: 130,
} as const;

/** An error the CLI reports as one line plus a hint, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
