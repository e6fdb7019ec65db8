/**
 * Okta's automatic conversions on pins (FLOPACK.md §5.4): a pin carries a transform exactly when the source
 * and target differ in primitive type or collection flag (an object schema counts as "object").
 */
import type { IrTransform } from "../ir/types.js";
import type { JsonObject } from "../util/json.js";

export interface ValueType {
  type: string | JsonObject;
  collection: boolean;
}

export function primitiveOf(t: ValueType["type"]): string {
  return typeof t === "string" ? t : "object";
}

/** A type for a message: Okta's type names as they are, any other text (an export's, untrusted) quoted. */
export function describeType(t: ValueType): string {
  const name = primitiveOf(t.type);
  return `${/^[A-Za-z][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name)}${t.collection ? "[]" : ""}`;
}

/** The transform for a pin from `src` to `dst`; null when none is needed; "incompatible" when Okta has none. */
export function conversion(src: ValueType, dst: ValueType): IrTransform | null | "incompatible" {
  const s = primitiveOf(src.type);
  const d = primitiveOf(dst.type);
  const make = (convert: string): IrTransform => ({ convert, forceWrapArray: false });
  if (s === d && src.collection === dst.collection) return null;
  if (!src.collection && dst.collection && s === d) return make("wrapArray");
  if (d === "string" && !dst.collection && (src.collection || s === "object")) return make("stringify");
  if (src.collection || dst.collection) {
    if (s === "string" && d === "object" && !src.collection) return make("parse");
    return "incompatible";
  }
  const key = `${s}->${d}`;
  const table: Record<string, string> = {
    "string->Date": "dateTime",
    "string->object": "parse",
    "number->string": "toString",
    "Date->string": "isoString",
    "string->number": "parseFloat",
    "boolean->string": "booleanToString",
  };
  return table[key] ? make(table[key]) : "incompatible";
}
