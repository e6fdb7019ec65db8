import type { Rule } from "./types.js";
import { cardKind, isObj, own, ptr, rootOf } from "./model.js";
import { issue } from "./_helpers.js";

export const eventWrapper: Rule = {
  code: "FP138",
  slug: "event-wrapper",
  severity: "error",
  description: "A flow started by a list event card (webhookList: true) is exactly [event card → For Each - Ignore Errors (list:asyncEach) holding an inline flow] (§3.10).",
  *check({ index }) {
    for (const flow of index.flows) {
      const scope = flow.scopes[0];
      if (!scope) continue;
      const root = rootOf(scope);
      if (!root || own(root.model, "webhookList") !== true) continue;
      const others = scope.cards.filter((c) => c !== root);
      const each = others[0];
      const at = ptr(scope.pointer, "methods");
      if (others.length !== 1 || !each || cardKind(each) !== "list:asyncEach") {
        yield issue(at, "an event flow holds exactly two cards: the event card and a For Each - Ignore Errors card with the flow body inline");
        continue;
      }
      const flo = each.inputs.find((e) => e.raw.key === "flo");
      if (!flo || !isObj(own(flo.value, "data"))) yield issue(flo ? ptr(flo.pointer, "value", "data") : each.pointer, "the For Each card of an event flow holds the flow body as an inline flow");
    }
  },
};
