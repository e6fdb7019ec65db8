/**
 * Custom (user-added) entries as Okta writes them: helper-flow parameters, Call Flow / For Each arguments,
 * Assign / Return / Compose fields, API endpoint and delegated-flow fields. Each shape is the most common one
 * for that card and side in the real exports (measured on the 61 exports of the corpus: e.g. 369 of 564 helper
 * parameters, 1308 of 1443 Construct keys, 185 of 185 Merge fields).
 */
import type { JsonObject } from "../util/json.js";
import { placeholderEntry } from "./compose.js";
import { FILTER_FIELD_GROUP, filterFieldEntry, TABLE_COLUMN_SIDES, tableColumnEntry } from "./tables.js";

const ALL_TYPES = ["string", "number", "boolean", "Date", "Array", "object", "file", "flo", "folder"];

export interface CustomEntrySpec {
  group: string | null;
  key: string;
  type: string | JsonObject;
  collection: boolean;
  data: unknown;
  index: number;
  /** `metadata.displayname` / `metadata.description`, when the field has them (labels set in the UI). */
  displayName?: string;
  description?: string;
  /**
   * For Each / Map / Filter / Reduce / Repeat arguments: the path of the list item's field passed in
   * (`value.proxy`); null for a proxy that takes no item field.
   */
  fromItem?: string | null;
  /** The UI's field settings, when they differ from the card's usual ones (see FieldSettings). */
  settings?: FieldSettings;
}

/**
 * Per-field UI settings seen on custom fields of real exports, each rare enough to be stated only when set
 * (measured on the 61 exports: `available` without "folder" on 105 fields of older exports, `typeLocked` 26,
 * `ref` 32, `optional` 3, `collapsed` 6, Assign fields without labels 170).
 */
export interface FieldSettings {
  /** `value.available`: the types the UI offers for the field. */
  available?: readonly string[];
  /** `metadata.typeLocked`: the UI does not let the type be changed. */
  typeLocked?: boolean;
  /** `metadata.optional`. */
  optional?: boolean;
  /** `metadata.collapsed`. */
  collapsed?: boolean;
  /** The entry's `ref` flag (undocumented; Okta sets it on list-producing outputs). */
  ref?: boolean;
  /** Assign fields: no UI labels at all (the card's usual shape has an empty description and the key as label). */
  unlabelled?: boolean;
}

const ITERATORS = new Set(["each", "asyncEach", "map", "filter", "reduce", "times"]);

/** `available` (the types the UI offers) of a custom data input, by card. */
const AVAILABLE: Record<string, string[]> = {
  merge: ["object"],
  concat: ["string"],
  replaceAny: ["string"],
  delegated: ["string", "number", "Date", "boolean"],
  spawn: [],
  run: [],
  each: [],
  asyncEach: [],
  map: [],
  filter: [],
  reduce: [],
  times: [],
};

/** The entry JSON (without `id`) for a custom field on `side` of a card whose address ends in `actionKey`. */
export function customEntry(actionKey: string, side: "inputs" | "outputs", f: CustomEntrySpec): JsonObject {
  const entry = usualEntry(actionKey, side, f);
  const s = f.settings;
  if (!s) return entry;
  const value = entry.value as JsonObject;
  const meta = entry.metadata as JsonObject;
  if (s.available !== undefined) value.available = [...s.available];
  if (s.unlabelled === true) {
    if (f.displayName === undefined) delete meta.displayname;
    if (f.description === undefined) delete meta.description;
  }
  if (s.typeLocked !== undefined) meta.typeLocked = s.typeLocked;
  if (s.optional !== undefined) meta.optional = s.optional;
  if (s.collapsed !== undefined) meta.collapsed = s.collapsed;
  if (s.ref !== undefined) entry.ref = s.ref;
  return entry;
}

function usualEntry(actionKey: string, side: "inputs" | "outputs", f: CustomEntrySpec): JsonObject {
  if (f.group === FILTER_FIELD_GROUP && side === "inputs") {
    // A Tables filter's hidden field (written by `where`); its `method` is a link.
    return filterFieldEntry(f.key, { type: f.type, collection: f.collection, data: f.data as null, available: [] });
  }
  if (f.group === "Fields" && TABLE_COLUMN_SIDES[actionKey] === side && typeof f.type === "string") {
    const entry = tableColumnEntry(side, f.key, f.type, f.index);
    (entry.value as JsonObject).data = f.data as null;
    if (f.displayName !== undefined || f.description !== undefined) Object.assign(entry.metadata as JsonObject, labelsOf(f));
    return entry;
  }
  const data = f.data as null;
  const available = AVAILABLE[actionKey] ?? ALL_TYPES;
  // Start cards and pick/call outputs: a plain value without proxy/check; metadata {index, custom}.
  const plain = (): JsonObject => ({ error: false, type: f.type, collection: f.collection, data, available });
  const proxy =
    f.fromItem !== undefined && ITERATORS.has(actionKey)
      ? { dynamic: f.fromItem !== null, path: f.fromItem, dest: { key: f.key, group: f.group } }
      : false;
  const checked = (): JsonObject => ({ error: false, proxy, check: false, type: f.type, collection: f.collection, data, available });
  const labels = labelsOf(f);
  const meta: JsonObject = { index: f.index, custom: true, ...labels };
  const group = actionKey === "delegated" ? (f.group ?? "inputs") : f.group;
  switch (actionKey) {
    case "callable":
    case "accept":
    case "delegated":
      return side === "inputs"
        ? { group, key: f.key, value: plain(), ref: false, metadata: meta, required: false, flags: "d" }
        : { group, key: f.key, value: plain(), ref: false, metadata: meta };
    case "let": {
      const described: JsonObject = { index: f.index, custom: true, description: "", displayname: f.key, ...labels };
      return side === "inputs"
        ? { group, key: f.key, value: checked(), required: false, ref: false, metadata: described, flags: "d" }
        : { group, key: f.key, value: checked(), ref: false, metadata: described, flags: "d" };
    }
    case "spawn":
    case "run":
      if (side === "outputs") return { group, key: f.key, value: { ...plain(), available: ALL_TYPES }, ref: false, metadata: meta };
      return {
        group,
        key: f.key,
        value: checked(),
        required: false,
        ref: false,
        metadata: { index: f.index, custom: true, transient: true, ...labels },
        flags: "d",
      };
    case "compose": {
      // Compose placeholders (their shape lives with the compose tag); data and labels as usual.
      const entry = placeholderEntry(f.key, f.index);
      (entry.value as JsonObject).data = data;
      Object.assign(entry.metadata as JsonObject, labels);
      return entry;
    }
    case "join":
      // Join fields added in the UI (not by an If/Else's values): not marked custom, any type offered.
      return side === "inputs"
        ? { group, key: f.key, value: checked(), required: false, ref: false, metadata: { index: f.index, ...labels }, flags: "d" }
        : { group, key: f.key, value: plain(), ref: false, metadata: { index: f.index, ...labels } };
    case "branch":
    case "tryCatch":
      // The block's returned values: plain outputs like a helper's (16 of 16 in the corpus).
      if (side === "outputs") return { group, key: f.key, value: plain(), ref: false, metadata: meta };
      return { group, key: f.key, value: checked(), required: false, ref: false, metadata: meta, flags: "d" };
    case "pick":
      if (side === "outputs") return { group, key: f.key, value: plain(), ref: false, metadata: meta };
      return { group, key: f.key, value: checked(), required: false, ref: false, metadata: meta, flags: "d" };
    default:
      return side === "inputs"
        ? { group, key: f.key, value: checked(), required: false, ref: false, metadata: meta, flags: "d" }
        : { group, key: f.key, value: checked(), ref: false, metadata: meta, flags: "d" };
  }
}

function labelsOf(f: CustomEntrySpec): JsonObject {
  const labels: JsonObject = {};
  if (f.description !== undefined) labels.description = f.description;
  if (f.displayName !== undefined) labels.displayname = f.displayName;
  return labels;
}

/** Cards whose outputs repeat their inputs (FLOPACK.md §4.4). */
export const MIRRORED_ACTIONS = new Set(["callable", "return", "let", "accept", "delegated", "returnRaw", "throw"]);

/** The fields of a Join per value an If/Else hands on (`f.ifElse` returns): a string input and its output. */
export function joinValueEntries(key: string, index: number): [JsonObject, JsonObject] {
  return [
    {
      group: null,
      key,
      value: { error: false, proxy: false, check: false, type: "string", collection: false, data: null, available: ["string"] },
      required: false,
      ref: false,
      metadata: { index, optional: false },
      flags: "d",
    },
    {
      group: null,
      key,
      value: { error: false, type: "string", collection: false, data: null, available: ["string"] },
      ref: false,
      metadata: { index, optional: false },
    },
  ];
}
