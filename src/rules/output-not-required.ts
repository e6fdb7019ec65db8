import type { Rule } from "./types.js";
import { ptr } from "./model.js";
import { issue } from "./_helpers.js";

export const outputNotRequired: Rule = {
  code: "FP135",
  slug: "output-not-required",
  severity: "error",
  description: "Output entries never carry `required` (E5).",
  *check({ index }) {
    for (const card of index.cards) {
      for (const e of card.outputs) if (Object.hasOwn(e.raw, "required")) yield issue(ptr(e.pointer, "required"), "outputs have no `required` key");
    }
  },
};
