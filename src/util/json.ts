/** A JSON value, as parsed from (or written to) JSON text. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep structural equality of JSON values; object key order is ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b as object, k)) return false;
    if (!jsonEqual((a as JsonObject)[k], (b as JsonObject)[k])) return false;
  }
  return true;
}

/** A deep copy of a JSON value. `__proto__` keys are copied as own data properties, never as prototypes. */
export function cloneJson<T extends Json | undefined>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => cloneJson(v)) as T;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) defineKey(out, key, cloneJson((value as JsonObject)[key]));
  return out as T;
}

/** Sets `obj[key] = value` as an own enumerable property even when key is `__proto__`. */
export function defineKey(obj: JsonObject, key: string, value: Json | undefined): void {
  if (value === undefined) return;
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * JSON text with object keys sorted recursively: a canonical form for hashing and comparing. The same text as
 * `JSON.stringify` of a key-sorted deep copy, written directly (no copy: this runs once or twice per card of a pack).
 */
export function canonicalJson(value: unknown): string {
  return value !== null && typeof value === "object" ? canonicalText(value) : JSON.stringify(value);
}

function canonicalText(value: object): string {
  if (Array.isArray(value)) {
    let s = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (i > 0) s += ",";
      s += v !== null && typeof v === "object" ? canonicalText(v) : skipped(v) ? "null" : JSON.stringify(v);
    }
    return s + "]";
  }
  let s = "{";
  let first = true;
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (skipped(v)) continue;
    s += `${first ? "" : ","}${JSON.stringify(key)}:${v !== null && typeof v === "object" ? canonicalText(v) : JSON.stringify(v)}`;
    first = false;
  }
  return s + "}";
}

/** What JSON.stringify leaves out of objects (and writes as null in arrays); a parsed JSON value never holds it. */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}
