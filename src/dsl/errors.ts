import { UserError } from "../util/errors.js";
import type { CallSite } from "./types.js";

/** A mistake in a flow file: reported as `file:line:col: message`, exit 1, nothing written. */
export class DslError extends UserError {
  constructor(
    message: string,
    readonly site?: CallSite,
  ) {
    super(site ? `${site.file}:${site.line}:${site.column}: ${message}` : message, 1);
    this.name = "DslError";
  }
}
