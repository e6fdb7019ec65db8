/**
 * Defensive readers over untrusted parsed JSON. The review tools must not crash (or hang) on a malformed
 * flopack, so every access goes through these instead of trusting a type.
 */
import { compareStrings } from "../util/compare.js";

export { compareStrings };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

/** A plain JSON object (class instances such as embedded wires are not). */
export function isObject(value: unknown): value is JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own enumerable entries of a JSON object (never inherited ones). */
export function entries(value: unknown): Array<[string, unknown]> {
  return isObject(value) ? Object.entries(value) : [];
}

export function values(value: unknown): unknown[] {
  return isObject(value) ? Object.values(value) : [];
}

export function get(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function getPath(value: unknown, ...keys: string[]): unknown {
  let cur = value;
  for (const key of keys) cur = get(cur, key);
  return cur;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * JSON text with object keys sorted recursively: used to compare values for equality and to break ties
 * deterministically. Never used for display.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return value === undefined ? "null" : JSON.stringify(value);
}

export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}
