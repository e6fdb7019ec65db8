import { readBounded } from "../util/bounded-read.js";
import { compareFindings, type Finding } from "../util/finding.js";
import { diagnostic } from "./diagnostics.js";
import type { Flopack } from "./envelope.js";
import { locateJsonError } from "./json-syntax.js";
import { MAX_JSON_DEPTH, lineColumn, scanJsonText, type TextScan } from "./json-text.js";
import { checkSchema } from "./schema-check.js";
import { jsonValueProblems } from "./json-values.js";

/**
 * Reading a flopack: bytes → text → JSON → an object that matches the JSON Schema. Every failure is a finding
 * (never a throw): missing file, directory, binary, empty, JSON syntax (with line and column), absurd nesting
 * (checked on the text before any recursive code sees the value), non-object JSON, schema mismatch.
 */
export type ParseResult = { ok: true; flopack: Flopack; text: string; warnings: Finding[] } | { ok: false; findings: Finding[] };

/** A JSON document that parsed, before any schema check; `warnings`: duplicate keys (the first copies are lost). */
export type JsonResult =
  { ok: true; value: Record<string, unknown>; text: string; scan: TextScan; warnings: Finding[] } | { ok: false; findings: Finding[] };

/** Larger than any real export by two orders of magnitude (the largest is 1.8 MB). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export function readFlopackFile(path: string): ParseResult {
  const read = readTextFile(path);
  return read.ok ? parseFlopackText(read.text, path) : read;
}

export function parseFlopackText(text: string, file: string): ParseResult {
  const json = parseJsonDocument(text, file);
  if (!json.ok) return json;
  const findings = checkSchema(json.value, file);
  if (findings.length > 0) return { ok: false, findings: findings.sort(compareFindings) };
  return { ok: true, flopack: json.value as Flopack, text, warnings: json.warnings };
}

/**
 * Reads a file as UTF-8 text; I/O problems become `io-error` findings, binary content `not-text`. The size limit
 * holds on streams and devices too (read in chunks, stopped at the limit), and a stream that sends nothing ends
 * the read instead of waiting forever (src/util/bounded-read.ts).
 */
export function readTextFile(path: string): { ok: true; text: string } | { ok: false; findings: Finding[] } {
  const read = readBounded(path, { maxBytes: MAX_FILE_BYTES, stopAtNul: true });
  if (!read.ok) {
    if (read.kind === "nul") return fail("binary", `file is binary, not JSON text (NUL byte at offset ${read.offset})`, path);
    return fail("io", read.message, path);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(read.bytes) };
  } catch {
    return fail("binary", "file is not valid UTF-8 text", path);
  }
}

/** Text → JSON object, or findings. Exposed for validateText, which needs the scan and runs rules on bad schemas too. */
export function parseJsonDocument(text: string, file: string): JsonResult {
  if (text.trim() === "") return fail("empty", "file is empty (expected a flopack JSON object)", file);
  const scan = scanJsonText(text);
  if (scan.tooDeepAt !== -1) {
    const { line, column } = lineColumn(text, scan.tooDeepAt);
    return {
      ok: false,
      findings: [
        withSource(
          diagnostic("depth", `JSON nests deeper than ${MAX_JSON_DEPTH} levels at line ${line} column ${column}`, "", file),
          file,
          line,
          column,
        ),
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const located = locateJsonError(text) ?? { offset: 0, message: "invalid JSON" };
    const { line, column } = lineColumn(text, located.offset);
    const hint = text.charCodeAt(0) === 0xfeff ? " (the file starts with a byte-order mark)" : "";
    return {
      ok: false,
      findings: [
        withSource(
          diagnostic("syntax", `invalid JSON at line ${line} column ${column}: ${located.message}${hint}`, "", file),
          file,
          line,
          column,
        ),
      ],
    };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return fail("notObject", `the document is ${kind}; a flopack is a JSON object`, file);
  }
  const problems = jsonValueProblems(value, text, scan);
  if (problems.nonFinite.length > 0)
    return {
      ok: false,
      findings: problems.nonFinite.map((n) =>
        diagnostic("numberRange", `number out of range: it reads as ${n.value} (JSON numbers must fit a double)`, n.pointer, file),
      ),
    };
  const warnings = problems.duplicates.map((d) =>
    withSource(
      diagnostic(
        "duplicateKey",
        `key ${JSON.stringify(d.key)} is written twice in this object: the last copy counts, the first (${d.dropped}) is ignored`,
        d.pointer,
        file,
      ),
      file,
      d.line,
      d.column,
    ),
  );
  return { ok: true, value: value as Record<string, unknown>, text, scan, warnings };
}

function fail(name: "io" | "binary" | "empty" | "notObject", message: string, file: string): { ok: false; findings: Finding[] } {
  return { ok: false, findings: [diagnostic(name, message, "", file)] };
}

function withSource(f: Finding, file: string, line: number, column: number): Finding {
  return { ...f, source: { file, line, column } };
}
