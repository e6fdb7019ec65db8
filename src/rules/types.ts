import type { Severity } from "../util/finding.js";
import type { CardView, FlopackIndex } from "./model.js";
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

/** Reports one issue from a visitor hook. */
export type Report = (pointer: string, message: string) => void;

/**
 * A semantic rule: one file per rule in src/rules, named by its slug. `code` is stable forever (retired codes are
 * listed in retired.ts and never reused). A rule throws only on a bug. It has either or both of:
 * - `check(ctx)`: looks at the whole document and returns issues (for rules that need state across cards);
 * - `visitCard(card, report, ctx)`: called for every card (inline cards included) during the one traversal that
 *   serves all rules, while that card is hot in the CPU cache (actionlint's visitor design).
 */
export interface Rule {
  code: string;
  slug: string;
  severity: Severity;
  description: string;
  check?(ctx: RuleContext): Iterable<RuleIssue>;
  visitCard?(card: CardView, report: Report, ctx: RuleContext): void;
}
