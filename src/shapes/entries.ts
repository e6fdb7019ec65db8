/**
 * Card entries (FLOPACK.md §4.3): the inputs and outputs of a card's `node.model`, how the IR names them
 * (group, key, occurrence) and the values they hold.
 */
import type { IrEntryRef } from "../ir/types.js";
import { isObject, type Json, type JsonObject } from "../util/json.js";
import type { ValueType } from "./conversion.js";

/** A card template's `node.model` (empty when it has none). */
export function modelOf(template: JsonObject): JsonObject {
  const node = isObject(template.node) ? template.node : {};
  return isObject(node.model) ? node.model : {};
}

/** The entries of one side of a card (`model.inputs` / `model.outputs`), in storage order. */
export function sideEntries(model: JsonObject, side: "inputs" | "outputs"): JsonObject[] {
  const s = model[side];
  if (!isObject(s) || !isObject(s.data)) return [];
  return Object.values(s.data).filter(isObject);
}

/**
 * Whether the entries' `metadata.index` values are exactly 0..n-1, as a card Okta makes has them (FP206); true when
 * some entry has no numeric index (nothing to judge).
 */
export function indexesInSequence(entries: readonly JsonObject[]): boolean {
  const indexes: number[] = [];
  for (const e of entries) {
    const i = isObject(e.metadata) ? e.metadata.index : undefined;
    if (typeof i !== "number") return true;
    indexes.push(i);
  }
  return indexes.sort((a, b) => a - b).every((v, k) => v === k);
}

/** Names each entry by (group, key, occurrence): the id-free identity used by the IR. */
export function entryRefs(entries: readonly JsonObject[]): IrEntryRef[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const group = typeof e.group === "string" ? e.group : null;
    const key = typeof e.key === "string" ? e.key : String(e.key);
    const k = entryRefKey({ group, key });
    const nth = seen.get(k) ?? 0;
    seen.set(k, nth + 1);
    return nth > 0 ? { group, key, nth } : { group, key };
  });
}

export function sameEntry(a: IrEntryRef, b: IrEntryRef): boolean {
  return a.group === b.group && a.key === b.key && (a.nth ?? 0) === (b.nth ?? 0);
}

const SEPARATOR = "\u0001";
const NO_GROUP = "\u0000";

/**
 * An entry ref as a map key, one key per ref. Every real entry gets the historical form
 * `<group or U+0000>U+0001<key>U+0001<nth>` (inline-flow uuids are hashed from it, so its bytes must not change);
 * a group or key holding U+0001, or a group that is U+0000 itself, would make two refs share that form, so such
 * a ref is written as U+0001 followed by its JSON (one U+0001 only: never the historical form, which has two).
 */
export function entryRefKey(r: IrEntryRef): string {
  const nth = r.nth ?? 0;
  if (r.key.includes(SEPARATOR) || r.group === NO_GROUP || (r.group !== null && r.group.includes(SEPARATOR)))
    return `${SEPARATOR}${JSON.stringify([r.group, r.key, nth])}`;
  return `${r.group ?? NO_GROUP}${SEPARATOR}${r.key}${SEPARATOR}${nth}`;
}

/** An entry's value type (`value.type`, `value.collection`); "string" when it states none. */
export function typeOf(e: JsonObject): ValueType {
  const v = isObject(e.value) ? e.value : {};
  return {
    type: (typeof v.type === "string" || isObject(v.type) ? v.type : "string") as string | JsonObject,
    collection: v.collection === true,
  };
}

/** An entry's data (`value.data`; null when absent). */
export function dataOf(e: JsonObject): Json {
  const v = isObject(e.value) ? e.value : {};
  return (v.data ?? null) as Json;
}

/** Data a required input counts as not set with: null, "", [] or {}. */
export function isEmpty(d: Json): boolean {
  return d === null || d === "" || (Array.isArray(d) && d.length === 0) || (isObject(d) && Object.keys(d).length === 0);
}

/** The data a field of this type holds when nothing is set (0, false, "", {}; null for lists and other types). */
export function defaultData(type: unknown): Json {
  switch (type) {
    case "number":
      return 0;
    case "boolean":
      return false;
    case "object":
      return {};
    case "string":
    case "Date":
      return "";
    default:
      return isObject(type) ? {} : null;
  }
}

/** Finds an entry by exact key, "group/key", or a unique loose match (letters and digits, any case). */
export function findEntry(entries: readonly JsonObject[], key: string): number {
  let i = entries.findIndex((e) => e.key === key);
  if (i >= 0) return i;
  const slash = key.indexOf("/");
  if (slash >= 0) {
    const group = key.slice(0, slash);
    const k = key.slice(slash + 1);
    i = entries.findIndex((e) => (e.group ?? "") === group && e.key === k);
    if (i >= 0) return i;
  }
  const norm = normName(key);
  const matches = entries.map((e, j) => (normName(String(e.key)) === norm ? j : -1)).filter((j) => j >= 0);
  return matches.length === 1 ? matches[0]! : -1;
}

/** Compares entry keys the way generated property names are made: letters and digits only, any case. */
export function normName(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}
