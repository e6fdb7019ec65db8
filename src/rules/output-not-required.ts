import type { Rule } from "./types.js";
import { entryPointer, ptr } from "./model.js";

export const outputNotRequired: Rule = {
  code: "FP135",
  slug: "output-not-required",
  severity: "error",
  description: "Output entries never carry `required` (E5).",
  visitEntry(e, report) {
    if (e.side === "outputs" && Object.hasOwn(e.raw, "required"))
      report(ptr(entryPointer(e.card, e.side, e.key), "required"), "outputs have no `required` key");
  },
};
