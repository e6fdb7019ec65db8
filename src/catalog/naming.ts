/**
 * Names in generated code, derived deterministically from catalog data: camelCase property names from entry
 * keys ("Relative URL" → relativeUrl), factory names from action keys (customAPIAction → customApiAction),
 * made valid and unique by a group prefix or a counter.
 */
import { RESERVED_WORDS } from "../util/reserved-words.js";

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Whether a name can be a `const`/import binding (identifiers that are not reserved words). */
export function isBindingName(name: string): boolean {
  return isIdentifier(name) && !RESERVED_WORDS.has(name);
}

/** Words of a key: runs of letters/digits, split at lower→Upper and ACRONYM→Word boundaries. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.split(/[^\p{L}\p{N}]+/u)) {
    if (!chunk) continue;
    const parts = chunk.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[^\p{Lu}\p{Ll}\p{N}]+/gu) ?? [chunk];
    // "hTTPRequest": a lone lowercase letter before an acronym belongs to it (http, not h + ttp).
    if (parts.length > 1 && /^\p{Ll}$/u.test(parts[0]!) && /^\p{Lu}{2,}$/u.test(parts[1]!)) parts.splice(0, 2, parts[0]! + parts[1]!);
    out.push(...parts);
  }
  return out;
}

/** camelCase of a key; digits stay attached to the previous word ("Address Line 1" → addressLine1). */
export function camelCase(text: string): string {
  const ws = words(text);
  let out = "";
  for (const [i, w] of ws.entries()) {
    const lower = w.toLowerCase();
    out += i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
  }
  return out;
}

export function pascalCase(text: string): string {
  const c = camelCase(text);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** A property name for a key: camelCase, `_`-prefixed when it would start with a digit, `field` when empty. */
export function propertyName(key: string): string {
  const c = camelCase(key);
  if (c === "") return "field";
  return isIdentifier(c) ? c : `_${c}`;
}

/**
 * Makes names unique in order: a name already taken (or reserved) gets the alternative from `fallback` when one
 * is given and free, else the first free `name2`, `name3`...
 */
export function uniqueNames<T>(
  items: readonly T[],
  base: (item: T) => string,
  fallback: (item: T) => string | undefined,
  reserved: ReadonlySet<string> = new Set(),
): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(base(item), (counts.get(base(item)) ?? 0) + 1);
  const taken = new Set(reserved);
  const names: string[] = [];
  for (const item of items) {
    let name = base(item);
    if ((counts.get(name) ?? 0) > 1 || taken.has(name)) {
      const alt = fallback(item);
      if (alt !== undefined && !taken.has(alt)) name = alt;
    }
    if (taken.has(name)) {
      let n = 2;
      while (taken.has(`${name}${n}`)) n++;
      name = `${name}${n}`;
    }
    taken.add(name);
    names.push(name);
  }
  return names;
}

/**
 * A factory name for an action key. Connector-builder actions carry a random suffix
 * (`searchDevices_MgiZyuVso`); it is dropped when `stripSuffix` is set (the caller keeps it on collisions).
 */
export function factoryName(actionKey: string, stripSuffix: boolean): string {
  const key = stripSuffix ? actionKey.replace(/_[A-Za-z0-9-]{6,}$/, "") || actionKey : actionKey;
  return propertyName(key);
}

/** An identifier usable as an exported binding for a module or connector key. */
export function moduleBinding(key: string): string {
  let name = key.replace(/[^\p{ID_Continue}$]/gu, "_");
  if (!isIdentifier(name)) name = `_${name}`;
  return RESERVED_WORDS.has(name) ? `${name}_` : name;
}
