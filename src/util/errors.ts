/**
 * An error meant for the user: printed as one clear line, never as a stack trace.
 * `exitCode` follows the CLI contract: 1 = findings / invalid input, 2 = usage or I/O error.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}
