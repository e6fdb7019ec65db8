import type { z } from "zod";
import type { Finding } from "../util/finding.js";
import { encodePointerSegment } from "../util/json-pointer.js";
import { diagnostic } from "./diagnostics.js";
import { CHECKSUM, CREATED, METHOD_UUID, UUID_V4 } from "./ids.js";
import { fastValidator } from "./schema-fast.js";
import { envelopeModule } from "./zod-model.js";

export { createAjv, flopackValidatorCode } from "./schema-fast.js";

/** The most schema findings reported for one document; the rest are summarised in one more finding. */
export const MAX_SCHEMA_FINDINGS = 50;

/**
 * Schema validation in two steps.
 * 1. ajv (schema-fast.ts: generated from the same zod model as schemas/flopack.schema.json, compiled ahead of time
 *    by `npm run build`), stopping at the first error: the common, valid case costs least.
 * 2. Only when a document fails: the zod model itself (the schema's source) collects every issue in one linear
 *    pass. (ajv with allErrors is quadratic in the number of errors across $refs: 5,000 bad entries took 3 s.)
 *    Issues are reduced to one finding per JSON pointer with a readable message.
 */
export function checkSchema(doc: unknown, file?: string): Finding[] {
  if (fastValidator()(doc)) return [];
  const result = envelopeModule().FlopackSchema.safeParse(doc, { reportInput: true });
  if (result.success) return [diagnostic("schema", "the document does not match the JSON Schema", "", file)];
  const groups = new Map<string, Flat[]>();
  for (const f of flatten(result.error.issues, [], doc)) {
    const g = groups.get(f.pointer);
    if (g) g.push(f);
    else groups.set(f.pointer, [f]);
  }
  const findings: Finding[] = [];
  for (const [pointer, group] of groups) {
    if (findings.length === MAX_SCHEMA_FINDINGS) {
      findings.push(diagnostic("schema", `${groups.size - MAX_SCHEMA_FINDINGS} more schema errors not shown`, "", file));
      break;
    }
    findings.push(diagnostic("schema", describeGroup(group), pointer, file));
  }
  return findings;
}

type Issue = z.core.$ZodIssue;

interface Flat {
  pointer: string;
  issue: Issue;
  /** The key is absent (a required key is missing). */
  missing: boolean;
  key?: string;
}

/**
 * Issues → one flat list with absolute pointers. A failed union keeps only the branch(es) that got deepest into
 * the value: the branch that was most likely meant (ties keep every tied branch).
 */
function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[], doc: unknown): Flat[] {
  const out: Flat[] = [];
  for (const issue of issues) {
    const path = prefix.concat(issue.path);
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const depths = issue.errors.map(depthOf);
      const best = Math.max(...depths);
      issue.errors.forEach((branch, i) => {
        if (depths[i] === best) out.push(...flatten(branch, path, doc));
      });
    } else if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ pointer: toPointer(path.concat(key)), issue, missing: false, key });
    } else {
      out.push({ pointer: toPointer(path), issue, missing: isMissing(doc, path) });
    }
  }
  return out;
}

function depthOf(branch: readonly Issue[]): number {
  let d = 0;
  for (const i of branch) {
    const nested = i.code === "invalid_union" && i.errors.length > 0 ? Math.max(...i.errors.map(depthOf)) : 0;
    d = Math.max(d, i.path.length + nested);
  }
  return d;
}

function toPointer(path: readonly PropertyKey[]): string {
  let p = "";
  for (const s of path) p += "/" + encodePointerSegment(typeof s === "symbol" ? String(s.description) : s);
  return p;
}

/** Whether the last key of `path` is absent from its parent in `doc` (walked iteratively, own keys only). */
function isMissing(doc: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let o: unknown = doc;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof o !== "object" || o === null) return false;
    const k = path[i]!;
    o = Object.hasOwn(o, k) ? (o as Record<PropertyKey, unknown>)[k] : undefined;
  }
  return typeof o === "object" && o !== null && !Array.isArray(o) && !Object.hasOwn(o, path[path.length - 1]!);
}

function describeGroup(group: Flat[]): string {
  const first = group[0]!;
  if (first.missing) return `missing required key ${JSON.stringify(String(pathEnd(first.pointer)))}`;
  if (first.issue.code === "unrecognized_keys") return `unexpected key ${JSON.stringify(first.key)} (not allowed here)`;
  const expectations = [...new Set(group.map((f) => expectation(f.issue)))];
  return `${describeFound(first.issue.input)}: expected ${expectations.join(", or ")}`;
}

function pathEnd(pointer: string): string {
  return pointer
    .slice(pointer.lastIndexOf("/") + 1)
    .replace(/~1/g, "/")
    .replace(/~0/g, "~");
}

const PATTERN_NAMES = new Map<string, string>([
  [String(UUID_V4), "a lowercase UUID v4"],
  [String(METHOD_UUID), "a card uuid (7–12 characters of [A-Za-z0-9_-])"],
  [String(CREATED), "an ISO-8601 UTC time with milliseconds, e.g. 2026-01-01T00:00:00.000Z"],
  [String(CHECKSUM), "64 lowercase hex characters"],
]);

function expectation(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "record" ? "object" : issue.expected;
    case "invalid_value":
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return (
        (issue.pattern !== undefined ? PATTERN_NAMES.get(issue.pattern) : undefined) ?? `a string matching ${issue.pattern ?? issue.format}`
      );
    case "too_small":
    case "too_big":
      return issue.origin === "array" ? `exactly 2 items (a [from, to] pair)` : issue.message;
    default:
      return issue.message;
  }
}

function describeFound(data: unknown): string {
  if (data === null) return "null";
  if (Array.isArray(data)) return `array (${data.length} items)`;
  switch (typeof data) {
    case "string":
      return data.length > 40 ? `string ${JSON.stringify(data.slice(0, 40))}…` : `string ${JSON.stringify(data)}`;
    case "number":
    case "boolean":
      return `${typeof data} ${String(data)}`;
    case "object":
      return "object";
    case "undefined":
      return "nothing";
    default:
      return typeof data;
  }
}
