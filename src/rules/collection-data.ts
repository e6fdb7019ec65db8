import type { Rule } from "./types.js";
import { own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const collectionData: Rule = {
  code: "FP141",
  slug: "collection-data",
  severity: "error",
  description: "A list entry (`collection: true`) holds an array or null as its data.",
  visitCard(card, report) {
    for (const e of card.entries) {
      if (own(e.value, "collection") !== true || !e.value || !Object.hasOwn(e.value, "data")) continue;
      const data = e.value.data;
      if (data !== null && !Array.isArray(data)) report(ptr(e.pointer, "value", "data"), `a list entry (collection: true) holds an array or null, not ${show(data)}`);
    }
  },
};
