import { z } from "zod";
import { formatRegistry } from "./registry.js";
import { FlopackSchema } from "./envelope.js";

/** The `$id` of the generated JSON Schema (stable: editors and other tools may refer to it). */
export const FLOPACK_SCHEMA_ID = "https://flocode.dev/schemas/flopack.schema.json";

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a flopack, generated from the zod model (the single source of truth). Named schemas from
 * `formatRegistry` become `$defs`. Anything JSON Schema cannot express makes generation fail (`unrepresentable:
 * "throw"`) instead of silently widening the schema. Pure and deterministic: same model → same object.
 */
export function buildFlopackJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(FlopackSchema, {
    target: "draft-2020-12",
    unrepresentable: "throw",
    metadata: formatRegistry,
    cycles: "ref",
    reused: "inline",
  }) as JsonSchema;
  const { $schema, ...rest } = schema;
  return dropStringPropertyNames({ $schema, $id: FLOPACK_SCHEMA_ID, ...rest }) as JsonSchema;
}

/**
 * zod writes `propertyNames: {type: "string"}` on every record. JSON object keys are always strings, so the
 * keyword says nothing, but ajv would loop over every key of every map to check it. Returns a new tree.
 */
function dropStringPropertyNames(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropStringPropertyNames);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "propertyNames" && isStringTypeOnly(v)) continue;
    Object.defineProperty(out, k, { value: dropStringPropertyNames(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isStringTypeOnly(v: unknown): boolean {
  return typeof v === "object" && v !== null && Object.keys(v).length === 1 && (v as { type?: unknown }).type === "string";
}
