/**
 * The stand-in for a card that could not be lowered (its mistake is reported): a card of the right ref with no
 * entries, so that the rest of its scope lowers and reports its own mistakes. Wires from or to it, and checks of
 * it, are skipped as consequences of the mistake already reported.
 */
import type { IrCard } from "../../ir/types.js";
import { slug } from "../../util/names.js";
import type { RecordedNode } from "../../dsl/recording.js";
import type { FlowState, LoweredCard } from "./state.js";
import { blankCard } from "../../ir/blank-card.js";

export function standIn(state: FlowState, node: RecordedNode): LoweredCard {
  const known = state.lowered.get(node);
  if (known) {
    known.failed = true;
    return known;
  }
  const name = typeof node.spec?.name === "string" ? node.spec.name : "card";
  const card: IrCard = blankCard({
    ref: state.cardRefs.take(slug(name, "card")),
    address: typeof node.spec?.address === "string" ? node.spec.address : "",
    variant: "",
    name,
  });
  const lowered: LoweredCard = { card, node, given: new Set(), inputs: [], outputs: [], failed: true };
  state.lowered.set(node, lowered);
  state.byCard.set(card, lowered);
  return lowered;
}
