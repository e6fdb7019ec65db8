/** Input and output entries of a raw card in the order the UI shows them (never storage order). */
import { canonicalJson, compareStrings, entries, get, getPath, isObject, str } from "./json.js";
import type { PackContext } from "./view-context.js";

/** Entries in UI order: metadata.index, then group, key and value; sorted once per `data` object and build. */
export function sortedEntries(pack: PackContext, data: unknown): unknown[] {
  if (!isObject(data)) return [];
  let sorted = pack.sortedEntries.get(data);
  if (sorted === undefined) pack.sortedEntries.set(data, (sorted = sortEntries(entries(data).map(([, e]) => e))));
  return sorted;
}

/**
 * The entries `keep` accepts, in UI order: the same list as `sortedEntries(...).filter(keep)` (the order is a total
 * one and the sort stable), without sorting every entry of every card when only a few are wanted (context and
 * custom outputs: none on most cards).
 */
export function sortedEntriesWhere(pack: PackContext, data: unknown, keep: (entry: unknown) => boolean): unknown[] {
  if (!isObject(data)) return [];
  const sorted = pack.sortedEntries.get(data);
  if (sorted !== undefined) return sorted.filter(keep);
  const kept = Object.values(data).filter(keep);
  return kept.length < 2 ? kept : sortEntries(kept);
}

function sortEntries(list: unknown[]): unknown[] {
  return list.sort(compareEntries);
}

function compareEntries(a: unknown, b: unknown): number {
  return (
    uiIndex(a) - uiIndex(b) ||
    compareStrings(str(get(a, "group")) ?? "", str(get(b, "group")) ?? "") ||
    compareStrings(str(get(a, "key")) ?? "", str(get(b, "key")) ?? "") ||
    compareStrings(canonicalJson(getPath(a, "value", "data")), canonicalJson(getPath(b, "value", "data")))
  );
}

function uiIndex(e: unknown): number {
  const i = getPath(e, "metadata", "index");
  return typeof i === "number" && Number.isFinite(i) ? i : Number.MAX_SAFE_INTEGER;
}
