/** Custom-field props that import writes beyond key and type: UI settings, and what makes a field raw. */
import type { FieldSettings } from "../shapes/custom-entry.js";
import type { Json, JsonObject } from "../util/json.js";
import { isObject, jsonEqual } from "../util/json.js";

/** A field's UI settings as CustomField props (the DSL names them; `ref` is `refFlag` there). */
export function settingProps(s: FieldSettings | undefined): Array<[string, Json]> {
  if (!s) return [];
  const out: Array<[string, Json]> = [];
  if (s.available !== undefined) out.push(["available", [...s.available]]);
  if (s.typeLocked !== undefined) out.push(["typeLocked", s.typeLocked]);
  if (s.optional !== undefined) out.push(["optional", s.optional]);
  if (s.collapsed !== undefined) out.push(["collapsed", s.collapsed]);
  if (s.ref !== undefined) out.push(["refFlag", s.ref]);
  if (s.unlabelled === true) out.push(["unlabelled", true]);
  return out;
}

/** Paths (two levels deep) where an entry differs from the shape lower would write; index, ghost and data aside. */
export function differingPaths(shape: JsonObject, entry: JsonObject): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(shape), ...Object.keys(entry)])) {
    const a = shape[k];
    const b = entry[k];
    if ((k === "metadata" || k === "value") && isObject(a) && isObject(b)) {
      for (const k2 of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if ((k === "metadata" && (k2 === "index" || k2 === "ghost")) || (k === "value" && k2 === "data")) continue;
        if (!jsonEqual(a[k2], b[k2])) out.push(`${k}.${k2}`);
      }
    } else if (!jsonEqual(a, b)) out.push(k);
  }
  return out;
}
