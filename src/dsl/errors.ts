import { UserError } from "../util/errors.js";
import type { CallSite } from "./types.js";

/** A mistake in a flow file: reported as `file:line:col: message`, exit 1, nothing written. */
export class DslError extends UserError {
  constructor(
    readonly detail: string,
    readonly site?: CallSite,
  ) {
    super(site ? `${site.file}:${site.line}:${site.column}: ${detail}` : detail, 1);
    this.name = "DslError";
  }
}

/**
 * Every mistake of one build target, in source order (file, line, column): what a build reports when a target
 * fails. The message holds one mistake a line.
 */
export class FlowFileErrors extends UserError {
  constructor(readonly errors: readonly DslError[]) {
    super(errors.map((e) => e.message).join("\n"), 1);
    this.name = "FlowFileErrors";
  }
}
