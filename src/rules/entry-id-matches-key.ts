import type { Report, Rule } from "./types.js";
import { entryAt, entryPointer, own, ptr, type CardView, type Obj, type Side } from "./model.js";
import { show } from "./_helpers.js";

export const entryIdMatchesKey: Rule = {
  code: "FP133",
  slug: "entry-id-matches-key",
  severity: "error",
  description: "An input or output entry's `id` equals its key in inputs.data / outputs.data (E1).",
  visitCard(card, report) {
    checkSide(card, "inputs", card.inputData, report);
    checkSide(card, "outputs", card.outputData, report);
  },
};

function checkSide(card: CardView, side: Side, entries: Obj | undefined, report: Report): void {
  for (const key in entries) {
    const e = entryAt(entries, key);
    if (!e) continue;
    const id = own(e, "id");
    if (id !== key) report(ptr(entryPointer(card, side, key), "id"), `entry id ${show(id)} differs from its key ${JSON.stringify(key)}`);
  }
}
