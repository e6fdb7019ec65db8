import { expect } from "vitest";
import { okta, type ConformanceCase } from "../conformance.js";

const PICK = "https://help.okta.com/en/prod/Content/Topics/Workflows/function-reference/Object/object_pick.htm";
const INVENTORY = { product: "a123", parts: [{ partno: 12 }, { partno: 16 }, { partno: 27 }], inventory: { instock: 12, ordered: 10 } };
const VALUES = "https://help.okta.com/en/prod/Content/Topics/Workflows/function-reference/object/object_values.htm";
const USER = { id: "00u1", profile: { login: "jane@x.com", "Last Login": "2024-01-01" }, groups: [{ id: "g1" }, { id: "g2" }] };

export const objectCases: readonly ConformanceCase[] = [
  {
    card: "object:construct",
    title: "one key per added field",
    doc: okta("object/object_construct.htm"),
    custom: [
      { key: "Content-Type", value: "application/json" },
      { key: "limit", type: "number", value: 200 },
    ],
    expect: { output: { "Content-Type": "application/json", limit: 200 } },
  },
  {
    card: "object:construct",
    title: "dotted keys build nested objects and lists",
    doc: okta("object/object_construct.htm"),
    assumed: 'a key "a.b" builds {"a":{"b":…}} and "fields.0.text" a list, as the exports that use such keys expect',
    custom: [
      { key: "scheduleSettings.type", value: "ONE_OFF" },
      { key: "scheduleSettings.durationInDays", type: "number", value: 30 },
      { key: "fields.0.text", value: "hi" },
    ],
    expect: { output: { scheduleSettings: { type: "ONE_OFF", durationInDays: 30 }, fields: [{ text: "hi" }] } },
  },
  {
    card: "object:construct",
    title: "a __proto__ key is data, not a prototype",
    doc: okta("object/object_construct.htm"),
    assumed: "any key is an ordinary key",
    custom: [{ key: "__proto__", value: "x" }],
    check: ({ out }) => {
      const o = out.output as Record<string, unknown>;
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
      expect(Object.keys(o)).toEqual(["__proto__"]);
    },
  },
  {
    card: "object:get",
    title: "a key's value",
    doc: okta("object/object_get.htm"),
    inputs: { object: USER, path: "id" },
    expect: { output: "00u1" },
  },
  {
    card: "object:get",
    title: "a dot path into sub-objects and lists",
    doc: okta("object/object_get.htm"),
    inputs: { object: USER, path: "groups.1.id" },
    expect: { output: "g2" },
  },
  {
    card: "object:get",
    title: "a missing key gives an empty output",
    doc: okta("object/object_get.htm"),
    assumed: "a path that leads nowhere is empty, not a failure",
    inputs: { object: USER, path: "profile.manager.id" },
    expect: { output: undefined },
  },
  {
    card: "object:pick",
    title: "Get Multiple: each output is the value at its key or path",
    doc: PICK,
    inputs: { object: USER },
    customOutputs: [{ key: "id" }, { key: "profile.login" }, { key: "profile.Last Login" }],
    expect: { id: "00u1", "profile.login": "jane@x.com", "profile.Last Login": "2024-01-01" },
  },
  {
    card: "object:merge",
    title: "the keys of all objects, later objects winning",
    doc: okta("object/object_merge.htm"),
    assumed: "a shallow merge: a key in a later object replaces the earlier value",
    inputs: { start: { a: 1, b: { x: 1 } }, sink: { b: { y: 2 }, c: 3 } },
    custom: [{ key: "object 3", type: "object", value: { c: 4 } }],
    expect: { output: { a: 1, b: { y: 2 }, c: 4 } },
  },
  {
    card: "object:merge",
    title: "the inputs are not changed",
    doc: okta("object/object_merge.htm"),
    assumed: "cards never change their inputs in place",
    inputs: { start: { a: 1 }, sink: { a: 2 } },
    check: ({ call }) => expect(call.inputs.find((i) => i.key === "start")!.value).toEqual({ a: 1 }),
  },
  {
    card: "object:set",
    title: "a copy with the value at the path",
    doc: okta("object/object_set.htm"),
    inputs: { object: { profile: { login: "a" } }, path: "profile.email", value: "a@x.com" },
    expect: { output: { profile: { login: "a", email: "a@x.com" } } },
  },
  {
    card: "object:values",
    title: "the values of an object as a list",
    doc: VALUES,
    inputs: { object: { Name: "Emily", Age: "66", "Hair Color": "Brown", ID: "175" } },
    expect: { values: ["Emily", "66", "Brown", "175"] },
  },
  {
    card: "object:clearEmpty",
    title: "keys with empty values removed, recursively when asked",
    doc: okta("object/object_clearempty.htm"),
    assumed: "empty means null or empty text",
    inputs: { object: { a: "", b: null, c: 0, d: { e: "" } }, recursive: true },
    expect: { output: { c: 0, d: {} } },
  },
  {
    card: "object:pick",
    title: "a key that holds a dot is found whole; a missing path is empty",
    doc: PICK,
    assumed: "a key with dots that exists as such wins over the path it spells; missing paths leave the output empty",
    inputs: { object: { "a.b": 1, a: { b: 2 } } },
    customOutputs: [{ key: "a.b" }, { key: "a.c" }],
    expect: { "a.b": 1, "a.c": undefined },
  },
  {
    card: "object:pick",
    title: "a list index in a path",
    doc: PICK,
    inputs: { object: { data: { events: [{ outcome: { result: "SUCCESS" } }] } } },
    customOutputs: [{ key: "data.events.0.outcome.result" }],
    expect: { "data.events.0.outcome.result": "SUCCESS" },
  },
  {
    card: "object:construct",
    title: "no fields: an empty object",
    doc: okta("object/object_construct.htm"),
    expect: { output: {} },
  },
  {
    card: "object:pick",
    title: "the page's product example: a key, a list index in a path, an object, a nested key",
    doc: PICK,
    inputs: { object: INVENTORY },
    customOutputs: [
      { key: "product" },
      { key: "parts.1.partno", type: "number" },
      { key: "inventory", type: "object" },
      { key: "inventory.ordered", type: "number" },
    ],
    expect: { product: "a123", "parts.1.partno": 16, inventory: { instock: 12, ordered: 10 }, "inventory.ordered": 10 },
  },
  {
    card: "object:get",
    title: "dot notation through a list: the JSON of Okta's how-to on reading JSON paths",
    doc: "https://www.okta.com/blog/product-innovation/how-to-read-a-json-path-with-dot-notation",
    assumed: "the post's JSON; the path and value are ours (a list item is reached by its index)",
    inputs: {
      object: {
        product: "ice cream",
        ingredients: {
          ingredient: [
            { id: 100, type: "chocolate" },
            { id: 200, type: "vanilla" },
            { id: 300, type: "caramel" },
          ],
        },
      },
      path: "ingredients.ingredient.1.type",
    },
    expect: { output: "vanilla" },
  },
];
