/** Input and output entries of a raw card in the order the UI shows them (never storage order). */
import { canonicalJson, compareStrings, entries, get, getPath, isObject, str } from "./json.js";
import type { PackContext } from "./view-context.js";

/** Entries in UI order: metadata.index, then group, key and value; sorted once per `data` object and build. */
export function sortedEntries(pack: PackContext, data: unknown): unknown[] {
  if (!isObject(data)) return [];
  let sorted = pack.sortedEntries.get(data);
  if (sorted === undefined) pack.sortedEntries.set(data, (sorted = sortEntries(data)));
  return sorted;
}

function sortEntries(data: unknown): unknown[] {
  const list = entries(data).map(([, e]) => e);
  const idx = (e: unknown) => {
    const i = getPath(e, "metadata", "index");
    return typeof i === "number" && Number.isFinite(i) ? i : Number.MAX_SAFE_INTEGER;
  };
  return list.sort(
    (a, b) =>
      idx(a) - idx(b) ||
      compareStrings(str(get(a, "group")) ?? "", str(get(b, "group")) ?? "") ||
      compareStrings(str(get(a, "key")) ?? "", str(get(b, "key")) ?? "") ||
      compareStrings(canonicalJson(getPath(a, "value", "data")), canonicalJson(getPath(b, "value", "data"))),
  );
}
