import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";
import type { Finding } from "../util/finding.js";
import { diagnostic } from "./diagnostics.js";
import { buildFlopackJsonSchema } from "./json-schema.js";
import { CHECKSUM, CREATED, METHOD_UUID, UUID_V4 } from "./ids.js";

/**
 * JSON Schema validation with ajv. The validator is compiled once, on first use, from the same object that
 * `npm run schemas` writes to schemas/flopack.schema.json, so the file and the runtime can never disagree.
 * ajv's raw errors are reduced to one finding per JSON pointer with a readable message.
 */
let fast: ValidateFunction | undefined;
let detailed: ValidateFunction | undefined;

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;

export function createAjv(detailedErrors = true): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: detailedErrors, strict: true, allowUnionTypes: true, verbose: detailedErrors });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object or the plugin itself.
  const mod = formatsModule as unknown as FormatsPlugin | { default: FormatsPlugin };
  const addFormats = typeof mod === "function" ? mod : mod.default;
  addFormats(ajv);
  return ajv;
}

// Two validators from one schema: a fast one that stops at the first error (the common, valid case costs
// least), and one collecting every error with its data, compiled only when a document fails.
function fastValidator(): ValidateFunction {
  fast ??= createAjv(false).compile(buildFlopackJsonSchema());
  return fast;
}

function detailedValidator(): ValidateFunction {
  detailed ??= createAjv(true).compile(buildFlopackJsonSchema());
  return detailed;
}

/** The most schema findings reported for one document; the rest are summarised in one more finding. */
export const MAX_SCHEMA_FINDINGS = 50;

export function checkSchema(doc: unknown, file?: string): Finding[] {
  if (fastValidator()(doc)) return [];
  const validate = detailedValidator();
  if (validate(doc)) return []; // unreachable: same schema
  const errors = reduceErrors(validate.errors ?? []);
  const findings: Finding[] = [];
  for (const [pointer, group] of errors) {
    if (findings.length === MAX_SCHEMA_FINDINGS) {
      findings.push(diagnostic("schema", `${errors.size - MAX_SCHEMA_FINDINGS} more schema errors not shown`, "", file));
      break;
    }
    findings.push(diagnostic("schema", describeGroup(group), pointer, file));
  }
  return findings;
}

/**
 * Unions are where ajv gets noisy: every branch reports its own errors. For each failed anyOf/oneOf (innermost
 * first) keep only the errors that got deepest into the value, the branch that was most likely meant. Then
 * group what is left by pointer (the pointer of a missing or unexpected key includes the key).
 */
function reduceErrors(raw: readonly ErrorObject[]): Map<string, ErrorObject[]> {
  let errors = raw.filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf");
  const unions = raw
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .sort((a, b) => depth(b.instancePath) - depth(a.instancePath));
  for (const u of unions) {
    const under = (e: ErrorObject) => e.instancePath === u.instancePath || e.instancePath.startsWith(u.instancePath + "/");
    const inside = errors.filter(under);
    if (inside.length === 0) continue;
    const deepest = Math.max(...inside.map((e) => depth(errorPointer(e))));
    errors = errors.filter((e) => !under(e) || depth(errorPointer(e)) === deepest);
  }
  const groups = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const p = errorPointer(e);
    const g = groups.get(p);
    if (g) g.push(e);
    else groups.set(p, [e]);
  }
  return groups;
}

function depth(pointer: string): number {
  let d = 0;
  for (let i = 0; i < pointer.length; i++) if (pointer.charCodeAt(i) === 47) d++;
  return d;
}

function errorPointer(e: ErrorObject): string {
  const key =
    e.keyword === "required"
      ? (e.params as { missingProperty: string }).missingProperty
      : e.keyword === "additionalProperties"
        ? (e.params as { additionalProperty: string }).additionalProperty
        : undefined;
  return key === undefined ? e.instancePath : `${e.instancePath}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

function describeGroup(group: ErrorObject[]): string {
  const first = group[0]!;
  if (group.length === 1) return describe(first);
  const expectations = [...new Set(group.map(expectation))];
  return `${describeFound(first.data)} does not match: expected ${expectations.join(", or ")}`;
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case "required":
      return `missing required key ${JSON.stringify((e.params as { missingProperty: string }).missingProperty)}`;
    case "additionalProperties":
      return `unexpected key ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)} (not allowed here)`;
    default:
      return `${describeFound(e.data)}: expected ${expectation(e)}`;
  }
}

const PATTERN_NAMES = new Map<string, string>([
  [UUID_V4.source, "a lowercase UUID v4"],
  [METHOD_UUID.source, "a card uuid (7–12 characters of [A-Za-z0-9_-])"],
  [CREATED.source, "an ISO-8601 UTC time with milliseconds, e.g. 2026-01-01T00:00:00.000Z"],
  [CHECKSUM.source, "64 lowercase hex characters"],
]);

function expectation(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type":
      return `${String(p.type)}`;
    case "const":
      return JSON.stringify(p.allowedValue);
    case "enum":
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return PATTERN_NAMES.get(String(p.pattern)) ?? `a string matching ${String(p.pattern)}`;
    case "minItems":
    case "maxItems":
      return `exactly ${String(p.limit)} items`;
    case "required":
      return `key ${JSON.stringify(p.missingProperty)}`;
    case "additionalProperties":
      return "no other keys";
    default:
      return e.message ?? e.keyword;
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
    default:
      return typeof data;
  }
}
