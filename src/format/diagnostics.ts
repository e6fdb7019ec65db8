import type { Finding, Severity } from "../util/finding.js";

/**
 * Findings that do not come from a semantic rule: the file could not be read, is not JSON, or does not match the
 * JSON Schema. Their codes share the FP namespace with the rules (FP0xx here, FP1xx/FP2xx in src/rules) and,
 * like rule codes, are never reused.
 */
export interface Diagnostic {
  code: string;
  slug: string;
  severity: Severity;
  description: string;
}

export const DIAGNOSTICS = {
  io: { code: "FP001", slug: "io-error", severity: "error", description: "The file cannot be read (missing, a directory, too large)." },
  empty: { code: "FP002", slug: "empty-file", severity: "error", description: "The file is empty or holds only whitespace." },
  binary: { code: "FP003", slug: "not-text", severity: "error", description: "The file is binary or not valid UTF-8 text." },
  syntax: {
    code: "FP004",
    slug: "json-syntax",
    severity: "error",
    description: "The file is not valid JSON; the finding names line and column.",
  },
  depth: {
    code: "FP005",
    slug: "json-depth",
    severity: "error",
    description: "The JSON nests deeper than any real export could (limit 256 levels).",
  },
  notObject: {
    code: "FP006",
    slug: "not-an-object",
    severity: "error",
    description: "The JSON document is not an object (an array, string, number, boolean or null).",
  },
  numberRange: {
    code: "FP007",
    slug: "json-number-range",
    severity: "error",
    description: "A number too large for a double (such as 1e400): it reads as Infinity, which no JSON writer can write back.",
  },
  duplicateKey: {
    code: "FP008",
    slug: "json-duplicate-key",
    severity: "warning",
    description:
      "A key written twice in one object. JSON.parse keeps the last copy, so the first is invisible to every tool built on it (flocode's too): remove one.",
  },
  schema: {
    code: "FP010",
    slug: "schema",
    severity: "error",
    description: "The document does not match the JSON Schema generated from the zod model (schemas/flopack.schema.json).",
  },
  internal: {
    code: "FP099",
    slug: "internal-error",
    severity: "error",
    description: "A rule crashed on this input. This is a flocode bug: please report it with the file.",
  },
} as const satisfies Record<string, Diagnostic>;

export type DiagnosticName = keyof typeof DIAGNOSTICS;

export function diagnostic(name: DiagnosticName, message: string, pointer: string, file?: string): Finding {
  const d = DIAGNOSTICS[name];
  const f: Finding = { code: d.code, slug: d.slug, severity: d.severity, message, pointer };
  if (file !== undefined) f.file = file;
  return f;
}
