/**
 * The start card of an event flow's body, one rule for lowering (which puts it there) and import (which leaves it
 * out of the code when it is that card): the card Okta makes from the event card (src/shapes/event-start.ts,
 * proven on every real event flow), on the catalog's variant of the same shape when it has one, else kept as a
 * derived entry of the catalog (so that emit and lift find its template by variant).
 */
import { eventStartTemplate } from "../shapes/event-start.js";
import { CALLABLE_ADDRESS } from "../shapes/known-cards.js";
import { forEachCard } from "./walk.js";
import { isObject, type JsonObject } from "../util/json.js";
import type { CatalogEntry } from "./entry.js";
import type { Catalog } from "./store.js";
import { variantOf } from "./template.js";

/** Undefined when the event card does not say its fields (no list event, or a list item of another shape). */
export function eventStartEntry(catalog: Catalog, eventCard: JsonObject): CatalogEntry | undefined {
  const template = eventStartTemplate(eventCard);
  if (!template) return undefined;
  const node = template.node as JsonObject;
  const name = isObject(node.data) && typeof node.data.name === "string" ? node.data.name : "";
  return catalog.addDerived({ address: CALLABLE_ADDRESS, variant: variantOf(template), name, options: {}, count: 0, sources: [], template });
}

/**
 * Keeps the start card of every event flow of a flopack that the catalog does not have (import: a flow built on
 * such a card is lifted against that template, and nothing is learned for it).
 */
export function deriveEventStarts(catalog: Catalog, flopack: unknown): void {
  forEachCard(flopack, ({ card, depth }) => {
    if (depth === 0) eventStartEntry(catalog, card);
  });
}
