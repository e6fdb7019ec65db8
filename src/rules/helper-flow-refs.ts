import type { Rule } from "./types.js";
import { entryPointer, own, ptr } from "./model.js";

export const helperFlowRefs: Rule = {
  code: "FP110",
  slug: "helper-flow-refs",
  severity: "error",
  description: "A `flo`-typed entry whose data is a non-empty string names a flow of the pack (helper-flow call, X3).",
  visitEntry({ card, side, key, value }, report, { index }) {
    if (own(value, "type") !== "flo") return;
    const target = own(value, "data");
    if (typeof target === "string" && target !== "" && !index.flos.has(target)) {
      report(ptr(entryPointer(card, side, key), "value", "data"), `helper flow ${JSON.stringify(target)} is not in data.flos`);
    }
  },
};
