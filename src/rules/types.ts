import type { Severity } from "../util/finding.js";
import type { CardView, EntryVisit, FlopackIndex } from "./model.js";
import type { TextScan } from "../format/json-text.js";

/** Everything a rule may look at. The document may have failed the JSON Schema: rules must not trust shapes. */
export interface RuleContext {
  /** The read-only view shared by all rules (one traversal of the document). */
  index: FlopackIndex;
  /** The file text and its scan, when validating text (absent for validateFlopack on an object). */
  text?: string;
  scan?: TextScan;
}

/** Reports one issue of the running rule: where (RFC 6901 pointer into the document) and what, in one line. */
export type Report = (pointer: string, message: string) => void;

/**
 * A semantic rule: one file per rule in src/rules, named by its slug. `code` is stable forever (retired codes are
 * listed in retired.ts and never reused). A rule reports issues through `report` (actionlint's `Error(pos, msg)`)
 * and throws only on a bug. It has either or both of:
 * - `check(ctx, report)`: looks at the whole document (for rules that need state across cards);
 * - `visitCard(card, report, ctx)`: called for every card (inline cards included) during the one traversal that
 *   serves all rules, while that card is hot in the CPU cache (actionlint's visitor design);
 * - `visitEntry(entry, report, ctx)`: called for every input and output entry of every card, in the same traversal.
 * Rules run on every validated file: allocate nothing per card, entry or pin on the path where nothing is
 * reported (see model.ts), and build pointers and messages only when reporting.
 */
export interface Rule {
  code: string;
  slug: string;
  severity: Severity;
  description: string;
  check?(ctx: RuleContext, report: Report): void;
  visitCard?(card: CardView, report: Report, ctx: RuleContext): void;
  visitEntry?(entry: EntryVisit, report: Report, ctx: RuleContext): void;
}
