/**
 * Okta event flows: [event card → For Each - Ignore Errors], the body being the For Each's inline flow, which
 * receives the event's "collection" list one item at a time.
 */
import type { IrEntryRef, IrScope, Json } from "../../ir/types.js";
import { isObject } from "../../util/json.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite, CardSpec } from "../../dsl/types.js";
import { connectorOf } from "../../shapes/address.js";
import { applyShapeChanges, usualInlineShape, type InlineShapeChanges } from "../../shapes/inline-flow.js";
import { ASYNC_EACH_ADDRESS, EVENT_WRAPPER_NAME } from "../../shapes/known-cards.js";
import { lowerCard } from "./card.js";
import { toJson } from "./constants.js";
import type { FlowState } from "./state.js";
import { templateFor } from "./templates.js";

export function eventWrapper(
  state: FlowState,
  eventSpec: CardSpec<unknown>,
  body: IrScope,
  site: CallSite | undefined,
  options: { wrapperVariant?: string; inline?: InlineShapeChanges } = {},
): IrScope {
  const catalog = state.pack.catalog;
  const wrapperVariant = options.wrapperVariant;
  const eventTemplate = templateFor(
    catalog,
    eventSpec.address,
    { variant: eventSpec.variant, options: eventSpec.options as Record<string, Json> },
    eventSpec.site,
  );
  const event = lowerCard(state, eventTemplate, eventSpec, undefined, { kind: "card" });
  const wrapperSpec: CardSpec<unknown> = { kind: "card", address: ASYNC_EACH_ADDRESS, site };
  const wrapperTemplate = templateFor(catalog, ASYNC_EACH_ADDRESS, wrapperVariant !== undefined ? { variant: wrapperVariant } : {}, site);
  const wrapper = lowerCard(state, wrapperTemplate, wrapperSpec, EVENT_WRAPPER_NAME, { kind: "card" });
  const find = (key: string): IrEntryRef => {
    const i = wrapper.inputs.findIndex((e) => e.ref.key === key);
    if (i < 0) throw new DslError(`the catalog's For Each - Ignore Errors card has no ${key} input`, site);
    return wrapper.inputs[i]!.ref;
  };
  const root = body.cards[0]!;
  const connector = connectorOf(eventSpec.address) ?? "okta";
  // The usual shape with the given changes; the root's alias (under the ref lower gave the root) comes first.
  const shape = applyShapeChanges(usualInlineShape(), options.inline, (v, k) => toJson(v, `event() inline key ${JSON.stringify(k)}`, site));
  const display = isObject(shape.display) ? shape.display : (shape.display = {});
  display.aliases = { [root.ref]: connector, ...(isObject(display.aliases) ? display.aliases : {}) };
  body.inline = shape;
  wrapper.card.inputValues.push(
    { entry: find("flo"), value: { kind: "inline", scope: body } },
    { entry: find("concurrency"), value: { kind: "json", data: 1 } },
  );
  const collection = event.outputs.find((o) => o.ref.key === "collection");
  if (!collection)
    throw new DslError(`${eventSpec.address} is not a list event card (it has no "collection" output)`, eventSpec.site ?? site);
  event.card.pins.push({ output: collection.ref, target: wrapper.card.ref, input: find("list"), transform: null });
  return { cards: [event.card, wrapper.card], orderings: [[event.card.ref, wrapper.card.ref]] };
}
