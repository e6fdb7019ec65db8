import { compareFindings, type Finding } from "../util/finding.js";
import { diagnostic } from "../format/diagnostics.js";
import type { Flopack } from "../format/envelope.js";
import { parseJsonDocument } from "../format/parse.js";
import { checkSchema } from "../format/schema-check.js";
import { isObj } from "./model.js";
import { runRules } from "./run.js";

export interface ValidateOptions {
  /** Set on every finding. */
  file?: string;
}

/**
 * Validates a flopack object (for example one just built): JSON Schema, then every rule. Pure: reads nothing,
 * writes nothing, never throws, and does not modify `flopack`. Findings are sorted (compareFindings).
 * Text-level checks (compact-json) need the text: use validateText for a file.
 */
export function validateFlopack(flopack: Flopack | Record<string, unknown>, options: ValidateOptions = {}): Finding[] {
  const { file } = options;
  if (!isObj(flopack)) return [diagnostic("notObject", "the document is not a JSON object", "", file)];
  const findings = safeSchema(flopack, file).concat(runRules(flopack, file !== undefined ? { file } : {}));
  return findings.sort(compareFindings);
}

/** Validates file contents: JSON syntax and nesting, JSON Schema, every rule (including text-level rules). */
export function validateText(text: string, file: string): Finding[] {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.ok) return parsed.findings;
  const findings = safeSchema(parsed.value, file).concat(
    runRules(parsed.value, { file, text: parsed.text, scan: parsed.scan }),
    parsed.warnings,
  );
  return findings.sort(compareFindings);
}

// ajv's generated code recurses with the data: an object built in code (not parsed from checked text) could
// nest deep enough to overflow the stack. That must be a finding, not a crash.
function safeSchema(doc: Record<string, unknown>, file: string | undefined): Finding[] {
  try {
    return checkSchema(doc, file);
  } catch (error) {
    const message =
      error instanceof RangeError ? "the document nests too deeply to validate" : `schema validation failed: ${String(error)}`;
    return [diagnostic(error instanceof RangeError ? "depth" : "internal", message, "", file)];
  }
}
