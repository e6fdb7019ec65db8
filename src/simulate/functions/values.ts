/**
 * How function cards read values of Okta's types: text, numbers, true/false, lists and objects, with the
 * leniency the flopack's `looseStrings` / `looseBooleans` / `looseNulls` flags switch on (an empty input reads
 * as the type's empty value). Dates are in dates.ts.
 */
import { CardFailure } from "../card-function.js";

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Text of any value: empty for null/undefined, JSON for objects and lists. */
export function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Whether the value is empty as Okta's inputs are: undefined, null or "". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** Empty as the "is empty" comparison, Clear Empty and a required input see it: nothing, "", [] or {}. */
export function isEmpty(value: unknown): boolean {
  if (isBlank(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObj(value) && Object.keys(value).length === 0;
}

/**
 * A number input. Empty reads as `fallback` (0 unless the card says otherwise); text must be a number
 * ("12", " 3.5 "); anything else fails the card the way Okta's type check does.
 */
export function num(value: unknown, key: string, fallback = 0): number {
  if (typeof value === "number") return value;
  if (isBlank(value)) return fallback;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const n = Number(value.trim());
    if (value.trim() !== "" && Number.isFinite(n)) return n;
  }
  throw new CardFailure(`${key}: ${JSON.stringify(value)} is not a number`);
}

/** A true/false input: text "false", "0" and "" and the number 0 are false (Okta's loose booleans). */
export function bool(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (isBlank(value)) return false;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") {
    const t = value.trim().toLowerCase();
    return t !== "false" && t !== "0" && t !== "";
  }
  return true;
}

/** A list input: empty reads as []; a single value as a list of one. */
export function list(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isBlank(value)) return [];
  return [value];
}

/** An object input: empty reads as {}; a JSON object in text is parsed; anything else fails the card. */
export function obj(value: unknown, key: string): Obj {
  if (isObj(value)) return value;
  if (isBlank(value)) return {};
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isObj(parsed)) return parsed;
    } catch {
      // not JSON: the failure below
    }
  }
  throw new CardFailure(`${key}: expected an object, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** An own property of an object, never one of Object.prototype's (`constructor`, `__proto__`...). */
export function own(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Sets an own data property, `__proto__` included (never touches the prototype). */
export function put(o: Obj, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/**
 * The value at a dot-delimited path ("profile.login", "items.0.id"): list items by index. An empty path is the
 * value itself. A key that holds a dot is found whole before the path is split (Okta's keys often hold dots).
 */
export function atPath(value: unknown, path: string): unknown {
  if (path === "") return value;
  if (isObj(value) && Object.hasOwn(value, path)) return value[path];
  let current = value;
  let start = 0;
  while (start <= path.length) {
    let end = path.indexOf(".", start);
    if (end === -1) end = path.length;
    const key = path.slice(start, end);
    if (Array.isArray(current)) {
      const index = Number(key);
      if (!Number.isInteger(index) || key === "") return undefined;
      current = current[index < 0 ? current.length + index : index];
    } else if (isObj(current)) {
      current = own(current, key);
    } else return undefined;
    start = end + 1;
  }
  return current;
}

/** A copy of `value` with `path` set to `item`: objects (and lists) on the way are copied, never changed in place. */
export function withPath(value: unknown, path: string, item: unknown): Obj {
  const keys = path === "" ? [] : path.split(".");
  const root: Obj = isObj(value) ? { ...value } : {};
  let current: Obj | unknown[] = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const last = i === keys.length - 1;
    if (Array.isArray(current)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0) throw new CardFailure(`path "${path}": "${key}" is not a list index`);
      if (last) current[index] = item;
      else {
        const next = copyContainer(current[index], keys[i + 1]!);
        current[index] = next;
        current = next;
      }
    } else if (last) put(current, key, item);
    else {
      const next = copyContainer(own(current, key), keys[i + 1]!);
      put(current, key, next);
      current = next;
    }
  }
  return root;
}

function copyContainer(existing: unknown, nextKey: string): Obj | unknown[] {
  if (Array.isArray(existing)) return [...existing];
  if (isObj(existing)) return { ...existing };
  return /^\d+$/.test(nextKey) ? [] : {};
}

/** Deep equality of JSON-like values (object key order ignored). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bl = b as unknown[];
    if (a.length !== bl.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], bl[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !same((a as Obj)[k], (b as Obj)[k])) return false;
  return true;
}

/** A key for a value that equal values share (for duplicates and set operations): JSON with sorted keys. */
export function identity(value: unknown): string {
  if (typeof value === "string") return `s${value}`;
  if (value === null || typeof value !== "object") return `p${String(value)}`;
  return `j${stableJson(value)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isObj(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(",")}}`;
  return value === undefined ? "null" : JSON.stringify(value);
}
