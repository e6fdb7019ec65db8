import type { Rule } from "./types.js";
import { entryAt, entryPointer, ptr } from "./model.js";

export const outputNotRequired: Rule = {
  code: "FP135",
  slug: "output-not-required",
  severity: "error",
  description: "Output entries never carry `required` (E5).",
  visitCard(card, report) {
    const outputs = card.outputData;
    for (const key in outputs) {
      const e = entryAt(outputs, key);
      if (e && Object.hasOwn(e, "required")) report(ptr(entryPointer(card, "outputs", key), "required"), "outputs have no `required` key");
    }
  },
};
