/**
 * A recorded node → the catalog template that fits it → its lowered card. The template depends on the node's
 * role (a root named after its event, a branch head that is not displayed, a hidden expand card) and, among
 * variants that differ in input types, on the outputs wired into it.
 */
import { bestFit, type WiredType } from "../../catalog/variant-choice.js";
import type { Json } from "../../ir/types.js";
import type { RecordedNode } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import { isRef } from "../../dsl/handle.js";
import { isConverted } from "../../dsl/inline.js";
import type { CardSpec, Ref } from "../../dsl/types.js";
import { modelOf } from "../../shapes/entries.js";
import { expandRefBase } from "../../shapes/expand.js";
import { CALLABLE_ADDRESS, NOOP_ADDRESS } from "../../shapes/known-cards.js";
import { lowerCard } from "./card.js";
import type { CatalogEntry } from "../../catalog/entry.js";
import { eventStartEntry } from "../../catalog/event-start.js";
import { EVENT_LIST_OUTPUT } from "../../shapes/event-start.js";
import { expandSpec } from "./expand.js";
import { lowerJoinValues } from "./joins.js";
import { findOutputOf, requireOutput, sourceOf } from "./lowered-cards.js";
import type { FlowState, LoweredCard } from "./state.js";
import { templateCandidates, templateFor } from "./templates.js";

export function lowerNode(state: FlowState, node: RecordedNode): LoweredCard {
  const spec = node.spec;
  const site = spec.site;
  if (!spec || spec.kind !== "card" || typeof spec.address !== "string") throw new DslError("not a card", site);
  if (node.role.kind === "expand") return lowerExpandNode(state, node, node.role);
  const event = state.event;
  const eventRoot = event && node === event.root ? eventRootOf(state, event.card, spec) : undefined;
  const candidates = eventRoot
    ? [eventRoot.entry]
    : templateCandidates(
        state.pack.catalog,
        spec.address,
        {
          variant: spec.variant,
          options: spec.options as Record<string, Json> | undefined,
          name: spec.address === CALLABLE_ADDRESS ? spec.name : undefined,
          displayed: spec.address === NOOP_ADDRESS && spec.variant === undefined ? node.role.kind !== "branchHead" : undefined,
        },
        site,
      );
  const wired = wiredTypes(state, spec);
  const entry = candidates.length === 1 ? candidates[0]! : bestFit(candidates, wired.types);
  const lowered = lowerCard(state, entry, eventRoot?.spec ?? spec, eventRoot?.name, node.role, node, { suspect: wired.unknown });
  if (node.role.kind === "join") lowerJoinValues(state, node, lowered);
  return lowered;
}

/**
 * The start card of an event flow's body (inside Okta's wrapper) is the card Okta makes from the event card
 * (catalog/event-start.ts): named after the event card, with its comments (what its author changed included),
 * unless the root spec says. An event card that does not say its fields has no such card: the message says why.
 */
function eventRootOf(
  state: FlowState,
  eventCard: CardSpec<unknown>,
  spec: CardSpec<unknown>,
): { entry: CatalogEntry; name: string; spec: CardSpec<unknown> } {
  const catalog = state.pack.catalog;
  const template = templateFor(
    catalog,
    eventCard.address,
    { variant: eventCard.variant, options: eventCard.options as Record<string, Json> },
    eventCard.site,
  );
  // Derived first, so that a root written with its variant (import does, for a root its author changed) finds it.
  const derived = eventStartEntry(catalog, template.template);
  const entry = spec.variant === undefined ? derived : templateFor(catalog, spec.address, { variant: spec.variant }, spec.site);
  if (!entry)
    throw new DslError(
      `${eventCard.address} cannot start a flow: its "${EVENT_LIST_OUTPUT}" output does not list the fields each run receives, ` +
        "so flocode cannot make the flow's start card; learn it from an export of a flow on this event with `flocode catalog learn`",
      eventCard.site,
    );
  const name = spec.name ?? eventCard.name ?? template.name;
  const comments = spec.comments ?? eventCard.comments ?? modelOf(template.template).comments;
  return { entry, name, spec: comments === undefined ? spec : { ...spec, comments } };
}

/** `f.expand(output, fields)`: the hidden Object Expand card Okta writes for it (expand.ts). */
function lowerExpandNode(state: FlowState, node: RecordedNode, role: Extract<RecordedNode["role"], { kind: "expand" }>): LoweredCard {
  const site = node.spec.site;
  const from = sourceOf(state, role.source, "f.expand()", site);
  const out = requireOutput(from, role.source.output, "f.expand()", site);
  const what = `output ${JSON.stringify(out.ref.key)} of card ${JSON.stringify(from.card.name)}`;
  const spec = expandSpec(role, from.node, role.source.output, out.type, what, site);
  // Its ref is built from what it reads, as lift builds it (inline flows' `display.aliases` name cards by ref).
  const name = expandRefBase(
    out.ref.key,
    role.fields.map((x) => x.path),
  );
  return lowerCard(state, templateFor(state.pack.catalog, spec.address, {}, site), spec, name, node.role, node);
}

/**
 * The wired inputs whose source outputs are known, with their types, for `bestFit`; `unknown` when an input is
 * wired to an output its (placed) card does not have: the variant, hence the types of the other inputs, are then
 * a guess, and only the missing output is reported.
 */
function wiredTypes(state: FlowState, spec: CardSpec<unknown>): { types: WiredType[]; unknown: boolean } {
  const types: WiredType[] = [];
  let unknown = false;
  for (const [key, value] of Object.entries(spec.inputs ?? {})) {
    if (!isRef(value) && !isConverted(value)) continue;
    const ref = isConverted(value) ? value.ref : (value as Ref);
    const from = state.lowered.get(ref.node as RecordedNode);
    const out = from ? findOutputOf(from, ref.output) : undefined;
    if (out && out !== "ambiguous") types.push({ key, sourceType: out.type });
    else if (from && (from.failed || (ref.path?.length ?? 0) === 0)) unknown = true;
  }
  return { types, unknown };
}
