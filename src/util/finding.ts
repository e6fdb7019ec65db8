/**
 * A finding is data: rule code and slug, severity, one-line message, RFC 6901 pointer into the document,
 * and optionally a source position. Rendering (text, JSON) is done by the CLI, never by the producer.
 */
import { compareStrings } from "./compare.js";

export type Severity = "error" | "warning";

export interface SourcePosition {
  file: string;
  line?: number; // 1-based
  column?: number; // 1-based
}

export interface Finding {
  /** Stable code, e.g. `FP101`. Codes are never reused. */
  code: string;
  /** Readable kebab-case name, e.g. `orderings-resolve`. */
  slug: string;
  severity: Severity;
  message: string;
  /** JSON pointer into the checked document; `""` is the whole document. */
  pointer: string;
  /** The file the finding is about (set by the caller that knows it). */
  file?: string;
  source?: SourcePosition;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file ?? "", b.file ?? "") ||
    (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
    (a.source?.column ?? 0) - (b.source?.column ?? 0) ||
    compareStrings(a.pointer, b.pointer) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

/** `file: /json/pointer: FP101 slug message` (the line format of the CLI contract). */
export function formatFinding(f: Finding): string {
  const where =
    f.source?.line !== undefined ? `${f.source.file}:${f.source.line}${f.source.column ? ":" + f.source.column : ""}` : (f.file ?? "");
  const sev = f.severity === "warning" ? " (warning)" : "";
  return `${where}: ${f.pointer || "/"}: ${[f.code, f.slug, f.message].filter((s) => s !== "").join(" ")}${sev}`;
}
