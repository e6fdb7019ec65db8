import type { Rule } from "./types.js";
import { entryAt, entryPointer, type CardView, type Obj, type Side } from "./model.js";
import type { Report } from "./types.js";

export const uniqueEntryIds: Rule = {
  code: "FP121",
  slug: "unique-entry-ids",
  severity: "error",
  description: "Input and output entry ids are unique within a flow, counting its inline flows.",
  check({ index }, report) {
    for (const flow of index.flows) {
      const seen = new Set<string>();
      for (const scope of flow.scopes) {
        for (const card of scope.cards) {
          checkSide(card, "inputs", card.inputData, seen, report);
          checkSide(card, "outputs", card.outputData, seen, report);
        }
      }
    }
  },
};

function checkSide(card: CardView, side: Side, entries: Obj | undefined, seen: Set<string>, report: Report): void {
  for (const key in entries) {
    if (!entryAt(entries, key)) continue;
    if (seen.has(key)) report(entryPointer(card, side, key), `entry id ${JSON.stringify(key)} is used twice in this flow`);
    seen.add(key);
  }
}
