/**
 * Custom (user-added) entries as Okta writes them: helper-flow parameters, Call Flow / For Each arguments,
 * Assign / Return / Compose fields, API endpoint and delegated-flow fields. Shapes measured on real exports;
 * they differ a little from card to card.
 */
import type { JsonObject } from "../ir/types.js";

const ALL_TYPES = ["string", "number", "boolean", "Date", "Array", "object", "file", "flo", "folder"];

export interface CustomEntrySpec {
  group: string | null;
  key: string;
  type: string | JsonObject;
  collection: boolean;
  data: unknown;
  index: number;
}

/** The entry JSON (without `id`) for a custom field on `side` of a card whose address ends in `actionKey`. */
export function customEntry(actionKey: string, side: "inputs" | "outputs", f: CustomEntrySpec): JsonObject {
  const baseValue = { error: false, proxy: false, check: false, type: f.type, collection: f.collection, data: f.data as null };
  switch (actionKey) {
    case "callable":
    case "accept": {
      const value = { error: false, type: f.type, collection: f.collection, data: f.data as null, available: ALL_TYPES };
      const metadata: JsonObject = actionKey === "callable" ? { index: f.index, custom: true, description: "", displayname: f.key } : { index: f.index, custom: true };
      const ref = actionKey === "callable";
      return side === "inputs"
        ? { group: f.group, key: f.key, value, ref, metadata, required: false, flags: "d" }
        : { group: f.group, key: f.key, value, ref, metadata };
    }
    case "delegated": {
      const value = { error: false, type: f.type, collection: f.collection, data: f.data as null, available: ["string", "number", "Date", "boolean"] };
      const metadata = { index: f.index, custom: true };
      return side === "inputs"
        ? { group: f.group ?? "inputs", key: f.key, value, ref: false, metadata, required: false, flags: "d" }
        : { group: f.group ?? "inputs", key: f.key, value, ref: false, metadata };
    }
    case "spawn":
    case "run":
    case "each":
    case "asyncEach":
    case "map":
    case "filter":
    case "reduce": {
      const metadata: JsonObject = actionKey === "spawn" || actionKey === "run" ? { index: f.index, custom: true, transient: true } : { index: f.index, custom: true };
      return { group: f.group, key: f.key, value: { ...baseValue, available: [] }, required: false, ref: false, metadata, flags: "d" };
    }
    default: {
      const value = { ...baseValue, available: ALL_TYPES };
      return side === "inputs"
        ? { group: f.group, key: f.key, value, required: false, ref: false, metadata: { index: f.index, custom: true }, flags: "d" }
        : { group: f.group, key: f.key, value, ref: false, metadata: { index: f.index, custom: true }, flags: "d" };
    }
  }
}

/** Cards whose outputs repeat their inputs (FLOPACK.md §4.4). */
export const MIRRORED_ACTIONS = new Set(["callable", "return", "let", "accept", "delegated", "returnRaw", "throw"]);
