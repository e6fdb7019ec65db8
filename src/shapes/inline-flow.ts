/**
 * The inline flow object's keys besides its cards (If/ElseIf branches, If Error blocks, For Each bodies, event
 * wrappers): the usual ones, and a shape given in code as changes to them.
 */
import { cloneJson, jsonEqual, type Json, type JsonObject } from "../util/json.js";
import { TREE } from "./flow.js";

/** Stands for an inline flow `id` that is a fresh uuid (emit derives it; every corpus inline flow has one). */
export const GENERATED_INLINE_ID = "\u0000generated-id";

/**
 * The inline flow object as most exports have it (the corpus's 154 inline flows: all have a uuid `id`, 139 the
 * template keys, 80 of them `actionId`).
 */
export function usualInlineShape(): JsonObject {
  return {
    id: GENERATED_INLINE_ID,
    uuid: "",
    display: { aliases: {} },
    tree: cloneJson(TREE),
    methods: [],
    model: {},
    orderings: {},
    security_level: null,
    log: false,
    inheritLog: false,
    group: null,
    templateName: null,
    connector_method_meta: { inputs: {}, outputs: {}, options: {} },
    monitor_flo: false,
    actionId: null,
  };
}

/** Changes to the usual shape, as written in code: a key set to `undefined` is left out. */
export type InlineShapeChanges = { readonly [key: string]: Json | undefined };

export function applyShapeChanges(
  base: JsonObject,
  changes: InlineShapeChanges | undefined,
  toData: (v: unknown, key: string) => Json,
): JsonObject {
  const out = cloneJson(base);
  if (!changes) return out;
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else Object.defineProperty(out, k, { value: toData(v, k), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** What `shape` changes of `base` (undefined: nothing); keys `base` has and `shape` lacks map to undefined. */
export function shapeChanges(shape: JsonObject, base: JsonObject): Array<[string, Json | undefined]> | undefined {
  const out: Array<[string, Json | undefined]> = [];
  for (const k of Object.keys(base)) if (!Object.hasOwn(shape, k)) out.push([k, undefined]);
  for (const k of Object.keys(shape)) if (!Object.hasOwn(base, k) || !jsonEqual(shape[k], base[k])) out.push([k, shape[k]!]);
  return out.length > 0 ? out : undefined;
}
