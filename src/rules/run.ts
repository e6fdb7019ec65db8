import type { Finding } from "../util/finding.js";
import { diagnostic } from "../format/diagnostics.js";
import type { TextScan } from "../format/json-text.js";
import { buildIndex, entryAt, objAt, type EntryVisit, type Obj, type Side } from "./model.js";
import { RULES } from "./registry.js";
import type { Report, Rule, RuleContext } from "./types.js";

const SIDES: readonly Side[] = ["inputs", "outputs"];

export interface RunRulesOptions {
  file?: string;
  text?: string;
  scan?: TextScan;
  rules?: readonly Rule[];
}

/**
 * Runs every rule over one shared index of the document. A rule that throws is a flocode bug: it becomes one
 * `internal-error` finding naming the rule, and the other rules still run.
 */
export function runRules(doc: Obj, options: RunRulesOptions = {}): Finding[] {
  const { file, text, scan, rules = RULES } = options;
  const findings: Finding[] = [];
  let index;
  try {
    index = buildIndex(doc);
  } catch (error) {
    return [diagnostic("internal", `could not index the document: ${errorMessage(error)}`, "", file)];
  }
  const ctx: RuleContext = { index, ...(text !== undefined ? { text } : {}), ...(scan !== undefined ? { scan } : {}) };
  // One report function for all rules (no closure per rule or card): it reports for the rule running now.
  let running: Rule | undefined;
  const report: Report = (pointer, message) => {
    const rule = running!;
    const f: Finding = { code: rule.code, slug: rule.slug, severity: rule.severity, message, pointer };
    if (file !== undefined) f.file = file;
    findings.push(f);
  };
  const crashed = (rule: Rule, error: unknown) =>
    findings.push(diagnostic("internal", `rule ${rule.code} ${rule.slug} crashed: ${errorMessage(error)}`, "", file));

  for (const rule of rules) {
    if (!rule.check) continue;
    running = rule;
    try {
      rule.check(ctx, report);
    } catch (error) {
      crashed(rule, error);
    }
  }

  // One traversal of the cards and their entries serves every visitor; a visitor that throws is reported once
  // and dropped. Plain loops: no closure or object per card or entry.
  const cardVisitors = rules.filter((r) => r.visitCard !== undefined);
  const entryVisitors = rules.filter((r) => r.visitEntry !== undefined);
  const cardAlive = cardVisitors.map(() => true);
  const entryAlive = entryVisitors.map(() => true);
  let entry: EntryVisit | undefined;
  for (const card of index.cards) {
    for (let v = 0; v < cardVisitors.length; v++) {
      if (!cardAlive[v]) continue;
      const rule = (running = cardVisitors[v]!);
      try {
        rule.visitCard!(card, report, ctx);
      } catch (error) {
        cardAlive[v] = false;
        crashed(rule, error);
      }
    }
    for (const side of SIDES) {
      const entries = side === "inputs" ? card.inputData : card.outputData;
      for (const key in entries) {
        const raw = entryAt(entries, key);
        if (!raw) continue;
        entry ??= { card, side, key, raw, value: undefined };
        entry.card = card;
        entry.side = side;
        entry.key = key;
        entry.raw = raw;
        entry.value = objAt(raw, "value");
        for (let v = 0; v < entryVisitors.length; v++) {
          if (!entryAlive[v]) continue;
          const rule = (running = entryVisitors[v]!);
          try {
            rule.visitEntry!(entry, report, ctx);
          } catch (error) {
            entryAlive[v] = false;
            crashed(rule, error);
          }
        }
      }
    }
  }
  return findings;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
