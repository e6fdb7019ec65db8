import { expect } from "vitest";
import type { ConformanceCase } from "../conformance.js";
import { NO_PAGE, PAGES } from "../pages.js";

const PICK = PAGES.getMultiple.url;
const INVENTORY = { product: "a123", parts: [{ partno: 12 }, { partno: 16 }, { partno: 27 }], inventory: { instock: 12, ordered: 10 } };
const VALUES = PAGES.values.url;
const CONSTRUCT = PAGES.constructObject.url;
const GET = PAGES.getSupport.url;
const MERGE = PAGES.merge.url;
const CLEAR_EMPTY = PAGES.clearEmpty.url;
/** The JSON Okta's support article and blog read with Object Get. */
const ICE_CREAM = {
  product: "ice cream",
  ingredients: {
    ingredient: [
      { id: 100, type: "chocolate" },
      { id: 200, type: "vanilla" },
      { id: 300, type: "caramel" },
    ],
  },
  shop: { inventory: { instock: 100, ordered: 50 } },
};
const EMILY = { Name: "Emily", Age: "", Settings: { test: {}, test2: "value2" } };
const JANE = { email: "jane.doe@example.com", id: 123 };
const JOHN = { email: "john.doe@example.com", first: "John", last: "Doe" };

function get(title: string, path: string, output: unknown): ConformanceCase {
  return { card: "object:get", title, doc: GET, inputs: { object: ICE_CREAM, path }, expect: { output } };
}
const USER = { id: "00u1", profile: { login: "jane@x.com", "Last Login": "2024-01-01" }, groups: [{ id: "g1" }, { id: "g2" }] };

export const objectCases: readonly ConformanceCase[] = [
  {
    card: "object:construct",
    title: "one key per added field",
    doc: CONSTRUCT,
    custom: [
      { key: "Content-Type", value: "application/json" },
      { key: "limit", type: "number", value: 200 },
    ],
    expect: { output: { "Content-Type": "application/json", limit: 200 } },
  },
  {
    card: "object:construct",
    title: "dotted keys build nested objects and lists",
    doc: PAGES.constructSupport.url,
    assumed: 'a number in a dotted key ("fields.0.text") builds a list, as the exports that use such keys expect',
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
    doc: CONSTRUCT,
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
    doc: GET,
    inputs: { object: USER, path: "id" },
    expect: { output: "00u1" },
  },
  {
    card: "object:get",
    title: "a dot path into sub-objects and lists",
    doc: GET,
    inputs: { object: USER, path: "groups.1.id" },
    expect: { output: "g2" },
  },
  {
    card: "object:get",
    title: "a missing key gives an empty output",
    doc: GET,
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
    title: "a later object's key replaces the whole earlier value; an added object is merged last",
    doc: MERGE,
    assumed: "the merge is shallow: a nested object is replaced, not merged",
    inputs: { start: { a: 1, b: { x: 1 } }, sink: { b: { y: 2 }, c: 3 } },
    custom: [{ key: "object 3", type: "object", value: { c: 4 } }],
    expect: { output: { a: 1, b: { y: 2 }, c: 4 } },
  },
  {
    card: "object:merge",
    title: "the inputs are not changed",
    doc: MERGE,
    assumed: "cards never change their inputs in place",
    inputs: { start: { a: 1 }, sink: { a: 2 } },
    check: ({ call }) => expect(call.inputs.find((i) => i.key === "start")!.value).toEqual({ a: 1 }),
  },
  {
    card: "object:set",
    title: "a copy with the value at the path",
    doc: NO_PAGE,
    assumed: "the card sets the value at a key or dot path of a copy, as Get reads one",
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
    title: "a nested object emptied by the clearing stays",
    doc: CLEAR_EMPTY,
    assumed: "emptiness is judged before the nested keys are cleared; 0 is a value",
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
    doc: CONSTRUCT,
    assumed: "a card with no fields outputs an empty object",
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
    card: "object:construct",
    title: "a customer: two texts, a number and a true/false",
    doc: CONSTRUCT,
    custom: [
      { key: "First name", value: "Jane" },
      { key: "Last name", value: "Smith" },
      { key: "Age", type: "number", value: 29 },
      { key: "Loyalty", type: "boolean", value: true },
    ],
    expect: { output: { "First name": "Jane", "Last name": "Smith", Age: 29, Loyalty: true } },
  },
  {
    card: "object:construct",
    title: "a field named user.email builds a nested object",
    doc: PAGES.constructSupport.url,
    custom: [{ key: "user.email", value: "user@okta.com" }],
    expect: { output: { user: { email: "user@okta.com" } } },
  },
  {
    card: "object:construct",
    title: "headers for an API call",
    doc: PAGES.constructSupport.url,
    custom: [
      { key: "X-Favorite-Food", value: "Pizza" },
      { key: "X-Favorite-Drink", value: "Tea" },
    ],
    expect: { output: { "X-Favorite-Food": "Pizza", "X-Favorite-Drink": "Tea" } },
  },
  get("product: the text ice cream", "product", "ice cream"),
  get("ingredients.ingredient.0: the first ingredient object", "ingredients.ingredient.0", { id: 100, type: "chocolate" }),
  get("shop.inventory: an object", "shop.inventory", { instock: 100, ordered: 50 }),
  get("ingredients.ingredient.1.type: a value inside a list", "ingredients.ingredient.1.type", "vanilla"),
  {
    card: "object:merge",
    title: "the same key in both objects: the last object's value is kept",
    doc: MERGE,
    inputs: { start: JANE, sink: JOHN },
    expect: { output: { email: "john.doe@example.com", id: 123, first: "John", last: "Doe" } },
  },
  {
    card: "object:merge",
    title: "the order reversed: the other value is kept",
    doc: MERGE,
    inputs: { start: JOHN, sink: JANE },
    expect: { output: { first: "John", email: "jane.doe@example.com", last: "Doe", id: 123 } },
  },
  {
    card: "object:clearEmpty",
    title: "not recursive: empty keys removed at the top level only",
    doc: CLEAR_EMPTY,
    inputs: { object: EMILY, recursive: false },
    expect: { output: { Name: "Emily", Settings: { test: {}, test2: "value2" } } },
  },
  {
    card: "object:clearEmpty",
    title: "recursive: empty keys removed at any level, an empty object included",
    doc: CLEAR_EMPTY,
    inputs: { object: EMILY, recursive: true },
    expect: { output: { Name: "Emily", Settings: { test2: "value2" } } },
  },
  {
    card: "object:clearEmpty",
    title: "null, empty text, an empty object and an empty list are empty",
    doc: CLEAR_EMPTY,
    assumed: "an empty list is empty too, as the card's own description in the exports says",
    inputs: { object: { a: null, b: "", c: {}, d: [], e: false, f: 0 }, recursive: false },
    expect: { output: { e: false, f: 0 } },
  },
];
