/**
 * Card templates: the part of a card that the catalog knows (FLOPACK.md §4.5), separated from the instance
 * parts a flow sets (uuid, entry ids, connection, display name, values, custom entries, pins, policy...).
 *
 * - `templateOf(card)`     strips the instance parts of a real card → a catalog template.
 * - `variantOf(template)`  a content hash of what must match for a template to be reused (values blanked).
 * Emit (src/compile) fills a template back with an IR card; lift (src/lift) computes the IR card as the
 * difference between a real card and its template. The corpus test checks emit(lift(card)) == card.
 */
import { createHash } from "node:crypto";
import type { Json, JsonObject } from "../util/json.js";
import { canonicalJson, cloneJson, defineKey, isObject } from "../util/json.js";
import { isConnectorCard } from "../shapes/address.js";
import { COMPOSE_ADDRESS, EXPRESSION_ADDRESS, JOIN_ADDRESS, TABLES_CONNECTOR } from "../shapes/known-cards.js";
import { FILTER_FIELD_GROUP } from "../shapes/tables.js";

export const DEFAULT_POLICY: JsonObject = { error: { type: "finish" } };

/** Model keys whose values are instance (or environment) data, handled outside the template comparison. */
export const INSTANCE_MODEL_KEYS = new Set(["config", "policy", "partnerChannelKeys", "comments"]);

/**
 * An entry belongs to the instance, not the template, when the user made it (custom fields), or when it
 * points at other cards (wormholes into inline flows, hidden `object:expand` outputs).
 */
export function isInstanceEntry(entry: unknown, address?: string): boolean {
  if (!isObject(entry)) return true;
  if (address !== undefined && isConnectorCard(address, TABLES_CONNECTOR) && TABLE_GROUPS.has(String(entry.group))) return true;
  if (address !== undefined && ALL_INSTANCE_ENTRY_CARDS.has(address)) return true;
  if (address !== undefined && PLACEHOLDER_CARDS.has(address) && entry.key !== "_text_" && isPlaceholderInput(entry)) return true;
  const meta = entry.metadata;
  if (!isObject(meta)) return false;
  return meta.custom === true || "wormholeMethodId" in meta || "srcMethodId" in meta || "srcOutputId" in meta;
}

/** Cards whose every field is made by the user although not marked custom: a Join's fields are its branches' values. */
const ALL_INSTANCE_ENTRY_CARDS = new Set([JOIN_ADDRESS]);
/**
 * Template cards (Compose, Expression) whose extra inputs are the placeholders of their `_text_` template
 * (FLOPACK.md §6.7): user-made, though not marked custom.
 */
const PLACEHOLDER_CARDS = new Set([COMPOSE_ADDRESS, EXPRESSION_ADDRESS]);

/**
 * Tables cards (`stash`) carry one field per column of the chosen table (group "Fields") and the placeholders
 * of their filter expression (group "_expr"): instance data, whatever table the template was learned from.
 */
const TABLE_GROUPS = new Set(["Fields", FILTER_FIELD_GROUP]);

/** The empty value of the same shape: what a template holds where an instance holds a user value. */
export function neutralData(data: Json): Json {
  if (data === null) return null;
  if (Array.isArray(data)) return [];
  switch (typeof data) {
    case "string":
      return "";
    case "number":
      return data === 0 ? 0 : null;
    case "boolean":
      return false;
    default:
      return {};
  }
}

/** A Compose/Expression input other than the template text: its flags say data ("d"), outputs have none. */
function isPlaceholderInput(entry: JsonObject): boolean {
  return entry.flags === "d";
}

function entriesOf(side: unknown): JsonObject {
  return isObject(side) && isObject(side.data) ? side.data : {};
}

/** Strips the instance parts of a card. The result is deterministic for a given card. */
export function templateOf(card: JsonObject): JsonObject {
  const node = isObject(card.node) ? card.node : {};
  const model = isObject(node.model) ? node.model : {};
  const templateModel: JsonObject = {};
  for (const key of Object.keys(model)) {
    const value = model[key]!;
    if (key === "inputs" || key === "outputs") defineKey(templateModel, key, templateSide(value, key === "inputs" ? "i" : "o", String(card.address)));
    else if (key === "config") defineKey(templateModel, key, null);
    else if (key === "policy") defineKey(templateModel, key, cloneJson(DEFAULT_POLICY));
    else if (key === "display" && isObject(value)) defineKey(templateModel, key, withoutKey(value, "configRef"));
    else defineKey(templateModel, key, cloneJson(value));
  }
  const out: JsonObject = {};
  for (const key of Object.keys(card)) {
    const value = card[key]!;
    if (key === "uuid") defineKey(out, key, "");
    else if (key === "pins" || key === "joins" || key === "branches") defineKey(out, key, {});
    else if (key === "node") defineKey(out, key, { ...cloneJson(node), model: templateModel });
    else defineKey(out, key, cloneJson(value));
  }
  return out;
}

function templateSide(side: Json, prefix: string, address: string): Json {
  if (!isObject(side)) return cloneJson(side);
  const out: JsonObject = {};
  for (const key of Object.keys(side)) {
    if (key !== "data") {
      defineKey(out, key, cloneJson(side[key]!));
      continue;
    }
    const data: JsonObject = {};
    let n = 0;
    for (const entry of Object.values(entriesOf(side))) {
      if (isInstanceEntry(entry, address) || !isObject(entry)) continue;
      const id = `${prefix}${n++}`;
      defineKey(data, id, templateEntry(entry, id));
    }
    out.data = data;
  }
  return out;
}

function templateEntry(entry: JsonObject, id: string): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(entry)) {
    if (key === "_used") continue;
    if (key === "id") out.id = id;
    else if (key === "value" && isObject(entry.value)) {
      const value = cloneJson(entry.value);
      if ("data" in value) value.data = neutralData(value.data!);
      out.value = value;
    } else defineKey(out, key, cloneJson(entry[key]!));
  }
  return out;
}

function withoutKey(obj: JsonObject, key: string): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) if (k !== key) defineKey(out, k, cloneJson(obj[k]!));
  return out;
}

/**
 * What two templates must share to be the same variant: everything but the display name, the environment
 * numbers (FLOPACK.md §4.2), entry ids, `metadata.index` and values.
 */
export function matchForm(template: JsonObject): JsonObject {
  const t = cloneJson(template);
  const node = isObject(t.node) ? t.node : undefined;
  if (node) {
    if (isObject(node.data)) delete node.data.name;
    const model = isObject(node.model) ? node.model : undefined;
    if (model) {
      // Whether a card has help text (`comments`) is part of its template; its text is not.
      const hasComments = "comments" in model;
      for (const k of INSTANCE_MODEL_KEYS) delete model[k];
      if (hasComments) model.comments = true;
      if (isObject(model.metadata)) {
        delete model.metadata.name;
        delete model.metadata.id;
      }
      for (const sideKey of ["inputs", "outputs"]) {
        const side = model[sideKey];
        if (!isObject(side) || !isObject(side.data)) continue;
        const entries: Json[] = [];
        for (const entry of Object.values(side.data)) {
          if (!isObject(entry)) continue;
          const e = cloneJson(entry);
          delete e.id;
          if (isObject(e.metadata)) delete e.metadata.index;
          if (isObject(e.value)) delete e.value.data;
          entries.push(e);
        }
        side.data = entries as unknown as JsonObject;
      }
    }
  }
  if (isObject(t.parents)) {
    for (const p of Object.values(t.parents)) if (isObject(p) && isObject(p.data)) delete p.data.id;
  }
  return t;
}

/** The variant id of a template: 8 hex characters of a hash of its match form. */
export function variantOf(template: JsonObject): string {
  return createHash("sha256").update(canonicalJson(matchForm(template))).digest("hex").slice(0, 8);
}

/** The option values (`flags: "p"` inputs) a real card was set to, by entry key. */
export function optionsOf(card: JsonObject): JsonObject {
  const node = isObject(card.node) ? card.node : {};
  const model = isObject(node.model) ? node.model : {};
  const out: JsonObject = {};
  for (const entry of Object.values(entriesOf(model.inputs))) {
    if (!isObject(entry) || entry.flags !== "p" || typeof entry.key !== "string") continue;
    const value = isObject(entry.value) ? entry.value.data : undefined;
    if (value !== undefined && (typeof value !== "object" || value === null)) defineKey(out, entry.key, value);
  }
  return out;
}
