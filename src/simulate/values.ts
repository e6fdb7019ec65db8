/**
 * Values as they travel between cards in a simulated run: plain JSON-like data (text, numbers, booleans, lists,
 * objects; dates are ISO 8601 text, as Okta's Execution History shows them). `undefined` is an empty field.
 * Okta's rules for values (emptiness, text, equality, dates, comparisons) are the function library's
 * (functions/values.ts, dates.ts, compare.ts), which the interpreter uses too; this module holds what only the
 * interpreter needs: copies, descriptions for messages, paths of keys.
 */
import { isObj } from "./functions/values.js";

/** A copy of JSON-like data (values a test hands in or a mock returns must not change under the run). */
export function copyValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyValue) as T;
  if (isObj(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value))
      Object.defineProperty(out, k, { value: copyValue(value[k]), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/** A short description of a value for messages: its kind and, for scalars, the value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value === "object" ? "an object" : typeof value;
}

/** The value at a path of keys inside objects (lists are entered by numeric keys); undefined when missing. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const step of path) {
    if (Array.isArray(at) && /^\d+$/.test(step)) at = at[Number(step)];
    else if (isObj(at) && Object.hasOwn(at, step)) at = at[step];
    else return undefined;
  }
  return at;
}
