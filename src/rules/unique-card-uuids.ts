import type { Rule } from "./types.js";
import { ptr } from "./model.js";

export const uniqueCardUuids: Rule = {
  code: "FP120",
  slug: "unique-card-uuids",
  severity: "error",
  description: "Card uuids are unique within a flow, counting the cards of its inline flows (G1).",
  check({ index }, report) {
    for (const flow of index.flows) {
      const seen = new Set<string>();
      for (const scope of flow.scopes) {
        for (const card of scope.cards) {
          if (card.uuid === undefined) continue;
          if (seen.has(card.uuid)) report(ptr(card.pointer, "uuid"), `card uuid ${JSON.stringify(card.uuid)} is used twice in this flow`);
          seen.add(card.uuid);
        }
      }
    }
  },
};
