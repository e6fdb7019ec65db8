import type { Severity } from "../util/finding.js";
import type { FlopackIndex } from "./model.js";
import type { TextScan } from "../format/json-text.js";

/** What a rule reports: where (RFC 6901 pointer into the document) and what, in one line. */
export interface RuleIssue {
  pointer: string;
  message: string;
}

/** Everything a rule may look at. The document may have failed the JSON Schema: rules must not trust shapes. */
export interface RuleContext {
  /** The read-only view shared by all rules (one traversal of the document). */
  index: FlopackIndex;
  /** The file text and its scan, when validating text (absent for validateFlopack on an object). */
  text?: string;
  scan?: TextScan;
}

/**
 * A semantic rule: one file per rule in src/rules, named by its slug. `code` is stable forever (retired codes are
 * listed in retired.ts and never reused). `check` returns issues; it throws only on a bug.
 */
export interface Rule {
  code: string;
  slug: string;
  severity: Severity;
  description: string;
  check(ctx: RuleContext): Iterable<RuleIssue>;
}
