/**
 * Predicates on IR cards and entries: whether what lower writes from a spec gives back exactly an entry or card
 * of the export (custom-field shapes, mirrored outputs, join fields, constants lower accepts as they are).
 */
import type { IrCard, Json, JsonObject } from "../ir/types.js";
import { actionKey } from "../shapes/address.js";
import { customEntry, joinValueEntries, type FieldSettings } from "../shapes/custom-entry.js";
import { defaultData, sameEntry } from "../shapes/entries.js";
import { isObject, jsonEqual } from "../util/json.js";

/** Nothing but template data: no values, custom entries, removals, patches, wiring or policy. */
export function isBare(card: IrCard): boolean {
  return (
    card.inputValues.length === 0 &&
    card.outputValues.length === 0 &&
    card.extraInputs.length === 0 &&
    card.extraOutputs.length === 0 &&
    card.removedInputs.length === 0 &&
    card.removedOutputs.length === 0 &&
    card.joins.length === 0 &&
    card.branches.length === 0 &&
    card.connection === null &&
    card.configRef === undefined &&
    card.comments === undefined &&
    !card.policy.flo &&
    !card.policy.rest &&
    jsonEqual(card.policy.error, { type: "finish" }) &&
    Object.keys(card.modelPatch).length === 0 &&
    card.removedModelKeys.length === 0 &&
    Object.keys(card.methodPatch).length === 0
  );
}

export function defaultDataOf(type: string | JsonObject): Json {
  return defaultData(type);
}

/**
 * Two entries equal but for `metadata.index`, `metadata.ghost` (UI caches; see test/support/normalise.ts) and
 * `value.data` (the IR keeps data apart); compared in place.
 */
export function sameIgnoringIndex(a: JsonObject, b: JsonObject): boolean {
  const keys = (o: JsonObject, skip: string[]): string[] => Object.keys(o).filter((k) => !skip.includes(k));
  const sameExcept = (x: Json | undefined, y: Json | undefined, ...skip: string[]): boolean => {
    if (!isObject(x) || !isObject(y)) return jsonEqual(x, y);
    const kx = keys(x, skip);
    const ky = keys(y, skip);
    return kx.length === ky.length && kx.every((k) => Object.hasOwn(y, k) && jsonEqual(x[k], y[k]));
  };
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (
      k === "metadata"
        ? !sameExcept(a[k], b[k], "index", "ghost")
        : k === "value"
          ? !sameExcept(a[k], b[k], "data")
          : !jsonEqual(a[k], b[k])
    )
      return false;
  }
  return true;
}

/** Mirrored cards: lower mirrors custom inputs onto outputs when no outputs are given; true when that is exact. */
export interface FieldLabels {
  displayName?: string;
  description?: string;
  fromItem?: string | null;
  settings?: FieldSettings;
}

/** What a custom entry says beyond its key and type, as CustomField props: UI labels, the list item field it takes. */
export function entryLabels(entry: JsonObject): FieldLabels {
  const m = isObject(entry.metadata) ? entry.metadata : {};
  const out: FieldLabels = {};
  if (typeof m.displayname === "string") out.displayName = m.displayname;
  if (typeof m.description === "string") out.description = m.description;
  const proxy = isObject(entry.value) ? entry.value.proxy : undefined;
  if (isObject(proxy) && (typeof proxy.path === "string" || proxy.path === null)) out.fromItem = proxy.path;
  return out;
}

/**
 * The labels a field must state for lower's shape to give back `entry`: none when the plain shape already does,
 * the entry's own labels when that shape does, undefined when neither does.
 */
export function labelsFor(entry: JsonObject, shape: (labels: FieldLabels) => JsonObject): FieldLabels | undefined {
  const usual = shape({});
  if (sameIgnoringIndex(usual, entry)) return {};
  const labels = entryLabels(entry);
  if (Object.keys(labels).length > 0 && sameIgnoringIndex(shape(labels), entry)) return labels;
  const settings = settingsFrom(entry, shape(labels));
  if (Object.keys(settings).length === 0) return undefined;
  const withSettings = { ...labels, settings };
  return sameIgnoringIndex(shape(withSettings), entry) ? withSettings : undefined;
}

/** The field settings under which `entry` differs from the usual shape of its card (see FieldSettings). */
function settingsFrom(entry: JsonObject, usual: JsonObject): FieldSettings {
  const out: FieldSettings = {};
  const value = isObject(entry.value) ? entry.value : {};
  const usualValue = isObject(usual.value) ? usual.value : {};
  const available = value.available;
  if (Array.isArray(available) && available.every((t) => typeof t === "string") && !jsonEqual(available, usualValue.available))
    out.available = available as string[];
  const meta = isObject(entry.metadata) ? entry.metadata : {};
  const usualMeta = isObject(usual.metadata) ? usual.metadata : {};
  for (const k of ["typeLocked", "optional", "collapsed"] as const) {
    const v = meta[k];
    if (typeof v === "boolean" && v !== usualMeta[k]) out[k] = v;
  }
  if (typeof entry.ref === "boolean" && entry.ref !== usual.ref) out.ref = entry.ref;
  const labelled = (m: JsonObject): boolean => m.displayname !== undefined || m.description !== undefined;
  if (labelled(usualMeta) && !(meta.displayname !== undefined && meta.description !== undefined)) out.unlabelled = true;
  return out;
}

export function mirrorsInputs(card: IrCard): boolean {
  if (card.extraOutputs.length !== card.extraInputs.length || card.extraInputs.length === 0) return false;
  const action = actionKey(card.address);
  return card.extraInputs.every((x, j) => {
    const o = card.extraOutputs[j]!;
    const v = isObject(x.entry.value) ? x.entry.value : {};
    const type = (typeof v.type === "string" || isObject(v.type) ? v.type : "string") as string | JsonObject;
    const collection = v.collection === true;
    const group = typeof x.entry.group === "string" ? x.entry.group : null;
    const key = typeof x.entry.key === "string" ? x.entry.key : String(x.entry.key);
    const data = collection ? [] : defaultDataOf(type);
    const labels = labelsFor(x.entry, (l) => customEntry(action, "inputs", { group, key, type, collection, data, index: 0, ...l }));
    if (!labels) return false;
    if (!sameIgnoringIndex(customEntry(action, "outputs", { group, key, type, collection, data, index: 0, ...labels }), o.entry))
      return false;
    return o.value.kind === "json" && jsonEqual(o.value.data, data) && !o.links;
  });
}

/** A join's fields and links are exactly what lower's ifElse writes for its values (one string field each). */
export function joinShapeOk(join: IrCard): boolean {
  if (join.extraInputs.length !== join.extraOutputs.length || join.joins.length !== join.extraInputs.length) return false;
  const keys = new Set<string>();
  return join.extraInputs.every((x, i) => {
    const o = join.extraOutputs[i]!;
    const key = x.entry.key;
    if (typeof key !== "string" || keys.has(key) || /^(0|[1-9][0-9]*)$/.test(key)) return false;
    keys.add(key);
    const [input, output] = joinValueEntries(key, i);
    if (!sameIgnoringIndex(input, x.entry) || !sameIgnoringIndex(output, o.entry) || x.links || o.links) return false;
    if (x.value.kind !== "json" || x.value.data !== "" || o.value.kind !== "json" || o.value.data !== "") return false;
    const j = join.joins[i]!;
    return (
      sameEntry(j.input, { group: null, key }) &&
      j.links.length === 1 &&
      sameEntry(j.links[0]!.output, { group: null, key }) &&
      j.links[0]!.transform === null
    );
  });
}

/** Whether lower's constant check accepts `data` for an entry of this type. */
export function fitsType(data: Json, t: string, collection: boolean): boolean {
  if (data === null) return true;
  if (collection) return Array.isArray(data);
  switch (t) {
    case "string":
    case "Date":
      return typeof data === "string";
    case "number":
      return typeof data === "number";
    case "boolean":
      return typeof data === "boolean";
    case "object":
      return typeof data === "object" && !Array.isArray(data);
    case "flo":
      return false;
    default:
      return true;
  }
}

/** Objects with a `kind` key could be mistaken for DSL values (refs, flows, tables): written verbatim. */
export function hasKindKey(data: Json): boolean {
  if (Array.isArray(data)) return data.some(hasKindKey);
  if (isObject(data)) return Object.hasOwn(data, "kind") || Object.values(data).some(hasKindKey);
  return false;
}
