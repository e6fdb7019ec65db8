/**
 * Hidden Object Expand cards (`f.expand`), written as the Okta console writes them (FLOPACK.md §6.9). Measured on
 * the 113 expand cards of the 61-export corpus, every one has this shape:
 * - named after the source card's uuid (`node.data.name` = `metadata.name`), the source in the same scope;
 * - one input `object` typed with the source output's whole schema (`collection: false`, `data: {}`), pinned
 *   from that output with no transform, its `metadata.srcMethodId/srcOutputId` naming the source;
 * - per field (1 field: 57 cards, 2 to 11: 56), one output group: `key` (the path as a string list, `ref: true`)
 *   and `value` (typed from the schema at the path; `ref` = its collection flag, true for 9 of 227), both with
 *   `metadata.path/srcMethodId/srcOutputId`;
 * - orderings: source → expand once; per field, expand → each card the source leads to and → each expand card
 *   of the same source placed before it (13 sources have two), plus one self-loop per field. This rule gives
 *   back the orderings of 113/113 cards exactly, duplicates included.
 */
import type { JsonObject } from "../ir/types.js";
import type { NodeRole, RecordedNode, Recording } from "../dsl/builder.js";
import { DslError } from "../dsl/errors.js";
import { EXPAND_ADDRESS } from "../dsl/expand.js";
import { cardHandle } from "../dsl/handle.js";
import type { Card, CallSite, CardSpec, CustomField, OktaType } from "../dsl/types.js";
import { cloneJson, isObject } from "../util/json.js";
import type { ValueType } from "./convert.js";

type ExpandRole = Extract<NodeRole, { kind: "expand" }>;

/** The card spec of an `f.expand` node, given its source card and the source output's key and type. */
export function expandSpec(role: ExpandRole, source: RecordedNode, outputKey: string, type: ValueType, what: string, site: CallSite | undefined): CardSpec<unknown> {
  if (!isObject(type.type) || type.collection) {
    throw new DslError(`f.expand(): ${what} is ${type.collection ? "a list" : `of type ${String(type.type)}`}, not an object with known fields; read it with field(...) (an Object Get card)`, site);
  }
  const schema = type.type;
  const card = cardHandle(source) as Card<unknown>;
  const link = (): NonNullable<CustomField["source"]> => ({ card, output: outputKey });
  const input: CustomField = { key: "object", type: cloneJson(schema), raw: expandInputEntry(schema), value: role.source, source: link() };
  const outputs = role.fields.flatMap(({ group, path }): CustomField[] => {
    const field = fieldAt(schema, path);
    if (!field) throw new DslError(`f.expand(): ${what} has no field ${JSON.stringify(path.join("."))}; its fields: ${Object.keys(schema).map((k) => JSON.stringify(k)).join(", ") || "none"}`, site);
    const [key, value] = expandOutputEntries(group, path, field);
    return [
      { key: "key", group, type: "string", collection: true, raw: key, source: link() },
      { key: "value", group, type: field.type as OktaType, collection: field.collection, raw: value, source: link() },
    ];
  });
  return { kind: "card", address: EXPAND_ADDRESS, customInputs: [input], customOutputs: outputs, site };
}

/** The expand card's one input (links to the source are filled in by lower). */
export function expandInputEntry(schema: JsonObject): JsonObject {
  return {
    group: null,
    key: "object",
    value: { type: cloneJson(schema), collection: false, data: {}, available: [], error: false },
    required: true,
    ref: false,
    metadata: { srcMethodId: null, srcOutputId: null },
    flags: "d",
  };
}

/** One field's output group: `key` (its path) and `value` (the field). */
export function expandOutputEntries(group: string, path: readonly string[], field: { type: string | JsonObject; collection: boolean }): [JsonObject, JsonObject] {
  const metadata = (): JsonObject => ({ path: [...path], srcMethodId: null, srcOutputId: null });
  return [
    { group, key: "key", value: { error: false, type: "string", collection: true, data: [...path], available: [] }, ref: true, metadata: metadata() },
    { group, key: "value", value: { error: false, type: cloneJson(field.type), collection: field.collection, data: null, available: [] }, ref: field.collection, metadata: metadata() },
  ];
}

/** The schema entry at `path` (each step goes into the previous field's object schema). */
export function fieldAt(schema: JsonObject, path: readonly string[]): { type: string | JsonObject; collection: boolean } | undefined {
  let current: JsonObject | undefined = schema;
  let found: { type: string | JsonObject; collection: boolean } | undefined;
  for (const segment of path) {
    const entry: unknown = current && Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (!isObject(entry) || !(typeof entry.type === "string" || isObject(entry.type))) return undefined;
    found = { type: entry.type, collection: entry.collection === true };
    current = isObject(entry.type) ? entry.type : undefined;
  }
  return found;
}

/** The orderings of the scope's expand cards (appended after the recorded ones). */
export function expandEdges(recording: Recording): Array<[RecordedNode, RecordedNode]> {
  const isExpand = (n: RecordedNode): boolean => n.role.kind === "expand";
  const out: Array<[RecordedNode, RecordedNode]> = [];
  const earlier = new Map<RecordedNode, RecordedNode[]>();
  for (const node of recording.nodes) {
    if (node.role.kind !== "expand") continue;
    const source = node.role.source.node as RecordedNode;
    const next: RecordedNode[] = [];
    for (const [a, b] of recording.edges) if (a === source && !isExpand(b) && !next.includes(b)) next.push(b);
    const before = earlier.get(source) ?? [];
    out.push([source, node]);
    for (let i = 0; i < node.role.fields.length; i++) {
      for (const t of [...next, ...before]) out.push([node, t]);
      out.push([node, node]);
    }
    earlier.set(source, [...before, node]);
  }
  return out;
}

/**
 * An expand card is named after the card its input reads, as Okta names it (113/113 corpus cards); its `name`
 * in a spec only names its ref.
 */
export function expandNameSource(spec: CardSpec<unknown>): Card<unknown> | undefined {
  if (spec.address !== EXPAND_ADDRESS) return undefined;
  const card = spec.customInputs?.[0]?.source?.card;
  return card && "$node" in card ? (card as Card<unknown>) : undefined;
}
