import type { Report, Rule } from "./types.js";
import { entryAt, entryPointer, objAt, own, ptr, type CardView, type Obj, type Side } from "./model.js";
import { show } from "./_helpers.js";

export const collectionData: Rule = {
  code: "FP141",
  slug: "collection-data",
  severity: "error",
  description: "A list entry (`collection: true`) holds an array or null as its data.",
  visitCard(card, report) {
    checkSide(card, "inputs", card.inputData, report);
    checkSide(card, "outputs", card.outputData, report);
  },
};

function checkSide(card: CardView, side: Side, entries: Obj | undefined, report: Report): void {
  for (const key in entries) {
    const value = objAt(entryAt(entries, key), "value");
    if (own(value, "collection") !== true || !value || !Object.hasOwn(value, "data")) continue;
    const data = value.data;
    if (data !== null && !Array.isArray(data)) report(ptr(entryPointer(card, side, key), "value", "data"), `a list entry (collection: true) holds an array or null, not ${show(data)}`);
  }
}
