import type { Finding } from "../util/finding.js";
import { diagnostic } from "../format/diagnostics.js";
import type { TextScan } from "../format/json-text.js";
import { buildIndex, entryAt, objAt, type CardView, type EntryVisit, type Obj, type Side } from "./model.js";
import { RULES } from "./registry.js";
import type { Report, Rule, RuleContext } from "./types.js";

export interface RunRulesOptions {
  file?: string;
  text?: string;
  scan?: TextScan;
  rules?: readonly Rule[];
}

/**
 * Runs every rule over one shared index of the document: first each rule's `check`, then one traversal of the
 * cards and their entries for every `visitCard` and `visitEntry`. A rule that throws is a flocode bug: it becomes
 * one `internal-error` finding naming the rule, and the other rules still run.
 */
export function runRules(doc: Obj, options: RunRulesOptions = {}): Finding[] {
  const { file, text, scan, rules = RULES } = options;
  let index;
  try {
    index = buildIndex(doc);
  } catch (error) {
    return [diagnostic("internal", `could not index the document: ${errorMessage(error)}`, "", file)];
  }
  const ctx: RuleContext = { index, ...(text !== undefined ? { text } : {}), ...(scan !== undefined ? { scan } : {}) };
  const out = new Findings(file);
  for (const rule of rules) if (rule.check) out.run(rule, () => rule.check!(ctx, out.report));
  new Traversal(rules, ctx, out).visit(index.cards);
  return out.list;
}

/** The findings of one run. `report` is one function for all rules (no closure per rule, card or entry). */
class Findings {
  readonly list: Finding[] = [];
  /** The rule whose hook runs now: `report` reports for it. */
  running: Rule | undefined;

  constructor(private readonly file: string | undefined) {}

  readonly report: Report = (pointer, message) => {
    const rule = this.running!;
    const f: Finding = { code: rule.code, slug: rule.slug, severity: rule.severity, message, pointer };
    if (this.file !== undefined) f.file = this.file;
    this.list.push(f);
  };

  /** Runs one hook of `rule`, reporting a crash as an internal error. */
  run(rule: Rule, hook: () => void): void {
    this.running = rule;
    try {
      hook();
    } catch (error) {
      this.crashed(rule, error);
    }
  }

  crashed(rule: Rule, error: unknown): void {
    this.list.push(diagnostic("internal", `rule ${rule.code} ${rule.slug} crashed: ${errorMessage(error)}`, "", this.file));
  }
}

const SIDES: readonly Side[] = ["inputs", "outputs"];

/** The one traversal of cards and entries. A visitor that crashes is reported once and dropped. */
class Traversal {
  private readonly cardVisitors: Rule[];
  private readonly entryVisitors: Rule[];
  private entry: EntryVisit | undefined; // reused for every entry

  constructor(
    rules: readonly Rule[],
    private readonly ctx: RuleContext,
    private readonly out: Findings,
  ) {
    this.cardVisitors = rules.filter((r) => r.visitCard !== undefined);
    this.entryVisitors = rules.filter((r) => r.visitEntry !== undefined);
  }

  visit(cards: readonly CardView[]): void {
    const { ctx, out } = this;
    for (const card of cards) {
      for (let v = 0; v < this.cardVisitors.length; v++) {
        const rule = this.cardVisitors[v]!;
        out.running = rule;
        try {
          rule.visitCard!(card, out.report, ctx);
        } catch (error) {
          out.crashed(rule, error);
          this.cardVisitors.splice(v--, 1);
        }
      }
      if (this.entryVisitors.length > 0) for (const side of SIDES) this.visitEntries(card, side);
    }
  }

  private visitEntries(card: CardView, side: Side): void {
    const { ctx, out } = this;
    const entries = side === "inputs" ? card.inputData : card.outputData;
    for (const key in entries) {
      const raw = entryAt(entries, key);
      if (!raw) continue;
      const entry = (this.entry ??= { card, side, key, raw, value: undefined });
      entry.card = card;
      entry.side = side;
      entry.key = key;
      entry.raw = raw;
      entry.value = objAt(raw, "value");
      for (let v = 0; v < this.entryVisitors.length; v++) {
        const rule = this.entryVisitors[v]!;
        out.running = rule;
        try {
          rule.visitEntry!(entry, out.report, ctx);
        } catch (error) {
          out.crashed(rule, error);
          this.entryVisitors.splice(v--, 1);
        }
      }
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
