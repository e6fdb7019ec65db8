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
  for (const rule of rules) {
    try {
      for (const i of rule.check(ctx)) {
        const f: Finding = { code: rule.code, slug: rule.slug, severity: rule.severity, message: i.message, pointer: i.pointer };
        if (file !== undefined) f.file = file;
        findings.push(f);
      }
    } catch (error) {
      findings.push(diagnostic("internal", `rule ${rule.code} ${rule.slug} crashed: ${errorMessage(error)}`, "", file));
    }
  }
  return findings;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
