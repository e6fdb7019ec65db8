import type { Rule } from "./types.js";
import { cardKind, ptr } from "./model.js";

export const singlePredecessor: Rule = {
  code: "FP204",
  slug: "single-predecessor",
  severity: "warning",
  description:
    "A card other than a Join has at most one incoming ordering, ignoring edges that start at object:expand cards: the main sequence is a chain.",
  check({ index }, report) {
    for (const scope of index.scopes) {
      const incoming = new Map<string, number>();
      for (const edge of scope.edges) {
        if (typeof edge.from !== "string" || typeof edge.to !== "string" || edge.from === edge.to) continue;
        const from = scope.byUuid.get(edge.from);
        if (from && cardKind(from) === "object:expand") continue;
        incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
      }
      for (const card of scope.cards) {
        const n = card.uuid === undefined ? 0 : (incoming.get(card.uuid) ?? 0);
        const kind = cardKind(card);
        if (n > 1 && kind !== "control:join" && kind !== "object:expand") {
          report(ptr(card.pointer, "uuid"), `card ${JSON.stringify(card.uuid)} has ${n} incoming orderings; only Join cards merge paths`);
        }
      }
    }
  },
};
