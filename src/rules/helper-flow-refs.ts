import type { Rule } from "./types.js";
import { own, ptr } from "./model.js";

export const helperFlowRefs: Rule = {
  code: "FP110",
  slug: "helper-flow-refs",
  severity: "error",
  description: "A `flo`-typed entry whose data is a non-empty string names a flow of the pack (helper-flow call, X3).",
  visitCard(card, report, { index }) {
    for (const e of card.entries) {
      if (own(e.value, "type") !== "flo") continue;
      const target = own(e.value, "data");
      if (typeof target === "string" && target !== "" && !index.flos.has(target)) {
        report(ptr(e.pointer, "value", "data"), `helper flow ${JSON.stringify(target)} is not in data.flos`);
      }
    }
  },
};
