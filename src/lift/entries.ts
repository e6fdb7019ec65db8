import type { IrEntryRef, JsonObject } from "../ir/types.js";
import { isObject } from "../util/json.js";

/** The entries of one side of a card (`model.inputs` / `model.outputs`), in storage order. */
export function sideEntries(model: JsonObject, side: "inputs" | "outputs"): JsonObject[] {
  const s = model[side];
  if (!isObject(s) || !isObject(s.data)) return [];
  return Object.values(s.data).filter(isObject);
}

/** Names each entry by (group, key, occurrence): the id-free identity used by the IR. */
export function entryRefs(entries: readonly JsonObject[]): IrEntryRef[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const group = typeof e.group === "string" ? e.group : null;
    const key = typeof e.key === "string" ? e.key : String(e.key);
    const k = `${group ?? "\u0000"}\u0001${key}`;
    const nth = seen.get(k) ?? 0;
    seen.set(k, nth + 1);
    return nth > 0 ? { group, key, nth } : { group, key };
  });
}

export function sameEntry(a: IrEntryRef, b: IrEntryRef): boolean {
  return a.group === b.group && a.key === b.key && (a.nth ?? 0) === (b.nth ?? 0);
}

export function entryRefKey(r: IrEntryRef): string {
  return `${r.group ?? "\u0000"}\u0001${r.key}\u0001${r.nth ?? 0}`;
}
