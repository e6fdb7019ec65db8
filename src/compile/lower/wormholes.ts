/**
 * An inline flow reading a value of the flow around it: Okta passes it through a "wormhole", a pair of hidden
 * context fields sharing a key, one on the card that holds the inline flow (wired from the outer output), one on
 * the inline flow's start card (whose output is then wired inside). FLOPACK.md §6.3. A value from further out
 * goes through one wormhole per level, as Okta chains them.
 */
import type { IrCard, IrEntryRef, JsonObject } from "../../ir/types.js";
import { shortId } from "../../util/ids.js";
import type { RecordedNode, Recording } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import type { ValueType } from "../../shapes/conversion.js";
import { entryRefKey } from "../../shapes/entries.js";
import { WORMHOLE_GROUP, wormholeEntry, type WormholeEnd } from "../../shapes/wormhole.js";
import { requireOutput } from "./lowered-cards.js";
import type { FlowState, InlineContext, PendingPin } from "./state.js";

/** The inline flow being wired, when `pin` reads a card of a scope around it; undefined otherwise. */
export function wormholeFor(state: FlowState, pin: PendingPin): InlineContext | undefined {
  const context = state.inlineStack.at(-1);
  const node = pin.source.node as RecordedNode;
  return context && context.recording === state.scope && node.owner === state.token && isEnclosing(state, node.scope) ? context : undefined;
}

/**
 * The inner end of the wormhole that brings `pin`'s source into the inline flow: made on first use (its entrance
 * then waits to be wired in the outer scope), shared by later wires of the same output.
 */
export function wormholeExit(
  state: FlowState,
  pin: PendingPin,
  context: InlineContext,
): { card: IrCard; ref: IrEntryRef; type: ValueType; source: string } {
  const from = state.lowered.get(pin.source.node as RecordedNode);
  if (!from) throw new DslError(`${pin.what} is wired to a card that is not placed yet`, pin.site);
  const out = requireOutput(from, pin.source.output, pin.what, pin.site);
  const root = state.lowered.get(context.recording.nodes[0]!)!;
  const owner = context.owner.card;
  const sourceKey = `${from.card.ref}\u0000${entryRefKey(out.ref)}`;
  let inner = context.wormholes.get(sourceKey);
  if (!inner) {
    // A key of its own: not one a wormhole written out in the flow file already has on either card.
    const taken = (k: string): boolean => root.outputs.some((o) => o.ref.key === k) || owner.extraInputs.some((x) => x.entry.key === k);
    let token = shortId("wormhole", state.name, owner.ref, root.card.ref, sourceKey);
    for (let n = 1; taken(token); n++) token = shortId("wormhole", state.name, owner.ref, root.card.ref, sourceKey, String(n));
    const end = (e: WormholeEnd): JsonObject => wormholeEntry(e, token, out.type.type, out.type.collection);
    const ref: IrEntryRef = { group: WORMHOLE_GROUP, key: token };
    owner.extraInputs.push({
      entry: end("entrance"),
      value: { kind: "json", data: null },
      links: { wormholeMethodId: { ref: root.card.ref } },
    });
    root.card.extraInputs.push({
      entry: end("exitInput"),
      value: { kind: "json", data: null },
      links: { wormholeMethodId: { ref: owner.ref } },
    });
    root.card.extraOutputs.push({
      entry: end("exitOutput"),
      value: { kind: "json", data: null },
      links: { wormholeMethodId: { ref: owner.ref } },
    });
    root.outputs.push({ ref, type: out.type });
    context.outerPending.push({
      source: pin.source,
      target: owner,
      input: ref,
      inputType: out.type,
      transform: null,
      site: pin.site,
      what: pin.what,
    });
    inner = { ref, type: out.type };
    context.wormholes.set(sourceKey, inner);
  }
  return { card: root.card, ref: inner.ref, type: inner.type, source: `${from.card.name}.${out.ref.key}` };
}

/**
 * Whether `scope` encloses the scope being wired: the scope around the innermost inline flow, or one around
 * that (each inline flow of the chain directly inside the one before).
 */
function isEnclosing(state: FlowState, scope: Recording): boolean {
  const stack = state.inlineStack;
  for (let i = stack.length - 1; i >= 0; i--) {
    const context = stack[i]!;
    if (context.outerScope === scope) return true;
    if (i > 0 && stack[i - 1]!.recording !== context.outerScope) return false;
  }
  return false;
}
