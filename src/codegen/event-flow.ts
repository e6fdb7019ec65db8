/**
 * Okta stores an event flow as [event card → "For Each - Ignore Errors" wrapper], the flow's cards inside the
 * wrapper's inline flow. When the top level is exactly what lower's `eventWrapper` builds, the flow is written
 * with the `event(...)` trigger and the wrapper's body becomes the flow's top level.
 */
import { eventStartEntry } from "../catalog/event-start.js";
import type { Catalog } from "../catalog/store.js";
import type { IrCard, IrLink, IrScope, Json, JsonObject } from "../ir/types.js";
import { connectorOf, isConnectorAddress } from "../shapes/address.js";
import { dataOf, modelOf, sameEntry } from "../shapes/entries.js";
import { shapeChanges, usualInlineShape } from "../shapes/inline-flow.js";
import { ASYNC_EACH_ADDRESS, CALLABLE_ADDRESS, EVENT_WRAPPER_NAME } from "../shapes/known-cards.js";
import { cloneJson, isObject } from "../util/json.js";
import { cardModel } from "./card-model.js";
import { isBare } from "./entry-shapes.js";
import { planScope } from "./structure.js";

export interface EventFlow {
  /** The event card (the `event(...)` argument). */
  event: IrCard;
  /** The wrapper's inline flow: the flow's top level as written. */
  body: IrScope;
  /** The name lower gives the body's root: the event card's own name (Okta repeats it on the root). */
  rootName: string;
  /** The variant of the start card lower puts at the top of the body (catalog/event-start.ts), if it can make one. */
  rootVariant: string | undefined;
  /** The comments lower gives the body's root: the event card's own (Okta repeats them on the root). */
  rootComments: Json | undefined;
  /** The wrapper's variant, when not the one lower picks. */
  wrapperVariant?: string;
  /** How the body's inline-flow keys differ from the usual ones. */
  inline?: Array<[string, Json | undefined]>;
}

/** The event-wrapper pattern of a flow's top level exactly as lower's `eventWrapper` builds it, or undefined. */
export function eventFlow(scope: IrScope, catalog: Catalog): EventFlow | undefined {
  if (scope.cards.length !== 2 || scope.orderings.length !== 1) return undefined;
  const wrapper = scope.cards.find((c) => c.address === ASYNC_EACH_ADDRESS);
  const event = scope.cards.find((c) => c !== wrapper);
  if (!wrapper || !event || !isConnectorAddress(event.address)) return undefined;
  const [from, to] = scope.orderings[0]!;
  if (from !== event.ref || to !== wrapper.ref) return undefined;
  if (wrapper.name !== EVENT_WRAPPER_NAME || !catalog.has(ASYNC_EACH_ADDRESS, wrapper.variant)) return undefined;
  const wrapperVariant = wrapper.variant !== catalog.variants(ASYNC_EACH_ADDRESS)[0]?.variant ? wrapper.variant : undefined;
  if (wrapper.pins.length > 0 || wrapper.inputValues.length < 1 || wrapper.inputValues.length > 2) return undefined;
  const { inputValues, ...rest } = wrapper;
  if (!isBare({ ...rest, inputValues: [] })) return undefined;
  const wm = cardModel(wrapper, catalog);
  const em = cardModel(event, catalog);
  const find = (key: string) => wm.inputs.find((x) => x.ref.key === key)?.ref;
  const flo = inputValues.find((v) => find("flo") && sameEntry(v.entry, find("flo")!));
  const conc = inputValues.find((v) => find("concurrency") && sameEntry(v.entry, find("concurrency")!));
  // Lower sets concurrency 1; a template that holds 1 already leaves no value to lift.
  const concurrencyEntry = wm.inputs.find((x) => x.ref.key === "concurrency");
  const concurrency = conc
    ? conc.value.kind === "json"
      ? conc.value.data
      : undefined
    : concurrencyEntry && dataOf(concurrencyEntry.entry);
  if (!flo || flo.value.kind !== "inline" || concurrency !== 1 || inputValues.length !== (conc ? 2 : 1)) return undefined;
  const collection = em.outputs.find((o) => o.ref.key === "collection");
  const list = find("list");
  if (!collection || !list || event.pins.length !== 1) return undefined;
  const pin = event.pins[0]!;
  if (pin.target !== wrapper.ref || !sameEntry(pin.output, collection.ref) || !sameEntry(pin.input, list) || pin.transform !== null)
    return undefined;
  const body = flo.value.scope;
  const root = planScope(body).root;
  // Okta repeats the event card's name and comments on the body's root; lower does the same. A root with help text
  // of its own is written as the flow's `root` (trigger.ts compares it with these).
  const rootName = event.name;
  const rootComments = event.comments ?? modelOf(em.template.template).comments;
  if (!root || root.address !== CALLABLE_ADDRESS || root.name !== rootName || !isBare({ ...root, comments: undefined })) return undefined;
  const connector = connectorOf(event.address) ?? "okta";
  if (!body.inline) return undefined;
  // The root's alias is written by lower (under the ref it gives the root), so a stated shape leaves it out.
  const aliases = isObject(body.inline.display) && isObject(body.inline.display.aliases) ? body.inline.display.aliases : undefined;
  if (!aliases || aliases[root.ref] !== connector || Object.keys(aliases)[0] !== root.ref) return undefined;
  const shape = cloneJson(body.inline);
  delete ((shape.display as JsonObject).aliases as JsonObject)[root.ref];
  const inline = shapeChanges(shape, usualInlineShape());
  if (leaksOut(body)) return undefined;
  return {
    event,
    body,
    rootName,
    rootVariant: eventStartEntry(catalog, em.template.template)?.variant,
    rootComments,
    ...(wrapperVariant !== undefined ? { wrapperVariant } : {}),
    ...(inline !== undefined ? { inline } : {}),
  };
}

/** Whether a card of the body links (wormhole, source) to a card outside it: the body becomes the flow's top level. */
function leaksOut(body: IrScope): boolean {
  const inside = new Set<string>();
  const collect = (sc: IrScope): void => {
    for (const c of sc.cards) {
      inside.add(c.ref);
      for (const v of [...c.inputValues, ...c.outputValues, ...c.extraInputs, ...c.extraOutputs])
        if (v.value.kind === "inline") collect(v.value.scope);
      if (c.policy.flo?.kind === "inline") collect(c.policy.flo.scope);
    }
  };
  collect(body);
  const outside = (l: IrLink | undefined): boolean => l !== undefined && "ref" in l && !inside.has(l.ref);
  return body.cards.some((c) =>
    [...c.extraInputs, ...c.extraOutputs].some((x) => outside(x.links?.wormholeMethodId) || outside(x.links?.srcMethodId)),
  );
}
