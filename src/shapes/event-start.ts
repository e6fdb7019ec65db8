/**
 * The start card of an Okta event flow's body (FLOPACK.md §3.10): Okta stores an event flow as [event card → For
 * Each - Ignore Errors], and the body inside the wrapper starts with a callable card made from the event card.
 * Measured on the 57 event flows of both corpus folders (test/shapes/event-start.test.ts), that card is:
 *
 * - the same callable every time (the keys, flags, description and groupRules below, 57/57);
 * - named after the event card (`node.data.name` and `metadata.name`), with the event card's comments (57/57);
 * - holding, on both sides alike, `context` `execution_id` ("Execution ID") and then one entry per field of the
 *   event's list item (`collection` is a list of `{ Output: {...fields} }`: group "Output", one entry per field in
 *   its order, with the field's type and object schema), 57/57.
 *
 * Where a real start card differs from this (8 of 57), its author changed it in the designer: a schema given to
 * (or taken from) an `object` output, an output folded (`metadata.collapsed`). Those are the card's instance data.
 */
import { cloneJson, isObject, type Json, type JsonObject } from "../util/json.js";
import { modelOf, sideEntries } from "./entries.js";
import { CALLABLE_ADDRESS } from "./known-cards.js";

/** The event card's output whose items the wrapper hands the body one at a time. */
export const EVENT_LIST_OUTPUT = "collection";

/** Okta's start card of an event flow, before the event's name, comments and fields are put in. */
function startCardSkeleton(): JsonObject {
  return {
    joins: {},
    address: CALLABLE_ADDRESS,
    parents: {
      version: { address: "root:kernel:control:0.0.1", key: "0.0.1", data: { name: "0.0.1" } },
      channel: { address: "root:kernel:control", key: "control", data: { name: "control" } },
    },
    uuid: "",
    branches: {},
    node: {
      key: "callable",
      data: { name: "" },
      model: {
        type: "method",
        _v: 2,
        key: "callable",
        executable: false,
        displayed: true,
        async: false,
        cooperative: false,
        mirrored: true,
        inlined: false,
        dependencies: [],
        timeout: 30000,
        idempotent: false,
        monitor: false,
        webhook: false,
        webhookList: false,
        webhookConditions: false,
        mobile: false,
        hooks: {},
        policy: { error: { type: "finish" } },
        metadata: {
          id: null,
          name: "",
          description: "Start a Flow that executes on-demand, i.e. called by another Flow or via the Invoke API.",
        },
        meta: {},
        config: null,
        partnerChannelKeys: null,
        inputs: {
          extensible: true,
          rules: { "*": { collection: false } },
          groupRules: {
            body: { type: "object", reserved: {}, extensible: true },
            headers: { type: "object", reserved: { "Content-Type": "string" }, extensible: true },
            query: { type: "object", reserved: {}, extensible: true },
          },
          data: {},
        },
        outputs: {
          extensible: true,
          rules: { "*": { collection: false } },
          data: {},
          groupRules: { context: { extensible: false }, null: { extensible: false }, "*": { extensible: false } },
        },
        runtime: {},
      },
    },
    pins: {},
  };
}

/** One field the start card hands the body: its group (the list item's key), key and type. */
export interface EventStartField {
  group: string;
  key: string;
  type: Json;
  collection: Json;
}

/**
 * The fields of an event card's list item, in order; undefined when the card is no list event or its `collection`
 * output does not spell its item as `{ <group>: { type: { <field>: { type, collection } } } }`.
 */
export function eventStartFields(eventCard: JsonObject): EventStartField[] | undefined {
  const model = modelOf(eventCard);
  if (model.webhookList !== true) return undefined;
  const list = sideEntries(model, "outputs").filter((e) => e.key === EVENT_LIST_OUTPUT && e.group === null);
  if (list.length !== 1) return undefined;
  const value = list[0]!.value;
  if (!isObject(value) || value.collection !== true || !isObject(value.type)) return undefined;
  const fields: EventStartField[] = [];
  for (const [group, item] of Object.entries(value.type)) {
    if (!isObject(item) || !isObject(item.type)) return undefined;
    for (const [key, field] of Object.entries(item.type)) {
      if (!isObject(field) || field.type === undefined || typeof field.collection !== "boolean") return undefined;
      fields.push({ group, key, type: field.type, collection: field.collection });
    }
  }
  return fields;
}

/**
 * The start card Okta puts at the top of an event flow's body, as a catalog template (uuid "", entry ids `i0…`
 * and `o0…`, as `templateOf` writes them), made from the event card (a template or a real card: only its
 * name, comments and `collection` output are read). Undefined when the event card does not say its fields.
 */
export function eventStartTemplate(eventCard: JsonObject): JsonObject | undefined {
  const fields = eventStartFields(eventCard);
  if (!fields) return undefined;
  const eventModel = modelOf(eventCard);
  const card = startCardSkeleton();
  const node = card.node as JsonObject;
  const model = node.model as JsonObject;
  const eventNode = isObject(eventCard.node) ? eventCard.node : {};
  const name = isObject(eventNode.data) && typeof eventNode.data.name === "string" ? eventNode.data.name : "";
  (node.data as JsonObject).name = name;
  (model.metadata as JsonObject).name = name;
  const entries: JsonObject[] = [
    {
      group: "context",
      key: "execution_id",
      value: { error: false, type: "string", collection: false, data: null, available: [] },
      ref: false,
      metadata: { displayname: "Execution ID", index: 0 },
    },
    ...fields.map((f, i) => ({
      group: f.group,
      key: f.key,
      value: { error: false, type: cloneJson(f.type), collection: cloneJson(f.collection), data: null, available: [] },
      ref: false,
      metadata: { index: i + 1 },
    })),
  ];
  (model.inputs as JsonObject).data = withIds(
    entries.map((e) => ({ ...cloneJson(e), required: false, flags: "d" })),
    "i",
  );
  (model.outputs as JsonObject).data = withIds(
    entries.map((e) => cloneJson(e)),
    "o",
  );
  if ("comments" in eventModel) model.comments = cloneJson(eventModel.comments!);
  return card;
}

/** Entries keyed by `<prefix><n>`, each with that id first. */
function withIds(entries: readonly JsonObject[], prefix: string): JsonObject {
  const out: JsonObject = {};
  entries.forEach((e, n) => {
    const id = `${prefix}${n}`;
    out[id] = { id, ...e };
  });
  return out;
}
