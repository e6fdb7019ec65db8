import type { Finding } from "../util/finding.js";
import { diagnostic } from "../format/diagnostics.js";
import type { TextScan } from "../format/json-text.js";
import { buildIndex, type Obj } from "./model.js";
import { RULES } from "./registry.js";
import type { Rule } from "./types.js";

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
  const ctx = { index, ...(text !== undefined ? { text } : {}), ...(scan !== undefined ? { scan } : {}) };
  const push = (rule: Rule, pointer: string, message: string) => {
    const f: Finding = { code: rule.code, slug: rule.slug, severity: rule.severity, message, pointer };
    if (file !== undefined) f.file = file;
    findings.push(f);
  };
  const crashed = (rule: Rule, error: unknown) =>
    findings.push(diagnostic("internal", `rule ${rule.code} ${rule.slug} crashed: ${errorMessage(error)}`, "", file));

  for (const rule of rules) {
    if (!rule.check) continue;
    try {
      for (const i of rule.check(ctx)) push(rule, i.pointer, i.message);
    } catch (error) {
      crashed(rule, error);
    }
  }
  // One traversal of the cards serves every card visitor; a visitor that throws is reported once and dropped.
  const visitors = rules
    .filter((r) => r.visitCard !== undefined)
    .map((rule) => ({ rule, visit: rule.visitCard!.bind(rule), report: (pointer: string, message: string) => push(rule, pointer, message), alive: true }));
  for (const card of index.cards) {
    for (const v of visitors) {
      if (!v.alive) continue;
      try {
        v.visit(card, v.report, ctx);
      } catch (error) {
        v.alive = false;
        crashed(v.rule, error);
      }
    }
  }
  return findings;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
