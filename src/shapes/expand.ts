/**
 * Hidden Object Expand cards (FLOPACK.md §6.9), as the Okta console writes them when an object output is
 * unfolded. Measured on the 113 expand cards of the 61-export corpus, every one has this shape:
 * - named after the source card's uuid (`node.data.name` = `metadata.name`), the source in the same scope;
 * - one input `object` typed with the source output's whole schema (`collection: false`, `data: {}`), pinned
 *   from that output with no transform, its `metadata.srcMethodId/srcOutputId` naming the source;
 * - per field (1 field: 57 cards, 2 to 11: 56), one output group: `key` (the path as a string list, `ref: true`)
 *   and `value` (typed from the schema at the path; `ref` = its collection flag, true for 9 of 227), both with
 *   `metadata.path/srcMethodId/srcOutputId`;
 * - orderings: source → expand once; per field, expand → each card the source leads to and → each expand card
 *   of the same source placed before it (13 sources have two), plus one self-loop per field.
 *
 * Refs: the uuid an expand card is named after says nothing once ids are regenerated; lift gives it a ref from
 * what it reads instead (`expand-<output key>-<field paths>`, numbered per source in placing order), which lower
 * gives back for `f.expand` and for a generic card written with that name. Inline flows refer to cards by ref
 * (`display.aliases`), so both must agree.
 */
import { cloneJson, isObject, type JsonObject } from "../util/json.js";
import { slug } from "../util/names.js";
import { EXPAND_ADDRESS } from "./known-cards.js";

/** A field of an object schema: its type (a nested schema for an object field) and collection flag. */
export interface SchemaField {
  type: string | JsonObject;
  collection: boolean;
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
export function expandOutputEntries(group: string, path: readonly string[], field: SchemaField): [JsonObject, JsonObject] {
  const metadata = (): JsonObject => ({ path: [...path], srcMethodId: null, srcOutputId: null });
  return [
    {
      group,
      key: "key",
      value: { error: false, type: "string", collection: true, data: [...path], available: [] },
      ref: true,
      metadata: metadata(),
    },
    {
      group,
      key: "value",
      value: { error: false, type: cloneJson(field.type), collection: field.collection, data: null, available: [] },
      ref: field.collection,
      metadata: metadata(),
    },
  ];
}

/** The schema entry at `path` (each step goes into the previous field's object schema). */
export function fieldAt(schema: JsonObject, path: readonly string[]): SchemaField | undefined {
  let current: JsonObject | undefined = schema;
  let found: SchemaField | undefined;
  for (const segment of path) {
    const entry: unknown = current && Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (!isObject(entry) || !(typeof entry.type === "string" || isObject(entry.type))) return undefined;
    found = { type: entry.type, collection: entry.collection === true };
    current = isObject(entry.type) ? entry.type : undefined;
  }
  return found;
}

/** The uuid an expand card is named after, when it is a card of the flow. */
export function expandSource(card: JsonObject, uuids: ReadonlySet<string>): string | undefined {
  if (card.address !== EXPAND_ADDRESS) return undefined;
  const name = isObject(card.node) && isObject(card.node.data) ? card.node.data.name : undefined;
  return typeof name === "string" && uuids.has(name) ? name : undefined;
}

/** The ref base of an expand card reading `paths` (one per field) of the output with key `outputKey`. */
export function expandRefBase(outputKey: string, paths: ReadonlyArray<readonly string[]>): string {
  return slug(["expand", outputKey, ...paths.flat()].join(" "), "expand");
}

/** The field paths an expand card reads: `metadata.path` of each output group, in storage order. */
export function expandPaths(outputs: readonly JsonObject[]): string[][] {
  const seen = new Set<unknown>();
  const out: string[][] = [];
  for (const e of outputs) {
    if (seen.has(e.group)) continue;
    seen.add(e.group);
    const path = isObject(e.metadata) ? e.metadata.path : undefined;
    if (Array.isArray(path)) out.push(path.map(String));
  }
  return out;
}

/**
 * The expand cards of one source in the order they were added: Okta orders an expand card after each
 * earlier one of the same source (edges from it to them). Ties keep storage order; undefined on a cycle.
 */
export function placingOrder<T>(items: readonly T[], key: (t: T) => string, edges: Iterable<readonly [string, string]>): T[] | undefined {
  const keys = new Set(items.map(key));
  const after = new Map<string, Set<string>>();
  for (const [a, b] of edges) if (a !== b && keys.has(a) && keys.has(b)) (after.get(a) ?? after.set(a, new Set()).get(a)!).add(b);
  const placed = new Set<string>();
  const out: T[] = [];
  const left = [...items];
  while (left.length > 0) {
    const i = left.findIndex((x) => [...(after.get(key(x)) ?? [])].every((r) => placed.has(r)));
    if (i < 0) return undefined;
    const [x] = left.splice(i, 1);
    placed.add(key(x!));
    out.push(x!);
  }
  return out;
}
