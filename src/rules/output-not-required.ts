import type { Rule } from "./types.js";
import { ptr } from "./model.js";

export const outputNotRequired: Rule = {
  code: "FP135",
  slug: "output-not-required",
  severity: "error",
  description: "Output entries never carry `required` (E5).",
  visitCard(card, report) {
    for (const e of card.outputs) if (Object.hasOwn(e.raw, "required")) report(ptr(e.pointer, "required"), "outputs have no `required` key");
  },
};
