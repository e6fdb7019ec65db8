/**
 * Object cards that are plain functions of their inputs (module `object`): Construct, Get, Get Multiple (pick),
 * Merge, Set, Values, Clear Empty. The hidden Object Expand cards and the helper-flow cards (Map, Process) are
 * the interpreter's. Objects are never changed in place: every output is a new object.
 */
import type { CardFunction } from "../card-function.js";
import { arg, one } from "./args.js";
import { atPath, bool, isBlank, isEmpty, isObj, obj, put, text, withPath, type Obj } from "./values.js";

/**
 * Construct: one key per field the author added. A key with dots ("scheduleSettings.type", "fields.0.text")
 * builds the nested objects and lists it names, as the exports that use such keys expect.
 */
const construct: CardFunction = (call) => {
  let out: Obj = {};
  for (const input of call.inputs) {
    if (!input.custom) continue;
    if (input.key.includes(".") && !input.key.startsWith(".") && !input.key.endsWith(".")) out = withPath(out, input.key, input.value);
    else put(out, input.key, input.value);
  }
  return one(call, out);
};

/** Get: the value at a key or dot path ("profile.login", "items.0"). */
const get: CardFunction = (call) => one(call, atPath(arg(call, "object"), text(arg(call, "path"))));

/** Get Multiple: each output's key is a key or dot path of the object. */
const pick: CardFunction = (call) => {
  const source = arg(call, "object");
  return call.outputs.map((output) => atPath(source, output.key));
};

/** Merge: the keys of every object in order (start, sink, then the author's), later values winning. */
const merge: CardFunction = (call) => {
  const out: Obj = {};
  for (const input of call.inputs) {
    if (input.option || isBlank(input.value)) continue;
    const source = obj(input.value, input.key);
    for (const key of Object.keys(source)) put(out, key, source[key]);
  }
  return one(call, out);
};

/** Set: a copy of the object with the value at the key or dot path. */
const set: CardFunction = (call) => one(call, withPath(obj(arg(call, "object"), "object"), text(arg(call, "path")), arg(call, "value")));

/** Values: the object's values in key order (https://help.okta.com/en/prod/Content/Topics/Workflows/function-reference/object/object_values.htm). */
const values: CardFunction = (call) => one(call, Object.values(obj(arg(call, "object"), "object")));

/**
 * Clear Empty: without the keys whose value is empty (null, empty text, {}, and [] as the card's description
 * adds); `recursive` clears nested objects the same way. Emptiness is judged before a nested object is cleared.
 */
const clearEmpty: CardFunction = (call) => one(call, clear(obj(arg(call, "object"), "object"), bool(arg(call, "recursive"))));

function clear(source: Obj, recursive: boolean): Obj {
  const out: Obj = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isEmpty(value)) continue;
    put(out, key, recursive && isObj(value) ? clear(value, true) : value);
  }
  return out;
}

export const objectCards: ReadonlyArray<readonly [string, CardFunction]> = [
  ["object:construct", construct],
  ["object:get", get],
  ["object:pick", pick],
  ["object:merge", merge],
  ["object:set", set],
  ["object:values", values],
  ["object:clearEmpty", clearEmpty],
];
