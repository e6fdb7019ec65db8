import type { Rule } from "./types.js";
import { cardKind, entryAt, entryPointer, isObj, own, ptr, rootOf, type CardView } from "./model.js";

export const eventWrapper: Rule = {
  code: "FP138",
  slug: "event-wrapper",
  severity: "error",
  description:
    "A flow started by a list event card (webhookList: true) is exactly [event card → For Each - Ignore Errors (list:asyncEach) holding an inline flow] (§3.10).",
  check({ index }, report) {
    for (const flow of index.flows) {
      const scope = flow.scopes[0];
      if (!scope) continue;
      const root = rootOf(scope);
      if (!root || own(root.model, "webhookList") !== true) continue;
      const others = scope.cards.filter((c) => c !== root);
      const each = others[0];
      if (others.length !== 1 || !each || cardKind(each) !== "list:asyncEach") {
        report(
          ptr(scope.pointer, "methods"),
          "an event flow holds exactly two cards: the event card and a For Each - Ignore Errors card with the flow body inline",
        );
        continue;
      }
      const flo = floInput(each);
      if (flo === undefined) report(each.pointer, "the For Each card of an event flow holds the flow body as an inline flow");
      else if (!isObj(own(entryAt(entryAt(each.inputData, flo), "value"), "data"))) {
        report(
          ptr(entryPointer(each, "inputs", flo), "value", "data"),
          "the For Each card of an event flow holds the flow body as an inline flow",
        );
      }
    }
  },
};

/** The id of the card's first input whose key is `flo`. */
function floInput(card: CardView): string | undefined {
  const inputs = card.inputData;
  for (const id in inputs) if (entryAt(inputs, id)?.key === "flo") return id;
  return undefined;
}
