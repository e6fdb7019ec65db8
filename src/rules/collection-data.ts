import type { Rule } from "./types.js";
import { entryPointer, own, ptr } from "./model.js";
import { show } from "./_helpers.js";

export const collectionData: Rule = {
  code: "FP141",
  slug: "collection-data",
  severity: "error",
  description: "A list entry (`collection: true`) holds an array or null as its data.",
  visitEntry({ card, side, key, value }, report) {
    if (own(value, "collection") !== true || !value || !Object.hasOwn(value, "data")) return;
    const data = value.data;
    if (data !== null && !Array.isArray(data))
      report(
        ptr(entryPointer(card, side, key), "value", "data"),
        `a list entry (collection: true) holds an array or null, not ${show(data)}`,
      );
  },
};
