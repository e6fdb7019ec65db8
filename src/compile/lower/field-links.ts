/**
 * Links of a custom field to other cards (a wormhole's other end, the card and output a hidden field reads, an
 * output whose id is the field's key), resolved once every card of the flow is lowered.
 */
import type { IrExtraEntry } from "../../ir/types.js";
import type { RecordedNode } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite, Card, CustomField, Ref } from "../../dsl/types.js";
import { cardLink, findOutputOf, resolveOutput } from "./lowered-cards.js";
import type { FlowState } from "./state.js";

export function linkCustomField(state: FlowState, extra: IrExtraEntry, f: CustomField, site: CallSite | undefined): void {
  if (!f.wormhole && !f.source && !f.method && !f.keyOf) return;
  state.deferred.push(() => {
    const links: NonNullable<IrExtraEntry["links"]> = {};
    if (f.method) links.method = cardLink(state, typeof f.method === "function" ? (f.method as () => Card<unknown>)() : f.method, site);
    if (f.keyOf) {
      const r = resolveOutput(
        state,
        typeof f.keyOf === "function" ? (f.keyOf as () => Ref)() : f.keyOf,
        `field ${JSON.stringify(f.key)}`,
        site,
      );
      links.keyOf = { card: r.card, entry: r.output };
    }
    if (f.wormhole) links.wormholeMethodId = cardLink(state, f.wormhole, site);
    if (f.source) {
      if (f.source.card !== undefined) links.srcMethodId = cardLink(state, f.source.card, site);
      const out = f.source.output;
      if (out !== undefined) {
        if (typeof out !== "string") links.srcOutputId = { dangling: out.dangling };
        else if (f.source.card === undefined)
          throw new DslError(`source output ${JSON.stringify(out)} needs the card it is an output of`, site);
        else {
          const card = f.source.card as { $node?: RecordedNode };
          const lowered = card.$node ? state.lowered.get(card.$node) : undefined;
          const o = lowered ? findOutputOf(lowered, out) : undefined;
          if (!lowered || !o || o === "ambiguous") throw new DslError(`source output ${JSON.stringify(out)} not found`, site);
          links.srcOutputId = { card: lowered.card.ref, entry: o.ref };
        }
      }
    }
    extra.links = links;
  });
}
