/**
 * catalog/event-start.ts: an event flow's start card is the one derived from the event card, on the catalog's
 * learned variant of the same shape when it has one, else kept as a derived entry that `get` and `has` find and
 * no listing shows.
 */
import { describe, expect, it } from "vitest";
import { deriveEventStarts, eventStartEntry } from "../../src/catalog/event-start.js";
import { loadCatalog } from "../../src/catalog/store.js";
import { variantOf } from "../../src/catalog/template.js";
import { eventStartTemplate } from "../../src/shapes/event-start.js";
import { CALLABLE_ADDRESS } from "../../src/shapes/known-cards.js";
import type { JsonObject } from "../../src/util/json.js";

type Obj = Record<string, any>;
const USER_CREATED = "root:channels:http:okta:1.0.685:userCreated";

/** An event template whose list item has one field more than any learned start card: its start card is new. */
function newEvent(): JsonObject {
  const template = structuredClone(loadCatalog().get(USER_CREATED)!.template) as Obj;
  const list = (Object.values(template.node.model.outputs.data) as Obj[]).find((e) => e.key === "collection")!;
  list.value.type.Output.type["Risk Level"] = { type: "string", collection: false };
  return template;
}

describe("eventStartEntry", () => {
  it("is the learned variant when the catalog has the derived shape", () => {
    const catalog = loadCatalog();
    const entry = eventStartEntry(catalog, catalog.get(USER_CREATED)!.template)!;
    expect(entry.count).toBeGreaterThan(0);
    expect(entry.variant).toBe(variantOf(eventStartTemplate(catalog.get(USER_CREATED)!.template)!));
  });

  it("else a derived entry: found by variant (also in a clone), listed nowhere, never replacing a learned one", () => {
    const catalog = loadCatalog();
    const before = catalog.variants(CALLABLE_ADDRESS).map((e) => e.variant);
    const entry = eventStartEntry(catalog, newEvent())!;
    expect(entry.count).toBe(0);
    expect(before).not.toContain(entry.variant);
    expect([catalog.has(CALLABLE_ADDRESS, entry.variant), catalog.get(CALLABLE_ADDRESS, entry.variant)]).toEqual([true, entry]);
    expect(catalog.clone().get(CALLABLE_ADDRESS, entry.variant)).toEqual(entry);
    expect(catalog.variants(CALLABLE_ADDRESS).map((e) => e.variant)).toEqual(before);
    expect(catalog.entries().some((e) => e.variant === entry.variant)).toBe(false);
    const learned = { ...entry, name: "Learned", count: 1 };
    catalog.add(learned);
    expect(catalog.get(CALLABLE_ADDRESS, entry.variant)).toBe(learned);
  });

  it("is undefined for a card that is no list event", () => {
    expect(eventStartEntry(loadCatalog(), loadCatalog().get(CALLABLE_ADDRESS)!.template)).toBeUndefined();
  });
});

describe("deriveEventStarts", () => {
  it("keeps the start card of each top-level event card of a flopack", () => {
    const catalog = loadCatalog();
    const event = newEvent();
    const variant = variantOf(eventStartTemplate(event)!);
    expect(catalog.has(CALLABLE_ADDRESS, variant)).toBe(false);
    deriveEventStarts(catalog, { data: { flos: { a: { name: "On Event", data: { methods: [event] } } } } });
    expect(catalog.has(CALLABLE_ADDRESS, variant)).toBe(true);
  });
});
