import type { Rule } from "./types.js";
import { issue } from "./_helpers.js";

export const uniqueEntryIds: Rule = {
  code: "FP121",
  slug: "unique-entry-ids",
  severity: "error",
  description: "Input and output entry ids are unique within a flow, counting its inline flows.",
  *check({ index }) {
    for (const flow of index.flows) {
      const seen = new Set<string>();
      for (const scope of flow.scopes) {
        for (const card of scope.cards) {
          for (const e of card.entries) {
            if (seen.has(e.key)) yield issue(e.pointer, `entry id ${JSON.stringify(e.key)} is used twice in this flow`);
            seen.add(e.key);
          }
        }
      }
    }
  },
};
